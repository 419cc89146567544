// Consumes payment.authorized (keeps the order's units held until the capture: extend; a hold already gone
// is acknowledged, orders cancels that order), order.paid (commits the order's reservation: the held units are sold) and order.cancelled
// (releases it: the units go back), through Inventory.orderPaid and orderCancelled. Both steps are
// idempotent, so a redelivery changes nothing. No reservation for the order: nothing to do (logged,
// acknowledged). A reservation that can no longer take the step (order.paid for one already expired or
// released) needs a person: the message goes to the DLQ at once, whose alarm tells the operator
// (docs/inventory.md, "Consumed events").
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import type { OrderStepOutcome } from '../inventory.ts';
import { inventory } from '../runtime.ts';
import { inventorySubscriptions } from '../subscriptions.ts';

function settled(outcome: OrderStepOutcome): void {
  if (outcome.kind === 'operator') throw new PoisonMessageError(outcome.why);
}

export const handler = eventConsumer(inventorySubscriptions['order-events'], {
  'payment.authorized': async ({ orderId }, event) =>
    settled(await inventory.paymentAuthorized(orderId, event)),
  'order.paid': async ({ orderId }, event) => settled(await inventory.orderPaid(orderId, event)),
  'order.cancelled': async ({ orderId, reason }, event) =>
    settled(await inventory.orderCancelled(orderId, reason, event)),
});
