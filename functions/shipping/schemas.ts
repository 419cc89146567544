// The shipping service's input schemas: HTTP paths and bodies (unknown fields rejected everywhere); the
// internal functions' payloads are their contracts (@commerce/contracts). What a schema cannot check
// (overlapping zones, brackets that do not ascend, a method of an unknown zone) the rate table check in
// domain/rates.ts refuses.
import * as z from 'zod';

/** Largest amount accepted: 100 million major units of a 2-digit currency. */
const MAX_AMOUNT = 10_000_000_000;
const MAX_GRAMS = 10_000_000;

export const amount = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT)
  .describe('Integer minor units (cents, pence, yen).');
export const grams = z.number().int().min(0).max(MAX_GRAMS).describe('Whole grams.');
export const country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.');
export const region = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-AK.');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.');
export const slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    'Lower-case letters and digits joined by hyphens, at most 64.',
  );
export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".');
const version = z
  .number()
  .int()
  .min(0)
  .describe('The version you read; 0 when there is none yet. A stale one gets 409.');

export const zoneIdParams = z.object({ id: slug }).strict();
export const methodIdParams = z.object({ id: slug }).strict();
export const shipmentIdParams = z.object({ id: entityId }).strict();
export const carrierParams = z.object({ carrier: slug }).strict();

export const putZoneBody = z
  .object({
    version,
    name: z.string().trim().min(1).max(100),
    countries: z.array(country).min(1).max(250),
    regions: z
      .array(region)
      .min(1)
      .max(500)
      .optional()
      .describe("ISO 3166-2 codes of the zone's countries; leave out to cover the countries wholly."),
  })
  .strict();

const flatRate = z.object({ type: z.literal('flat'), amount }).strict();
const weightRate = z
  .object({
    type: z.literal('weight'),
    brackets: z
      .array(
        z
          .object({
            upToGrams: z
              .number()
              .int()
              .min(1)
              .max(MAX_GRAMS)
              .optional()
              .describe('Inclusive upper bound; leave out on the last bracket for "and anything heavier".'),
            amount,
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export const rateSchema = z.discriminatedUnion('type', [flatRate, weightRate]);

export const putMethodBody = z
  .object({
    version,
    zoneId: slug,
    name: z.string().trim().min(1).max(100),
    carrier: slug.describe("The carrier that ships it; 'sandbox' is the one this stage can buy labels from."),
    currency,
    rate: rateSchema,
    freeOver: amount.optional().describe('The subtotal at or above which the method costs nothing.'),
    minDays: z.number().int().min(0).max(365),
    maxDays: z.number().int().min(0).max(365),
  })
  .strict();

export const destination = z.object({ country, region: region.optional() }).strict();

/** The internal quoteRates takes the same cart (its contract, shippingQuoteRates, adds a correlation id). */
export const rateQuoteBody = z
  .object({
    currency,
    subtotal: amount.describe(
      'The merchandise value after discounts, which free shipping is measured against.',
    ),
    totalWeightGrams: grams,
    destination,
  })
  .strict();

export const markShippedBody = z
  .object({
    trackingNumber: z.string().trim().min(1).max(64),
    carrier: slug,
    trackingUrl: z.url().max(2000).optional(),
  })
  .strict();
