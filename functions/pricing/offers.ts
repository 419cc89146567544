// Catalogue promotions in pricing: promotion.started keeps the promotion's offer, promotion.ended drops it,
// each only when later than what is kept (the promotion's version, then the change's own event, the start,
// the end); display prices read the live ones, which a function reuses for CACHE_MS (the set is small, and
// one Query reads it), so a start or an end shows on every product page within that time.
import type { EventData, PromotionEnded, PromotionStarted } from '@commerce/events';
import type { CatalogueOffer } from './domain/catalogue-offers.ts';
import type { OfferStore } from './domain/ports.ts';

/** How long the live offers are reused. */
export const CACHE_MS = 2_000;

type Cause = EventData<typeof PromotionStarted>['cause'];

const RANK: Record<Cause, number> = { change: 0, start: 1, end: 2 };

/** The order of a promotion's changes: by version, and at one version the change, the start, the end. */
export const positionOf = (version: number, cause: Cause): number => version * 3 + RANK[cause];

export class LiveOffers {
  readonly #store: OfferStore;
  readonly #now: () => number;
  #cached: { at: number; offers: Promise<CatalogueOffer[]> } | undefined;

  constructor(store: OfferStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  started(data: EventData<typeof PromotionStarted>): Promise<boolean> {
    const { offer } = data;
    return this.#store.save({
      promotionId: data.promotionId,
      position: positionOf(data.version, data.cause),
      offer: {
        promotionId: offer.promotionId,
        badge: offer.badge,
        priority: offer.priority,
        reduction: offer.reduction,
        target: offer.target,
        ...(offer.currencies ? { currencies: offer.currencies } : {}),
        ...(offer.startsAt ? { startsAt: offer.startsAt } : {}),
        ...(offer.endsAt ? { endsAt: offer.endsAt } : {}),
      },
    });
  }

  ended(data: EventData<typeof PromotionEnded>): Promise<boolean> {
    return this.#store.save({
      promotionId: data.promotionId,
      position: positionOf(data.version, data.cause),
      offer: undefined,
    });
  }

  /** The live offers, read at most once per CACHE_MS (a failed read is not kept). */
  live(): Promise<CatalogueOffer[]> {
    const now = this.#now();
    if (!this.#cached || now - this.#cached.at > CACHE_MS) {
      const offers = this.#store.live();
      this.#cached = { at: now, offers };
      offers.catch(() => (this.#cached = undefined));
    }
    return this.#cached.offers;
  }
}
