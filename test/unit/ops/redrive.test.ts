import { describe, expect, it } from 'vitest';
import { findSubscriptions } from '../../../packages/ops/src/redrive.ts';

const outputs = {
  OrdersSubscriptionpaymenteventsQueueUrl: 'http://q/orders-payment',
  OrdersSubscriptionpaymenteventsDlqUrl: 'http://q/orders-payment-dlq',
  ShippingSubscriptionorderpaidQueueUrl: 'http://q/shipping-paid',
  ShippingSubscriptionorderpaidDlqUrl: 'http://q/shipping-paid-dlq',
  OrdersSubscriptionproductchangedDlqUrl: 'http://q/only-a-dlq',
  ApiUrl: 'http://api',
};

describe('findSubscriptions', () => {
  it('matches names loosely (case, hyphens) and pairs each queue with its DLQ', () => {
    expect(findSubscriptions(outputs, 'payment-events')).toEqual([
      {
        name: 'OrdersSubscriptionpaymentevents',
        queueUrl: 'http://q/orders-payment',
        dlqUrl: 'http://q/orders-payment-dlq',
      },
    ]);
    expect(findSubscriptions(outputs, 'ShippingSubscription-order-paid').map((s) => s.dlqUrl)).toEqual([
      'http://q/shipping-paid-dlq',
    ]);
  });

  it('lists every complete pair for an empty match, and nothing for an unknown name', () => {
    expect(
      findSubscriptions(outputs, '')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['OrdersSubscriptionpaymentevents', 'ShippingSubscriptionorderpaid']);
    expect(findSubscriptions(outputs, 'no-such')).toEqual([]);
  });
});
