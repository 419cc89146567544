// The shipping service's input schemas: HTTP paths and bodies (unknown fields rejected everywhere); the
// internal functions' payloads are their contracts (@commerce/contracts). What a schema cannot check
// (overlapping zones, brackets that do not ascend, a method of an unknown zone) the rate table check in
// domain/rates.ts refuses.
import { text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';

/** Largest amount accepted: 100 million major units of a 2-digit currency. */
const MAX_AMOUNT = 10_000_000_000;
const MAX_GRAMS = 10_000_000;

export const amount = z
  .number()
  .check(z.int(), z.gte(0), z.lte(MAX_AMOUNT), z.describe('Integer minor units (cents, pence, yen).'));
export const grams = z.number().check(z.int(), z.gte(0), z.lte(MAX_GRAMS), z.describe('Whole grams.'));
export const country = z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'));
export const region = z
  .string()
  .check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-AK.'));
export const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'));
export const slug = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'Lower-case letters and digits joined by hyphens, at most 64.',
    ),
  );
export const entityId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));
const version = z
  .number()
  .check(
    z.int(),
    z.gte(0),
    z.describe('The version you read; 0 when there is none yet. A stale one gets 409.'),
  );

export const zoneIdParams = z.strictObject({ id: slug });
export const methodIdParams = z.strictObject({ id: slug });
export const shipmentIdParams = z.strictObject({ id: entityId });
export const carrierParams = z.strictObject({ carrier: slug });

export const putZoneBody = z.strictObject({
  version,
  name: text(100),
  countries: z.array(country).check(z.minLength(1), z.maxLength(250)),
  regions: z
    .optional(z.array(region).check(z.minLength(1), z.maxLength(500)))
    .check(z.describe("ISO 3166-2 codes of the zone's countries; leave out to cover the countries wholly.")),
});

const flatRate = z.strictObject({ type: z.literal('flat'), amount });
const weightRate = z.strictObject({
  type: z.literal('weight'),
  brackets: z
    .array(
      z.strictObject({
        upToGrams: z
          .optional(z.number().check(z.int(), z.gte(1), z.lte(MAX_GRAMS)))
          .check(
            z.describe('Inclusive upper bound; leave out on the last bracket for "and anything heavier".'),
          ),
        amount,
      }),
    )
    .check(z.minLength(1), z.maxLength(50)),
});
export const rateSchema = z.discriminatedUnion('type', [flatRate, weightRate]);

export const putMethodBody = z.strictObject({
  version,
  zoneId: slug,
  name: text(100),
  carrier: z
    .optional(slug)
    .check(
      z.describe(
        'The carrier that ships it, one this stage allows (production: `manual`; local and dev also ' +
          '`sandbox`), else 422 `carrier-not-allowed`; leave out for the stage’s default carrier.',
      ),
    ),
  currency,
  rate: rateSchema,
  freeOver: z.optional(amount).check(z.describe('The subtotal at or above which the method costs nothing.')),
  minDays: z.number().check(z.int(), z.gte(0), z.lte(365)),
  maxDays: z.number().check(z.int(), z.gte(0), z.lte(365)),
});

export const destination = z.strictObject({ country, region: z.optional(region) });

/** The internal quoteRates takes the same cart (its contract, shippingQuoteRates, adds a correlation id). */
export const rateQuoteBody = z.strictObject({
  currency,
  subtotal: amount.check(
    z.describe('The merchandise value after discounts, which free shipping is measured against.'),
  ),
  totalWeightGrams: grams,
  destination,
});

export const markShippedBody = z.strictObject({
  trackingNumber: text(64).check(
    z.describe('The number the carrier that took the parcel gave it (replaces a manual `MANUAL-…`).'),
  ),
  carrier: slug.check(
    z.describe(
      'The carrier that took the parcel (`dhl`, `post-lu`, …); for the manual carrier, who it went to.',
    ),
  ),
  trackingUrl: z
    .optional(z.url().check(z.maxLength(2000)))
    .check(z.describe('The customer’s tracking page, if the carrier has one.')),
});
