// Which carriers this deployment ships with and their configuration: the stage's allowed carriers
// (SHIPPING_CARRIERS, docs/shipping.md, "Carriers per stage"); any other name is "not connected" (422 when a
// shipment needs it, 404 on the webhook route). Pure apart from reading what it is given; no AWS.
//
// Secrets: the carriers' keys are one JSON object in Secrets Manager (commerce/<stage>/shipping, read by
// runtime.ts), created with a random `sandboxWebhookSecret` only on stages that allow the sandbox. The
// `local` stage has no secret and (only it) signs sandbox webhooks with LOCAL_SANDBOX_WEBHOOK_SECRET, a
// published value that authenticates nothing anywhere else. The manual carrier needs no key.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import * as z from 'zod/mini';
import type { CarrierAddress } from './domain/carrier.ts';
import type { CarrierName } from './domain/carrier-policy.ts';
import type { Carrier } from './domain/ports.ts';
import { MANUAL_CARRIER, manualCarrier } from './carriers/manual.ts';
import { SANDBOX_CARRIER, sandboxCarrier } from './carriers/sandbox.ts';

/** Local-only default of the sandbox webhook secret. Public: it must never guard a deployed stage. */
export const LOCAL_SANDBOX_WEBHOOK_SECRET = 'local-only-sandbox-carrier-secret-not-for-deployed-stages';

/** The sender on every label until warehouses carry their addresses (docs/shipping.md). */
export const DEFAULT_SENDER: CarrierAddress = {
  name: 'Commerce Fulfilment',
  line1: 'Lagerstrasse 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** The carriers' keys, as the secret holds them. */
export const carrierSecretsSchema = z.object({
  sandboxWebhookSecret: z.optional(z.string().check(z.minLength(16))),
});
export type CarrierSecrets = z.infer<typeof carrierSecretsSchema>;

export interface CarrierConfig {
  /** The deployment stage; the local fallback secret applies to `local` only. */
  readonly stage: string;
  /** The carriers this stage allows (SHIPPING_CARRIERS). */
  readonly carriers: readonly CarrierName[];
  /** The carriers' keys, read on first use (and again after a failed read); none on the local stage. */
  readonly secrets?: () => Promise<CarrierSecrets>;
  /** Base URL of the sandbox's tracking page; without it shipments carry no tracking URL. */
  readonly sandboxTrackingBaseUrl?: string;
}

/** The sandbox webhook secret for a stage, or undefined when the stage has none configured. */
export function sandboxWebhookSecret(stage: string, secrets: CarrierSecrets): string | undefined {
  if (secrets.sandboxWebhookSecret !== undefined) return secrets.sandboxWebhookSecret;
  return stage === 'local' ? LOCAL_SANDBOX_WEBHOOK_SECRET : undefined;
}

/**
 * A carrier whose adapter is built on first use from something asynchronous (its secret), behind the same
 * port; a failed build is not kept, so the next call tries again.
 */
function deferred(name: string, build: () => Promise<Carrier>): Carrier {
  let carrier: Promise<Carrier> | undefined;
  const get = (): Promise<Carrier> => {
    carrier ??= build().catch((error: unknown) => {
      carrier = undefined;
      throw error;
    });
    return carrier;
  };
  return {
    name,
    createShipment: async (request) => (await get()).createShipment(request),
    cancel: async (carrierRef) => (await get()).cancel(carrierRef),
    track: async (trackingNumber) => (await get()).track(trackingNumber),
    parseWebhook: async (rawBody, headers) => (await get()).parseWebhook(rawBody, headers),
  };
}

/** Carriers by name, each built once (one per Lambda container); NotFoundError for one not allowed here. */
export function carrierRegistry(config: CarrierConfig): (name: string) => Carrier {
  const allowed: readonly string[] = config.carriers;
  const secrets = config.secrets ?? (() => Promise.resolve({}));
  const built = new Map<string, Carrier>();
  const build = (name: string): Carrier => {
    if (name === MANUAL_CARRIER) return manualCarrier();
    if (name === SANDBOX_CARRIER) {
      return deferred(SANDBOX_CARRIER, async () => {
        const secret = sandboxWebhookSecret(config.stage, await secrets());
        // Not the caller's fault: a 500 with the reason in the logs.
        if (secret === undefined) throw new Error(`Stage ${config.stage} has no sandbox carrier secret.`);
        return sandboxCarrier({
          secret,
          ...(config.sandboxTrackingBaseUrl === undefined
            ? {}
            : { trackingBaseUrl: config.sandboxTrackingBaseUrl }),
        });
      });
    }
    throw new NotFoundError(`No carrier "${name}" is connected.`);
  };
  return (name) => {
    if (!allowed.includes(name)) throw new NotFoundError(`No carrier "${name}" is connected on this stage.`);
    let carrier = built.get(name);
    if (carrier === undefined) {
      carrier = build(name);
      built.set(name, carrier);
    }
    return carrier;
  };
}
