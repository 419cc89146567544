// Which carriers a stage lets shipping methods name (the stage's `shipping.carriers`, docs/shipping.md,
// "Carriers per stage") and the one rule that picks a method's carrier: the carrier it names, if the stage
// allows it, or else the stage's default carrier. Pure.
import { UnprocessableError } from '@commerce/lambda-kit/errors';

/** Every carrier the shipping service has an adapter for (../carriers/). */
export const CARRIER_NAMES = ['manual', 'sandbox'] as const;
export type CarrierName = (typeof CARRIER_NAMES)[number];

/** The carriers this stage allows, and the one a method that names none ships with. */
export interface CarrierPolicy {
  readonly carriers: readonly CarrierName[];
  readonly defaultCarrier: CarrierName;
}

export function isCarrierName(name: string): name is CarrierName {
  return (CARRIER_NAMES as readonly string[]).includes(name);
}

/** A carrier the stage does not allow; 422 with the pointer of the field that named it. */
export class CarrierNotAllowedError extends UnprocessableError {
  constructor(name: string, policy: CarrierPolicy, pointer = '/carrier') {
    super(
      `The carrier "${name}" is not available on this stage; use one of ${policy.carriers.join(', ')}.`,
      'carrier-not-allowed',
      [{ in: 'body', pointer, detail: `Must be one of ${policy.carriers.join(', ')}.` }],
    );
  }
}

/** The carrier a shipping method ships with: the one it names (allowed on this stage), or the default. */
export function carrierFor(requested: string | undefined, policy: CarrierPolicy): CarrierName {
  if (requested === undefined) return policy.defaultCarrier;
  if (!isCarrierName(requested) || !policy.carriers.includes(requested)) {
    throw new CarrierNotAllowedError(requested, policy);
  }
  return requested;
}

/** Reads a stage's policy from the environment's comma-separated list and default (runtime.ts). */
export function carrierPolicyOf(list: string, defaultCarrier: string): CarrierPolicy {
  const carriers = list.split(',').map((c) => c.trim());
  const unknown = carriers.filter((c) => !isCarrierName(c));
  if (unknown.length > 0 || carriers.length === 0) {
    throw new Error(`SHIPPING_CARRIERS names unknown carriers: ${unknown.join(', ') || '(none)'}`);
  }
  if (!carriers.includes(defaultCarrier)) {
    throw new Error(`SHIPPING_DEFAULT_CARRIER ${defaultCarrier} is not one of SHIPPING_CARRIERS`);
  }
  return { carriers: carriers as CarrierName[], defaultCarrier: defaultCarrier as CarrierName };
}
