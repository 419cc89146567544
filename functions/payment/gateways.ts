// Which gateways the payment functions can use and with which secrets, resolved once per container.
//
// Environment:
//   PAYMENT_PROVIDERS    the gateways this stage allows, comma-separated (`stripe`, `sandbox,stripe`);
//                        any other is refused with 422 `payment-provider-not-allowed` (payment.ts)
//   PAYMENT_PROVIDER     the provider of an authorize that names none; one of PAYMENT_PROVIDERS
//   PAYMENT_SECRET_ARN   optional: one Secrets Manager secret, a JSON object
//                        { "sandboxWebhookSecret"?, "stripeApiKey"?, "stripeWebhookSecret"? }
//   STRIPE_API_URL       optional: where the Stripe API is (stripe-mock: http://127.0.0.1:12111)
// A provider whose secrets are missing is refused with 422 `payment-provider-unavailable`. Without
// PAYMENT_SECRET_ARN the `local` stage (and only it) signs sandbox webhooks with LOCAL_SANDBOX_WEBHOOK_SECRET.
// functions/payment/service.ts sets them from the stage's `payments` setting (docs/payments.md, "Secrets").
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod/mini';
import type { PaymentProvider } from './domain/ports.ts';
import { LOCAL_SANDBOX_WEBHOOK_SECRET } from './local-secrets.ts';
import { SandboxProvider } from './providers/sandbox.ts';
import { providerNameSchema, type ProviderName } from './schemas.ts';

/** A comma-separated list of gateway names, at least one. */
const providerList = z.pipe(
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((list) => list.split(',').map((name) => name.trim())),
  ),
  z.array(providerNameSchema).check(z.minLength(1)),
);

export const gatewayEnvSchema = z.object({
  STAGE: z.string().check(z.minLength(1)),
  PAYMENT_PROVIDERS: providerList,
  PAYMENT_PROVIDER: providerNameSchema,
  PAYMENT_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  STRIPE_API_URL: z.optional(z.url()),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const paymentSecretsSchema = z.object({
  sandboxWebhookSecret: z.optional(z.string().check(z.minLength(16))),
  stripeApiKey: z.optional(z.string().check(z.startsWith('sk_'))),
  stripeWebhookSecret: z.optional(z.string().check(z.minLength(1))),
});
export type PaymentSecrets = z.infer<typeof paymentSecretsSchema>;

function unavailable(name: ProviderName): UnprocessableError {
  return new UnprocessableError(
    `The ${name} payment provider is not configured on this stage.`,
    'payment-provider-unavailable',
  );
}

/**
 * Builds a provider from the secrets; refuses one whose secrets are missing. The Stripe provider (and the
 * Stripe SDK, most of a payment function's bundle) is loaded only when a Stripe payment needs it, so the
 * sandbox's cold starts do not pay for it.
 */
export async function buildProvider(
  name: ProviderName,
  secrets: PaymentSecrets,
  env: GatewayEnv,
): Promise<PaymentProvider> {
  if (name === 'sandbox') {
    if (!secrets.sandboxWebhookSecret) throw unavailable(name);
    return new SandboxProvider({ webhookSecret: secrets.sandboxWebhookSecret });
  }
  if (!secrets.stripeApiKey || !secrets.stripeWebhookSecret) throw unavailable(name);
  const url = env.STRIPE_API_URL === undefined ? undefined : new URL(env.STRIPE_API_URL);
  const { StripeProvider } = await import('./providers/stripe.ts');
  return new StripeProvider({
    apiKey: secrets.stripeApiKey,
    webhookSecret: secrets.stripeWebhookSecret,
    ...(url
      ? {
          host: url.hostname,
          protocol: url.protocol === 'http:' ? 'http' : 'https',
          ...(url.port ? { port: Number(url.port) } : {}),
        }
      : {}),
    onCircuitChange: (status) => logger.warn('Payment gateway circuit changed', { gateway: name, status }),
  });
}

/** Reads the secrets: from Secrets Manager, or the local stage's fixed sandbox secret, or none. */
export async function loadSecrets(env: GatewayEnv): Promise<PaymentSecrets> {
  if (env.PAYMENT_SECRET_ARN) {
    const value = await getSecret(env.PAYMENT_SECRET_ARN, { maxAge: 3600 });
    const parsed = paymentSecretsSchema.safeParse(
      typeof value === 'string' ? (JSON.parse(value) as unknown) : value,
    );
    if (!parsed.success) throw new Error('The payment secret is not the expected JSON object.');
    return parsed.data;
  }
  if (env.STAGE === 'local') return { sandboxWebhookSecret: LOCAL_SANDBOX_WEBHOOK_SECRET };
  logger.error('PAYMENT_SECRET_ARN is not set: no payment provider is usable on this stage.');
  return {};
}

/** Providers by name, each built once per container (the Stripe one keeps its circuit breaker). */
export function providerRegistry(
  env: GatewayEnv,
  load: (env: GatewayEnv) => Promise<PaymentSecrets> = loadSecrets,
): (name: ProviderName) => Promise<PaymentProvider> {
  let secrets: Promise<PaymentSecrets> | undefined;
  const built = new Map<ProviderName, PaymentProvider>();
  return async (name) => {
    const known = built.get(name);
    if (known) return known;
    secrets ??= load(env);
    // A failed read is not cached: the next call tries again.
    secrets.catch(() => {
      secrets = undefined;
    });
    const provider = await buildProvider(name, await secrets, env);
    built.set(name, provider);
    return provider;
  };
}
