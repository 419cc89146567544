// The goods on their way: fulfilling (the carrier issued the label), shipped, delivered, each announced with
// the shipment as the shipping service reported it. Pure.
import type { Order, OrderTransition, Shipment, ShipmentNotice, TransitionContext } from './order.ts';
import { orderDelivered, orderFulfilmentStarted, orderShipped } from './order-events.ts';
import { fulfilmentStage, moveTo } from './order-state.ts';

/** → fulfilling: the carrier issued the label and the warehouse starts picking. */
export function startFulfilment(
  order: Order,
  shipment: ShipmentNotice,
  ctx: TransitionContext,
): OrderTransition {
  const after = moveTo(order, 'fulfilling', ctx, {});
  return { order: after, events: [orderFulfilmentStarted(after, shipment)] };
}

/** → shipped, with the carrier's tracking. */
export function markShipped(order: Order, shipment: ShipmentNotice, ctx: TransitionContext): OrderTransition {
  const recorded: Shipment = {
    id: shipment.id,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    status: 'in_transit',
  };
  const after = moveTo(order, 'shipped', ctx, { shipment: recorded });
  return { order: after, events: [orderShipped(after, shipment)] };
}

/** → delivered; announced with the shipment as reported, else as the order recorded it. */
export function markDelivered(
  order: Order,
  shipment: ShipmentNotice | undefined,
  ctx: TransitionContext,
): OrderTransition {
  const recorded = order.shipment ? { ...order.shipment, status: 'delivered' as const } : undefined;
  const after = moveTo(order, 'delivered', ctx, recorded ? { shipment: recorded } : {});
  return { order: after, events: [orderDelivered(after, shipment)] };
}

const FULFILMENT_LINE = ['paid', 'fulfilling', 'shipped', 'delivered'] as const;

/**
 * Moves the order along its fulfilment line up to `target`, never back: each step it passes is taken in
 * turn (with its event), so a late or lost shipment event is filled in by the next one. An order not yet
 * paid, cancelled or refunded does not move.
 */
export function advanceFulfilment(
  order: Order,
  target: 'fulfilling' | 'shipped' | 'delivered',
  shipment: ShipmentNotice,
  ctx: TransitionContext,
): OrderTransition {
  const events: OrderTransition['events'][number][] = [];
  const goal = FULFILMENT_LINE.indexOf(target);
  let current = order;
  for (;;) {
    const at = FULFILMENT_LINE.indexOf(fulfilmentStage(current) as (typeof FULFILMENT_LINE)[number]);
    if (at < 0 || at >= goal || current.status === 'cancelled' || current.status === 'refunded') break;
    const next = FULFILMENT_LINE[at + 1];
    const step =
      next === 'fulfilling'
        ? startFulfilment(current, shipment, ctx)
        : next === 'shipped'
          ? markShipped(current, shipment, ctx)
          : markDelivered(current, shipment, ctx);
    current = step.order;
    events.push(...step.events);
  }
  return { order: current, events };
}
