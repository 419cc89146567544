// Invite a staff member or admin (POST /users): Cognito emails them a temporary password.
import { must } from '@commerce/web-kit';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { useConsole } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';

const inviteSchema = z.object({
  email: z.string().check(z.trim(), z.email('An email address.')),
  givenName: z.string(),
  familyName: z.string(),
  group: z.enum(['staff', 'admin']),
});
type InviteForm = z.infer<typeof inviteSchema>;

export function UserInvite(): JSX.Element {
  const { client } = useConsole();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<InviteForm>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', givenName: '', familyName: '', group: 'staff' },
  });
  const invite = useFormSave(form, {
    mutationFn: async (v: InviteForm) =>
      must(
        await client.POST('/users', {
          body: {
            email: v.email,
            group: v.group,
            ...(v.givenName.trim() ? { givenName: v.givenName.trim() } : {}),
            ...(v.familyName.trim() ? { familyName: v.familyName.trim() } : {}),
          },
        }),
      ),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      await navigate({ to: '/users/$id', params: { id: user.id } });
    },
    resolve: fieldsNamed('email', 'givenName', 'familyName', 'group'),
  });
  const errors = form.formState.errors;
  return (
    <section aria-labelledby="invite-title">
      <p className="crumbs">
        <Link to="/users">User list</Link>
      </p>
      <h1 id="invite-title">Invite a staff member</h1>
      <form noValidate onSubmit={invite.onSubmit((v) => v)}>
        <Field label="Email" error={errors.email?.message}>
          {(c) => <input {...c} type="email" autoComplete="off" {...form.register('email')} />}
        </Field>
        <Field label="Given name" error={errors.givenName?.message}>
          {(c) => <input {...c} {...form.register('givenName')} />}
        </Field>
        <Field label="Family name" error={errors.familyName?.message}>
          {(c) => <input {...c} {...form.register('familyName')} />}
        </Field>
        <Field label="Group" error={errors.group?.message}>
          {(c) => (
            <select {...c} {...form.register('group')}>
              <option value="staff">staff</option>
              <option value="admin">admin</option>
            </select>
          )}
        </Field>
        <FormAlert failure={invite.failure} />
        <button type="submit" className="primary" disabled={invite.mutation.isPending}>
          Invite
        </button>
      </form>
    </section>
  );
}
