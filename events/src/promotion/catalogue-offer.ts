// promotion.started and promotion.ended: a catalogue promotion (a sale shoppers see before the cart: a badge
// and a lower price on the products it targets) begins or stops applying, at its scheduled start or end
// (EventBridge Scheduler) or at once when staff change a promotion that is live. Pricing's display price and
// search's documents keep the live offers from these events. `version` (the promotion's) and `cause` order
// them: at one version, the change's own event comes first, then the scheduled start, then the end.
import * as z from 'zod/mini';
import { defineEvent, type EventData } from '../envelope.ts';
import { currencySchema, reductionSchema, timestampSchema } from './model.ts';

const ids = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(10_000));

/** What a catalogue promotion targets, categories expanded: consumers match a product's own categoryIds. */
export const offerTargetSchema = z
  .strictObject({ skus: ids, productIds: ids, categoryIds: ids })
  .check(
    z.describe(
      'A product matches when any list holds its SKU, its id or one of its categories (each category with ' +
        'all its descendants already); every list empty: every product.',
    ),
  );

export const catalogueOfferSchema = z.strictObject({
  promotionId: z.string().check(z.minLength(1)),
  badge: z.string().check(z.minLength(1), z.maxLength(40)),
  /** Higher first, as in the promotion. */
  priority: z.number().check(z.int(), z.gte(0), z.lte(1_000)),
  /** Off each matching unit: a percentage (half up to the minor unit) or a fixed amount per currency. */
  reduction: reductionSchema,
  target: offerTargetSchema,
  /** Only in these currencies (the promotion's `currency` condition); absent: any it has an amount in. */
  currencies: z.optional(z.array(currencySchema).check(z.minLength(1), z.maxLength(20))),
  startsAt: z.optional(timestampSchema),
  endsAt: z.optional(timestampSchema),
});

const version = z.number().check(z.int(), z.gte(1), z.describe("The promotion's version."));
const cause = z
  .enum(['change', 'start', 'end'])
  .check(z.describe('A staff change of a live promotion, or its scheduled start or end.'));

export const PromotionStarted = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.started',
  version: 1,
  description:
    'A catalogue promotion applies from now on (its start came, or staff changed one that is live): its ' +
    'offer, for display prices and search documents.',
  data: z.strictObject({
    promotionId: z.string().check(z.minLength(1)),
    version,
    cause,
    offer: catalogueOfferSchema,
  }),
});

export const PromotionEnded = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.ended',
  version: 1,
  description:
    'A catalogue promotion no longer applies (its end came, or staff archived or changed it): the ' +
    'products its target names go back to their prices.',
  data: z.strictObject({
    promotionId: z.string().check(z.minLength(1)),
    version,
    cause,
    target: offerTargetSchema,
  }),
});

/** A catalogue promotion as promotion.started carries it (pricing and search keep it while it runs). */
export type CatalogueOffer = EventData<typeof PromotionStarted>['offer'];
