// What staff do to a review: decide on it (POST /reviews/{id}/decision: publish, or reject with a reason code
// and an optional note; rejecting a published one takes it down) and reply publicly under it (PUT
// /reviews/{id}/reply, replacing an earlier reply). Reasons about the rating are never offered.
import { must } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime } from '../../ui/money.ts';
import {
  REJECTION_REASONS,
  actorLabel,
  reasonLabel,
  type Decision,
  type RejectionReason,
  type StaffReview,
} from './review-status.ts';

const MAX_NOTE = 500;
const MAX_REPLY = 2000;

/** What a form hands the page after a write: the review as the API answered, and the sentence to show. */
export interface ActionProps {
  readonly review: StaffReview;
  readonly onDone: (next: StaffReview, notice: string) => void;
  /** Reads the review again (after a 409). */
  readonly onReload: () => void;
}

interface DecisionValues {
  reason: RejectionReason | '';
  note: string;
}

const DECISION_HINTS: Record<StaffReview['status'], string> = {
  pending: 'Publish shows the review to shoppers; Reject keeps it from them, with a reason.',
  published: 'The review is live. Reject takes it down, with a reason.',
  rejected: 'Publish shows the review after all; Reject with another reason changes the reason.',
};

export function DecisionForm({ review, onDone, onReload }: ActionProps): JSX.Element {
  const { client } = useConsole();
  const form = useForm<DecisionValues>({ defaultValues: { reason: '', note: '' } });
  const errors = form.formState.errors;
  const decide = useFormSave(form, {
    mutationFn: async (body: Decision) =>
      must(
        await client.POST('/reviews/{id}/decision', {
          params: { path: { id: review.id } },
          body,
        }),
      ),
    onSuccess: (next) =>
      onDone(
        next,
        next.status === 'rejected'
          ? `Review rejected: ${reasonLabel(next.rejection?.reason ?? '')}.`
          : `Review ${next.status}.`,
      ),
    resolve: fieldsNamed('reason', 'note'),
  });

  /** The note to send, or false (after marking the field) when it is too long. */
  const noteOf = (v: DecisionValues): { note?: string } | false => {
    const note = v.note.trim();
    if (note.length > MAX_NOTE) {
      form.setError('note', { message: `At most ${MAX_NOTE} characters (this is ${note.length}).` });
      return false;
    }
    return note ? { note } : {};
  };
  const publish = (v: DecisionValues): Decision | undefined => {
    form.clearErrors('reason');
    const note = noteOf(v);
    return note ? { decision: 'publish', ...note } : undefined;
  };
  const reject = (v: DecisionValues): Decision | undefined => {
    const note = noteOf(v);
    if (!v.reason) {
      form.setError('reason', { message: 'Choose why the review is rejected.' });
      return undefined;
    }
    return note ? { decision: 'reject', reason: v.reason, ...note } : undefined;
  };

  const pending = decide.mutation.isPending;
  return (
    <form className="panel" aria-labelledby="decision-title" noValidate onSubmit={decide.onSubmit(reject)}>
      <h2 id="decision-title">{review.status === 'published' ? 'Take down' : 'Decision'}</h2>
      <p className="hint">{DECISION_HINTS[review.status]}</p>
      <div className="row">
        <Field
          label="Reason"
          error={errors.reason?.message}
          hint="Needed to reject. Reviews are never rejected for their rating or for being negative."
        >
          {(c) => (
            <select {...c} {...form.register('reason')}>
              <option value="">Choose a reason</option>
              {REJECTION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {reasonLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Note"
          error={errors.note?.message}
          hint={`Optional, for staff: kept with the decision in the moderation log (up to ${MAX_NOTE} characters).`}
        >
          {(c) => <textarea {...c} rows={2} {...form.register('note')} />}
        </Field>
      </div>
      <FormAlert failure={decide.failure} onReload={onReload} />
      <div className="actions">
        {review.status !== 'published' && (
          <button type="button" className="primary" disabled={pending} onClick={decide.onSubmit(publish)}>
            Publish
          </button>
        )}
        <button type="submit" className="danger" disabled={pending}>
          Reject
        </button>
      </div>
    </form>
  );
}

export function ReplyForm({ review, onDone, onReload }: ActionProps): JSX.Element {
  const { client } = useConsole();
  const current = review.reply;
  const form = useForm<{ body: string }>({ defaultValues: { body: current?.body ?? '' } });
  const reply = useFormSave(form, {
    mutationFn: async (body: string) =>
      must(
        await client.PUT('/reviews/{id}/reply', {
          params: { path: { id: review.id } },
          body: { body },
        }),
      ),
    onSuccess: (next) => onDone(next, current ? 'Reply replaced.' : 'Reply saved.'),
    resolve: fieldsNamed('body'),
  });
  const prepare = (v: { body: string }): string | undefined => {
    const body = v.body.trim();
    const problem = !body
      ? 'Write the reply first.'
      : body.length > MAX_REPLY
        ? `At most ${MAX_REPLY} characters (this is ${body.length}).`
        : undefined;
    if (problem) form.setError('body', { message: problem });
    return problem ? undefined : body;
  };
  return (
    // Not named by its heading: "Reply" is the textarea's label alone, so a label lookup finds one control.
    <form className="panel" noValidate onSubmit={reply.onSubmit(prepare)}>
      <h2>Public reply</h2>
      {current ? (
        <>
          <p className="hint">
            The current reply, written {formatDateTime(current.at)} by {actorLabel(current.staffId)}; shoppers
            see it under the review once it is published. Saving replaces it.
          </p>
          <blockquote>{current.body}</blockquote>
        </>
      ) : (
        <p className="hint">
          No reply yet. A reply is shown to shoppers under the review once it is published.
        </p>
      )}
      <Field
        label="Reply"
        error={form.formState.errors.body?.message}
        hint={`Up to ${MAX_REPLY} characters.`}
      >
        {(c) => <textarea {...c} rows={4} {...form.register('body')} />}
      </Field>
      <FormAlert failure={reply.failure} onReload={onReload} />
      <div className="actions">
        <button type="submit" className="primary" disabled={reply.mutation.isPending}>
          Save reply
        </button>
      </div>
    </form>
  );
}
