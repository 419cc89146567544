// Which carriers this deployment can buy labels from and verify webhooks of, and their configuration.
// Only the sandbox carrier exists so far. Pure apart from reading what it is given; no AWS.
//
// The sandbox's webhook secret comes from SANDBOX_CARRIER_WEBHOOK_SECRET. The ServiceDefinition cannot
// attach a secret to a function yet, so no stage sets that variable: the `local` stage (and tests) fall
// back to LOCAL_SANDBOX_WEBHOOK_SECRET, a published value that authenticates nothing anywhere else, and
// every other stage refuses to use the sandbox carrier until the variable is set (docs/shipping.md).
import { NotFoundError } from '@commerce/lambda-kit/errors';
import type { CarrierAddress } from './domain/carrier.ts';
import type { Carrier } from './domain/ports.ts';
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

export interface CarrierConfig {
  /** The deployment stage; the local fallback secret applies to `local` only. */
  readonly stage?: string;
  readonly sandboxWebhookSecret?: string;
  /** Base URL of the sandbox's tracking page; without it shipments carry no tracking URL. */
  readonly sandboxTrackingBaseUrl?: string;
}

/** The sandbox webhook secret for a stage, or undefined when the stage has none configured. */
export function sandboxWebhookSecret(config: CarrierConfig): string | undefined {
  if (config.sandboxWebhookSecret !== undefined && config.sandboxWebhookSecret !== '') {
    return config.sandboxWebhookSecret;
  }
  return config.stage === undefined || config.stage === 'local' ? LOCAL_SANDBOX_WEBHOOK_SECRET : undefined;
}

/** Carriers by name, built on first use (one per Lambda container). */
export function carrierRegistry(config: CarrierConfig): (name: string) => Carrier {
  let sandbox: Carrier | undefined;
  return (name) => {
    if (name !== SANDBOX_CARRIER) throw new NotFoundError(`No carrier "${name}" is connected.`);
    if (sandbox === undefined) {
      const secret = sandboxWebhookSecret(config);
      if (secret === undefined) {
        // Not the caller's fault: a 500 with the reason in the logs.
        throw new Error(
          `SANDBOX_CARRIER_WEBHOOK_SECRET is not set; stage ${config.stage ?? '?'} has no sandbox secret.`,
        );
      }
      sandbox = sandboxCarrier({
        secret,
        ...(config.sandboxTrackingBaseUrl === undefined
          ? {}
          : { trackingBaseUrl: config.sandboxTrackingBaseUrl }),
      });
    }
    return sandbox;
  };
}
