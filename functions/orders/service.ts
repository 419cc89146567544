// The orders service: carts, checkout (the synchronous saga step: pricing quote → inventory reserve → order →
// payment authorize), orders for customers and staff, and the consumers that carry an order on from the
// payment, shipping and inventory events.
import {
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { ordersRoutes } from './routes.ts';
import { ordersSubscriptions } from './subscriptions.ts';

/** The stage settings the orders service reads (docs/orders.md). */
interface OrdersStage {
  readonly payments: { readonly providers: readonly string[]; readonly defaultProvider: string };
  readonly orders: {
    readonly homeCountry: string;
    readonly defaultCurrency: string;
    readonly holdSeconds: number;
    readonly refundApprovalAbove: Readonly<Record<string, number>>;
  };
}

export const ordersService = defineService<OrdersStage>({
  name: 'orders',
  description: 'Carts, checkout, and orders from payment to delivery, cancellation and refunds.',
  routes: ordersRoutes,
  subscriptions: ordersSubscriptions,
  publishes: [
    OrderCreated,
    OrderPaid,
    OrderFulfilmentStarted,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderRefunded,
  ],
  environment: ({ orders, payments }) => ({
    // Checkout refuses any other gateway (422) and records the default when the shopper names none.
    ORDERS_PAYMENT_PROVIDERS: payments.providers.join(','),
    ORDERS_DEFAULT_PAYMENT_PROVIDER: payments.defaultProvider,
    ORDERS_HOME_COUNTRY: orders.homeCountry,
    ORDERS_DEFAULT_CURRENCY: orders.defaultCurrency,
    ORDERS_HOLD_SECONDS: String(orders.holdSeconds),
    ORDERS_REFUND_APPROVAL_ABOVE: JSON.stringify(orders.refundApprovalAbove),
  }),
});
