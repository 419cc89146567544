// The gateway a checkout pays through: the one the shopper names, if this stage allows it, or the stage's
// default (the stage's `payments` setting, docs/payments.md). Checked before checkout touches its
// Idempotency-Key or anything else, so a refused gateway leaves no trace. Pure.
import { PAYMENT_PROVIDERS, type PaymentProviderName } from '@commerce/contracts';
import { UnprocessableError } from '@commerce/lambda-kit/errors';

/** The gateways this stage allows and the one a checkout that names none pays through. */
export interface PaymentProviderPolicy {
  readonly providers: readonly PaymentProviderName[];
  readonly defaultProvider: PaymentProviderName;
}

/** The checkout's gateway; 422 `payment-provider-not-allowed` at `/payment/provider` for another one. */
export function checkoutPaymentProvider(
  requested: string | undefined,
  policy: PaymentProviderPolicy,
): PaymentProviderName {
  if (requested === undefined) return policy.defaultProvider;
  const allowed: readonly string[] = policy.providers;
  if (!allowed.includes(requested)) {
    const list = policy.providers.join(', ');
    throw new UnprocessableError(
      `The ${requested} payment provider is not available here; pay with ${list}.`,
      'payment-provider-not-allowed',
      [{ in: 'body', pointer: '/payment/provider', detail: `Must be one of ${list}.` }],
    );
  }
  return requested as PaymentProviderName;
}

/** The checkout body with its gateway settled (named and allowed, or the default). */
export function withPaymentProvider<
  R extends { readonly payment: { readonly token: string; readonly provider?: string | undefined } },
>(
  request: R,
  policy: PaymentProviderPolicy,
): R & { readonly payment: R['payment'] & { readonly provider: PaymentProviderName } } {
  const provider = checkoutPaymentProvider(request.payment.provider, policy);
  return { ...request, payment: { ...request.payment, provider } };
}

/** Reads the policy from the environment (ORDERS_PAYMENT_PROVIDERS, ORDERS_DEFAULT_PAYMENT_PROVIDER). */
export function paymentProviderPolicy(list: string, defaultProvider: string): PaymentProviderPolicy {
  const known: readonly string[] = PAYMENT_PROVIDERS;
  const providers = list.split(',').map((name) => name.trim());
  const unknown = providers.filter((name) => !known.includes(name));
  if (providers.length === 0 || unknown.length > 0) {
    throw new Error(`ORDERS_PAYMENT_PROVIDERS names unknown gateways: ${unknown.join(', ')}`);
  }
  if (!providers.includes(defaultProvider)) {
    throw new Error(`ORDERS_DEFAULT_PAYMENT_PROVIDER ${defaultProvider} is not in ORDERS_PAYMENT_PROVIDERS`);
  }
  return {
    providers: providers as PaymentProviderName[],
    defaultProvider: defaultProvider as PaymentProviderName,
  };
}
