// What staff do to an order: cancel it (POST /orders/{id}/cancel, with a reason) and refund part of its
// payment (POST /orders/{id}/refunds, amount in minor units; above the stage's approval limit only an admin may).
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatMoney, toMajorText, toMinorUnits } from '../../ui/money.ts';

type Order = components['schemas']['Order'];

const CANCELLABLE: readonly Order['status'][] = ['pending_payment', 'paid', 'fulfilling'];

export function canCancel(order: Order): boolean {
  return CANCELLABLE.includes(order.status);
}

/** What is left to refund: captured money not yet refunded or being refunded. */
export function refundable(order: Order): number {
  const open = (order.refunds ?? [])
    .filter((r) => r.status === 'requested')
    .reduce((s, r) => s + r.amount, 0);
  return Math.max(0, order.payment.capturedAmount - order.payment.refundedAmount - open);
}

export function CancelOrder({ order, onDone }: { order: Order; onDone: (o: Order, notice: string) => void }) {
  const { client } = useConsole();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const cancel = useFormSave(form, {
    mutationFn: async (reason: string) =>
      must(
        await client.POST('/orders/{id}/cancel', {
          params: { path: { id: order.id } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: (next) => onDone(next, `Order cancelled: ${next.status.replaceAll('_', ' ')}.`),
    resolve: fieldsNamed('reason'),
  });
  return (
    <form
      className="panel"
      aria-labelledby="cancel-title"
      noValidate
      onSubmit={cancel.onSubmit((v) => v.reason.trim())}
    >
      <h2 id="cancel-title">Cancellation</h2>
      <p className="hint">
        Stock is released and any captured payment refunded. A fulfilling order is cancelled only if its
        carrier can still stop the parcel.
      </p>
      <Field label="Reason for cancelling" error={form.formState.errors.reason?.message}>
        {(c) => <input {...c} {...form.register('reason')} />}
      </Field>
      <FormAlert failure={cancel.failure} />
      <button type="submit" className="danger" disabled={cancel.mutation.isPending}>
        Cancel order
      </button>
    </form>
  );
}

export function RefundOrder({ order, onDone }: { order: Order; onDone: (o: Order, notice: string) => void }) {
  const { client } = useConsole();
  const session = useSession();
  const left = refundable(order);
  const schema = z.object({
    amount: z.string().check(
      z.refine(
        (t) => (toMinorUnits(t, order.currency) ?? 0) > 0,
        `An amount in ${order.currency}, e.g. 10.00.`,
      ),
      z.refine(
        (t) => (toMinorUnits(t, order.currency) ?? 0) <= left,
        `At most ${formatMoney(left, order.currency)}.`,
      ),
    ),
    reason: z.string(),
  });
  const form = useForm<{ amount: string; reason: string }>({
    resolver: zodResolver(schema),
    defaultValues: { amount: toMajorText(left, order.currency), reason: '' },
  });
  const refund = useFormSave(form, {
    mutationFn: async (v: { amount: number; reason: string }) =>
      must(
        await client.POST('/orders/{id}/refunds', {
          params: { path: { id: order.id } },
          body: { amount: v.amount, ...(v.reason ? { reason: v.reason } : {}) },
        }),
      ),
    onSuccess: (next) => {
      const last = next.refunds?.at(-1);
      onDone(
        next,
        last ? `Refund of ${formatMoney(last.amount, next.currency)}: ${last.status}.` : 'Refund asked for.',
      );
    },
    resolve: fieldsNamed('amount', 'reason'),
  });
  return (
    <form
      className="panel"
      aria-labelledby="refund-title"
      noValidate
      onSubmit={refund.onSubmit((v) => ({
        amount: toMinorUnits(v.amount, order.currency) ?? 0,
        reason: v.reason.trim(),
      }))}
    >
      <h2 id="refund-title">Refund</h2>
      <p className="hint">
        Up to {formatMoney(left, order.currency)} can be refunded.
        {session.groups.includes('admin')
          ? ''
          : ' Refunds above the approval limit of this stage need an admin.'}
      </p>
      <div className="row">
        <Field label={`Refund amount (${order.currency})`} error={form.formState.errors.amount?.message}>
          {(c) => <input {...c} inputMode="decimal" {...form.register('amount')} />}
        </Field>
        <Field label="Reason for refunding" error={form.formState.errors.reason?.message}>
          {(c) => <input {...c} {...form.register('reason')} />}
        </Field>
      </div>
      <FormAlert failure={refund.failure} />
      <button type="submit" className="primary" disabled={refund.mutation.isPending}>
        Refund
      </button>
    </form>
  );
}
