// Catalogue promotions moved by EventBridge Scheduler: when staff change a promotion with a badge, its edges
// still to come get one-time schedules (`<id>-start`, `<id>-end`) that invoke internal `scheduleFired` at
// their time, and a change that starts or ends a live one publishes promotion.started or promotion.ended with
// itself. A fired edge publishes only for the promotion's current version, once: the promotion item records
// the last edge fired at its version, under a condition, in the transaction that writes the event.
// docs/promotions.md, "Catalogue promotions".
import { PromotionEnded, PromotionStarted } from '@commerce/events';
import { outboxItem, type OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import {
  catalogueOffer,
  edgesAfter,
  isLive,
  isScheduled,
  type CatalogueOffer,
  type CategoryParents,
  type Edge,
} from './domain/catalogue.ts';
import type { PromotionRecord, PromotionStore } from './domain/ports.ts';

/** What a schedule hands `scheduleFired`: which edge of which version of a promotion came. */
export interface EdgeFired {
  readonly promotionId: string;
  readonly edge: Edge;
  readonly version: number;
}

/** One-time schedules (scheduler.ts: EventBridge Scheduler, deleted once they ran). */
export interface Schedules {
  /** Creates the schedule `name`, or moves it, to invoke `scheduleFired` with `input` at `at`. */
  put(name: string, at: Date, input: EdgeFired): Promise<void>;
  /** Deletes it; one that is not there is fine. */
  remove(name: string): Promise<void>;
}

/** The edges fired, recorded on the promotion item (edge-ledger.ts). */
export interface EdgeLedger {
  /**
   * Records the fired edge with its event in one transaction, only while the promotion is at its version and
   * that edge (or, for a start, the end) has not been recorded at it: false when it changed nothing.
   */
  record(fired: EdgeFired, outbox: readonly OutboxItem[]): Promise<boolean>;
}

export type FiredOutcome = 'published' | 'stale' | 'repeated';

export const scheduleName = (promotionId: string, edge: Edge): string => `${promotionId}-${edge}`;

export class CataloguePromotions {
  readonly #store: Pick<PromotionStore, 'get'>;
  readonly #edges: EdgeLedger;
  readonly #schedules: Schedules;
  readonly #categories: () => Promise<CategoryParents>;
  readonly #clock: () => Date;

  constructor(deps: {
    store: Pick<PromotionStore, 'get'>;
    edges: EdgeLedger;
    schedules: Schedules;
    /** The category tree (catalog-copy.ts), to expand a target's categories to their descendants. */
    categories: () => Promise<CategoryParents>;
    clock?: () => Date;
  }) {
    this.#store = deps.store;
    this.#edges = deps.edges;
    this.#schedules = deps.schedules;
    this.#categories = deps.categories;
    this.#clock = deps.clock ?? (() => new Date());
  }

  async #offer(promotion: PromotionRecord): Promise<CatalogueOffer> {
    const offer = catalogueOffer(promotion, await this.#categories());
    if (!offer) throw new Error(`Promotion ${promotion.id} is not a catalogue promotion`);
    return offer;
  }

  /**
   * The event a change publishes in its own transaction: promotion.started when the promotion is live after
   * it (its offer as changed), promotion.ended when it was live before and is not any more. None for others.
   */
  async changeEvents(
    before: PromotionRecord | undefined,
    after: PromotionRecord,
    context: EventContext,
    now: Date,
  ): Promise<OutboxItem[]> {
    const data = { promotionId: after.id, version: after.version, cause: 'change' as const };
    if (isLive(after, now)) {
      return [outboxItem(PromotionStarted, { ...data, offer: await this.#offer(after) }, context, now)];
    }
    if (before && isLive(before, now)) {
      const { target } = await this.#offer(before);
      return [outboxItem(PromotionEnded, { ...data, target }, context, now)];
    }
    return [];
  }

  /**
   * After a change: the promotion's edges still to come are scheduled at their times for its new version,
   * the others' schedules removed. A promotion that had no badge before and has none now is left alone.
   */
  async reschedule(before: PromotionRecord | undefined, after: PromotionRecord, now: Date): Promise<void> {
    if (before?.badge === undefined && after.badge === undefined) return;
    const coming = edgesAfter(after, now);
    await Promise.all(
      (['start', 'end'] as const).map((edge) => {
        const name = scheduleName(after.id, edge);
        const at = coming.find((c) => c.edge === edge)?.at;
        return at
          ? this.#schedules.put(name, at, { promotionId: after.id, edge, version: after.version })
          : this.#schedules.remove(name);
      }),
    );
  }

  /**
   * A schedule fired: publishes promotion.started or promotion.ended when the schedule is of the promotion's
   * current version and it is still a catalogue promotion staff set to run; a start that comes after the
   * end does nothing. A redelivered fire finds its edge recorded and publishes nothing.
   */
  async fired(fired: EdgeFired, context: EventContext): Promise<FiredOutcome> {
    const promotion = await this.#store.get(fired.promotionId);
    if (!promotion || promotion.version !== fired.version || !isScheduled(promotion)) return 'stale';
    const now = this.#clock();
    const ended = promotion.endsAt !== undefined && Date.parse(promotion.endsAt) <= now.getTime();
    if (fired.edge === 'start' && ended) return 'stale';
    const offer = await this.#offer(promotion);
    const data = { promotionId: promotion.id, version: promotion.version, cause: fired.edge };
    const event =
      fired.edge === 'start'
        ? outboxItem(PromotionStarted, { ...data, offer }, context, now)
        : outboxItem(PromotionEnded, { ...data, target: offer.target }, context, now);
    return (await this.#edges.record(fired, [event])) ? 'published' : 'repeated';
  }
}
