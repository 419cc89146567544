// Catalogue promotions in search: promotion.started keeps the promotion's offer among the live ones,
// promotion.ended drops it, each only when later than what is kept (the promotion's version, then the
// change's own event, the start, the end); then the documents of the products its target names, and of
// those the offer it replaced named, are rebuilt (the indexer reads the live offers like every other part).
// docs/search.md, "Catalogue promotions".
import type { EventData, PromotionEnded, PromotionStarted } from '@commerce/events';
import type { ProductFinder, PromotionOffers } from './domain/ports.ts';
import type { PromotionOffer } from './domain/promotion-offers.ts';
import type { Indexer } from './indexer.ts';

type Cause = EventData<typeof PromotionStarted>['cause'];

const RANK: Record<Cause, number> = { change: 0, start: 1, end: 2 };

/** The order of a promotion's changes: by version, and at one version the change, the start, the end. */
export const positionOf = (version: number, cause: Cause): number => version * 3 + RANK[cause];

export class PromotionIndexer {
  readonly #offers: Pick<PromotionOffers, 'save'>;
  readonly #finder: ProductFinder;
  readonly #indexer: Pick<Indexer, 'refresh'>;

  constructor(
    offers: Pick<PromotionOffers, 'save'>,
    finder: ProductFinder,
    indexer: Pick<Indexer, 'refresh'>,
  ) {
    this.#offers = offers;
    this.#finder = finder;
    this.#indexer = indexer;
  }

  async started(data: EventData<typeof PromotionStarted>): Promise<void> {
    const { offer } = data;
    await this.#save(data.promotionId, positionOf(data.version, data.cause), {
      promotionId: offer.promotionId,
      badge: offer.badge,
      priority: offer.priority,
      reduction: offer.reduction,
      target: offer.target,
      ...(offer.currencies ? { currencies: offer.currencies } : {}),
    });
  }

  async ended(data: EventData<typeof PromotionEnded>): Promise<void> {
    await this.#save(data.promotionId, positionOf(data.version, data.cause), undefined, data.target);
  }

  async #save(
    promotionId: string,
    position: number,
    offer: PromotionOffer | undefined,
    target?: PromotionOffer['target'],
  ): Promise<void> {
    const saved = await this.#offers.save({ promotionId, position, offer });
    if (!saved.applied) return;
    const targets = [offer?.target ?? target, saved.before?.target].filter((t) => t !== undefined);
    const ids = await Promise.all(targets.map((t) => this.#finder.productsTargeted(t)));
    await this.#indexer.refresh([...new Set(ids.flat())]);
  }
}
