import { orderCancelReasonSchema } from '@commerce/events';
import { describe, expect, it } from 'vitest';
import {
  releaseReasonFor,
  type OrderCancelReason,
} from '../../../functions/inventory/domain/order-events.ts';

describe('releaseReasonFor', () => {
  it('releases for payment_failed when the money never came', () => {
    expect(releaseReasonFor('payment_failed')).toBe('payment_failed');
    expect(releaseReasonFor('payment_timeout')).toBe('payment_failed');
  });

  it('releases for order_cancelled on every other cancellation', () => {
    expect(releaseReasonFor('customer_request')).toBe('order_cancelled');
    expect(releaseReasonFor('staff')).toBe('order_cancelled');
    expect(releaseReasonFor('reservation_expired')).toBe('order_cancelled');
  });

  it("knows every reason the event catalog's order.cancelled can carry", () => {
    // Assignable only while the catalog's reasons are all known here.
    const reasons: readonly OrderCancelReason[] = orderCancelReasonSchema.options;
    for (const reason of reasons) {
      expect(['order_cancelled', 'payment_failed']).toContain(releaseReasonFor(reason));
    }
    expect(reasons).toHaveLength(5);
  });
});
