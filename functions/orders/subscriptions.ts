// The orders service's bus subscriptions: the CDK app builds their rules and queues, the consumers read the
// same entries.
import {
  CustomerDeleted,
  CustomerRegistered,
  CustomerUpdated,
  InventoryReservationExpired,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentInTransit,
} from '@commerce/events';
import { paymentCapture, paymentVoid, promotionsRelease, shippingCancelShipment } from '@commerce/contracts';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const ordersSubscriptions = defineSubscriptions('orders', {
  'product-changed': {
    entry: 'consumers/product-changed.ts',
    description: 'learns which SKUs are for sale, their titles and weights',
    events: [ProductCreated, ProductUpdated, ProductArchived],
  },
  'customer-changed': {
    entry: 'consumers/customer-changed.ts',
    description: "learns each customer's price segments",
    events: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
  },
  'payment-events': {
    entry: 'consumers/payment-events.ts',
    description: 'captures authorized payments, marks orders paid, cancels failed ones, records refunds',
    events: [PaymentAuthorized, PaymentCaptured, PaymentFailed, PaymentRefunded],
    invokes: [paymentCapture, paymentVoid],
  },
  'fulfilment-events': {
    entry: 'consumers/fulfilment-events.ts',
    description:
      'moves orders along their shipment; cancels those whose stock hold ran out (releases the promotions of a hold without an order)',
    events: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, InventoryReservationExpired],
    // A shipment created for an order cancelled meanwhile is stopped; the promotions of a checkout that
    // held stock and died before placing its order are released.
    invokes: [shippingCancelShipment, promotionsRelease],
  },
});
