// What applies to a priced basket (internal `evaluate`, which pricing's quote asks): the candidates (the
// active automatic promotions and the promotions of the codes entered, a single-use code saying whether an
// order holds it), the basket's items with their products and categories (with ancestors), the usage of
// the limits of each candidate that may apply, then the rule engine.
// The automatic promotions and the category tree are kept in memory for a short time (CACHE_MS), so a
// staff change applies to every quote within that time; usage is read fresh every time.
import { ancestorsOf, type CategoryParents, type SkuCopy } from './catalog-copy.ts';
import type { Basket, Buyer as BasketBuyer } from './domain/basket.ts';
import { firstFailed } from './domain/conditions.ts';
import { evaluate, scheduleReason, type Candidate, type Evaluation, type Usage } from './domain/engine.ts';
import type { PromotionRecord, PromotionStore, RedemptionLedger } from './domain/ports.ts';
import { normalizeCode, normalizeEmail, type Promotion } from './domain/promotion.ts';

const hasLimits = ({ limits }: Promotion): boolean =>
  limits.redemptions !== undefined || limits.perCustomer !== undefined || limits.budget !== undefined;

/** How long the automatic promotions and the category tree are reused. */
export const CACHE_MS = 2_000;

export interface EvaluationRequest {
  readonly currency: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: number }[];
  readonly shipping: { readonly method: string; readonly amount: number } | null;
  readonly shippingCountry?: string | undefined;
  readonly buyer: {
    readonly signedIn: boolean;
    readonly customerId?: string | undefined;
    readonly email?: string | undefined;
    readonly segments: readonly string[];
    /** Undefined: worked out from the ledger (no paid order of the buyer yet), when a candidate asks. */
    readonly firstOrder?: boolean | undefined;
  };
  readonly codes: readonly string[];
  /** The order a checkout prices: what it holds already does not count against it. */
  readonly orderId?: string | undefined;
}

export interface EvaluationAnswer extends Evaluation {
  /** Codes entered that belong to no promotion (normalized). */
  readonly unknownCodes: readonly string[];
}

interface CatalogReads {
  skus(skus: readonly string[]): Promise<Map<string, SkuCopy>>;
  categoryParents(): Promise<Map<string, string | null>>;
}

/** A value loaded at most once per CACHE_MS (a failed load is not kept). */
class Cached<T> {
  readonly #load: () => Promise<T>;
  readonly #now: () => number;
  #value: { at: number; value: Promise<T> } | undefined;

  constructor(load: () => Promise<T>, now: () => number) {
    this.#load = load;
    this.#now = now;
  }

  get(): Promise<T> {
    if (!this.#value || this.#now() - this.#value.at > CACHE_MS) {
      const value = this.#load();
      this.#value = { at: this.#now(), value };
      value.catch(() => (this.#value = undefined));
    }
    return this.#value.value;
  }
}

export class Evaluator {
  readonly #store: Pick<PromotionStore, 'byCode'>;
  readonly #ledger: Pick<RedemptionLedger, 'usage' | 'hasPaidOrder' | 'redemptionsOf'>;
  readonly #catalog: CatalogReads;
  readonly #clock: () => Date;
  readonly #automatic: Cached<PromotionRecord[]>;
  readonly #parents: Cached<CategoryParents>;

  constructor(
    store: Pick<PromotionStore, 'byCode' | 'activeAutomatic'>,
    ledger: Pick<RedemptionLedger, 'usage' | 'hasPaidOrder' | 'redemptionsOf'>,
    catalog: CatalogReads,
    clock: () => Date = () => new Date(),
  ) {
    this.#store = store;
    this.#ledger = ledger;
    this.#catalog = catalog;
    this.#clock = clock;
    const now = () => clock().getTime();
    this.#automatic = new Cached(() => store.activeAutomatic(), now);
    this.#parents = new Cached(() => catalog.categoryParents(), now);
  }

  async evaluate(request: EvaluationRequest): Promise<EvaluationAnswer> {
    const codes = [...new Set(request.codes.map(normalizeCode))];
    const [automatic, coded, skus, parents, held] = await Promise.all([
      this.#automatic.get(),
      Promise.all(codes.map(async (code) => ({ code, promotion: await this.#store.byCode(code) }))),
      this.#catalog.skus(request.lines.map((l) => l.sku)),
      this.#parents.get(),
      // A resumed checkout's own redemptions (reserved by its first attempt): not held against it.
      request.orderId === undefined
        ? []
        : this.#ledger
            .redemptionsOf(request.orderId)
            .then((all) => all.filter((r) => r.status !== 'released')),
    ]);
    const candidates: Candidate[] = automatic.map((promotion) => ({ promotion }));
    for (const { code, promotion } of coded) {
      if (promotion && !candidates.some((c) => c.promotion.id === promotion.id)) {
        const usedBy = promotion.singleUse?.usedBy;
        const codeUsed = usedBy !== undefined && usedBy !== request.orderId;
        candidates.push({ promotion, code, ...(codeUsed ? { codeUsed } : {}) });
      }
    }
    const buyer = request.buyer;
    const buyerKey = buyer.customerId
      ? `c:${buyer.customerId}`
      : buyer.email
        ? `e:${normalizeEmail(buyer.email)}`
        : undefined;
    const draftBuyer: BasketBuyer = {
      signedIn: buyer.signedIn,
      ...(buyer.customerId ? { customerId: buyer.customerId } : {}),
      ...(buyer.email ? { email: normalizeEmail(buyer.email) } : {}),
      segments: buyer.segments,
      firstOrder: buyer.firstOrder ?? true,
    };
    const draft: Basket = {
      currency: request.currency,
      lines: request.lines.map((line) => {
        const copy = skus.get(line.sku);
        return {
          ...line,
          productId: copy?.productId ?? '',
          categoryIds: ancestorsOf(copy?.categoryIds ?? [], parents),
        };
      }),
      shipping: request.shipping,
      ...(request.shippingCountry ? { shippingCountry: request.shippingCountry } : {}),
      buyer: draftBuyer,
      codes,
      at: this.#clock(),
    };
    // Usage is read only for the candidates the engine will ask it of: those with limits, running now, whose
    // conditions hold (a first order assumed until known, so none is left out). Whether it is the buyer's
    // first order is read only when a candidate asks, beside the usage.
    const limited = candidates
      .filter(({ promotion: p }) => hasLimits(p) && !scheduleReason(p, draft.at))
      .filter(({ promotion: p }) => firstFailed(p.conditions, draft) === undefined);
    const asksFirstOrder = candidates.some((c) =>
      c.promotion.conditions.some((condition) => condition.kind === 'first-order'),
    );
    const [usage, firstOrder] = await Promise.all([
      limited.length === 0
        ? new Map<string, Usage>()
        : this.#ledger.usage(
            limited.map((c) => c.promotion.id),
            buyerKey,
          ),
      buyer.firstOrder !== undefined || !asksFirstOrder || buyerKey === undefined
        ? (buyer.firstOrder ?? false)
        : this.#ledger.hasPaidOrder(buyerKey).then((paid) => !paid),
    ]);
    const basket: Basket = { ...draft, buyer: { ...draftBuyer, firstOrder } };
    for (const own of held) {
      const counted = usage.get(own.promotionId);
      if (counted) {
        usage.set(own.promotionId, {
          redemptions: Math.max(0, counted.redemptions - 1),
          budgetUsed: Math.max(0, counted.budgetUsed - own.amount),
          byBuyer: Math.max(0, counted.byBuyer - (own.buyer === buyerKey ? 1 : 0)),
        });
      }
    }
    return {
      ...evaluate(basket, candidates, usage),
      unknownCodes: coded.filter((c) => !c.promotion).map((c) => c.code),
    };
  }
}
