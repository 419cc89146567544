// The gateway of a checkout: the one named if the stage allows it, else the stage's default; a gateway the
// stage does not allow is a 422 at /payment/provider. The local stage allows both gateways, so this refusal
// is proven here rather than end to end (docs/payments.md).
import { describe, expect, it } from 'vitest';
import {
  checkoutPaymentProvider,
  paymentProviderPolicy,
  withPaymentProvider,
} from '../../../functions/orders/domain/payment-provider.ts';

const prod = paymentProviderPolicy('stripe', 'stripe');
const local = paymentProviderPolicy('sandbox,stripe', 'sandbox');

describe('the checkout gateway', () => {
  it('is the stage default when the shopper names none', () => {
    expect(checkoutPaymentProvider(undefined, prod)).toBe('stripe');
    expect(checkoutPaymentProvider(undefined, local)).toBe('sandbox');
  });

  it('is the named gateway when the stage allows it', () => {
    expect(checkoutPaymentProvider('stripe', local)).toBe('stripe');
    expect(checkoutPaymentProvider('sandbox', local)).toBe('sandbox');
  });

  it('refuses the sandbox on a stage with real gateways only: 422 payment-provider-not-allowed', () => {
    expect(() => checkoutPaymentProvider('sandbox', prod)).toThrow(
      expect.objectContaining({
        status: 422,
        problemType: 'payment-provider-not-allowed',
        errors: [{ in: 'body', pointer: '/payment/provider', detail: 'Must be one of stripe.' }],
      }),
    );
  });

  it('settles the body: the default filled in, everything else kept', () => {
    const body = {
      payment: { token: 'pm_card_visa', returnUrl: 'https://shop.example/back' },
      smsUpdates: true,
    };
    expect(withPaymentProvider(body, prod)).toEqual({
      payment: { token: 'pm_card_visa', returnUrl: 'https://shop.example/back', provider: 'stripe' },
      smsUpdates: true,
    });
    expect(() => withPaymentProvider({ payment: { token: 't', provider: 'sandbox' } }, prod)).toThrow(
      /not available/,
    );
  });

  it('reads its policy from the environment and refuses an inconsistent one at cold start', () => {
    expect(local).toEqual({ providers: ['sandbox', 'stripe'], defaultProvider: 'sandbox' });
    expect(() => paymentProviderPolicy('stripe', 'sandbox')).toThrow(/not in ORDERS_PAYMENT_PROVIDERS/);
    expect(() => paymentProviderPolicy('stripe,paypal', 'stripe')).toThrow(/unknown gateways: paypal/);
  });
});
