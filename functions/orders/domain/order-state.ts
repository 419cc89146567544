// The order's state machine: which status may follow which, and the two moves every step is made of
// (`touch` for a change that keeps the status, `moveTo` for a new status with its history entry). Pure.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import type { Order, OrderStatus, StatusChange, TransitionContext } from './order.ts';

/** The statuses on the way to the customer, in order; refunds and cancellation sit beside this line. */
export const FULFILMENT_STAGES = ['pending_payment', 'paid', 'fulfilling', 'shipped', 'delivered'] as const;
export type FulfilmentStage = (typeof FULFILMENT_STAGES)[number];

/** Statuses from which nothing moves: the order is over. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded'];

/** A move the state machine does not allow; `from` and `to` name the statuses. */
export class IllegalTransitionError extends UnprocessableError {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super(`Order ${orderId} cannot go from ${from} to ${to}.`, 'illegal-transition');
    this.from = from;
    this.to = to;
  }
}

const NEXT_STAGE: Readonly<Record<FulfilmentStage, FulfilmentStage | undefined>> = {
  pending_payment: 'paid',
  paid: 'fulfilling',
  fulfilling: 'shipped',
  shipped: 'delivered',
  delivered: undefined,
};

/**
 * Cancellation stops at `fulfilling`: once a parcel is handed to a carrier we can no longer keep the goods
 * from the customer, so the way back is a return and a refund, not a cancellation.
 */
const CANCELLABLE_STAGES: ReadonlySet<FulfilmentStage> = new Set(['pending_payment', 'paid', 'fulfilling']);

function isStage(status: OrderStatus): status is FulfilmentStage {
  return (FULFILMENT_STAGES as readonly string[]).includes(status);
}

/**
 * Where the goods are, whatever happened to the money: the current status when it is on the fulfilment
 * line, otherwise the last such status in the history. A partial refund (one line out of stock, a goodwill
 * gesture) does not stop the rest of the order: a `partially_refunded` order moves on from this stage.
 */
export function fulfilmentStage(order: Order): FulfilmentStage {
  if (isStage(order.status)) return order.status;
  for (let i = order.history.length - 1; i >= 0; i--) {
    const status = order.history[i]!.status;
    if (isStage(status)) return status;
  }
  return 'pending_payment';
}

/**
 * The statuses the order may move to next:
 * - along the line pending_payment → paid → fulfilling → shipped → delivered (from partially_refunded too,
 *   continuing from its fulfilment stage);
 * - to cancelled while the stage is pending_payment, paid or fulfilling (see CANCELLABLE_STAGES);
 * - to partially_refunded or refunded once paid (refunds accumulate; which of the two is decided by the
 *   amount, see `refund`);
 * - nothing from cancelled or refunded.
 */
export function allowedTransitions(order: Order): readonly OrderStatus[] {
  if (TERMINAL_STATUSES.includes(order.status)) return [];
  const stage = fulfilmentStage(order);
  const next = NEXT_STAGE[stage];
  return [
    ...(next ? [next] : []),
    ...(CANCELLABLE_STAGES.has(stage) ? (['cancelled'] as const) : []),
    ...(stage !== 'pending_payment' ? (['partially_refunded', 'refunded'] as const) : []),
  ];
}

export function canTransition(order: Order, to: OrderStatus): boolean {
  return allowedTransitions(order).includes(to);
}

export function assertTransition(order: Order, to: OrderStatus): void {
  if (!canTransition(order, to)) throw new IllegalTransitionError(order.id, order.status, to);
}

// ---------------------------------------------------------------------------------------------------------
// The moves the steps are made of

export function historyEntry(status: OrderStatus, ctx: TransitionContext): StatusChange {
  return {
    status,
    at: ctx.at.toISOString(),
    ...(ctx.reason !== undefined ? { reason: ctx.reason } : {}),
    ...(ctx.actor !== undefined ? { actor: ctx.actor } : {}),
  };
}

/** The order with `patch` applied, one version on; the status stays. */
export function touch(order: Order, ctx: TransitionContext, patch: Partial<Order>): Order {
  return { ...order, ...patch, version: order.version + 1, updatedAt: ctx.at.toISOString() };
}

/** The order in status `to` (if the machine allows it), with its history entry and `patch` applied. */
export function moveTo(order: Order, to: OrderStatus, ctx: TransitionContext, patch: Partial<Order>): Order {
  assertTransition(order, to);
  return touch(order, ctx, { ...patch, status: to, history: [...order.history, historyEntry(to, ctx)] });
}
