// What applies to a priced basket (internal `evaluate`, which pricing's quote asks): the candidates (the
// active automatic promotions and the promotions of the codes entered), the basket's items with their
// products and categories (with ancestors), the usage of each candidate's limits, then the rule engine.
// The automatic promotions and the category tree are kept in memory for a short time (CACHE_MS), so a
// staff change applies to every quote within that time; usage is read fresh every time.
import { ancestorsOf, type CategoryParents, type SkuCopy } from './catalog-copy.ts';
import type { Basket, Buyer as BasketBuyer } from './domain/basket.ts';
import { evaluate, type Candidate, type Evaluation } from './domain/engine.ts';
import type { PromotionRecord, PromotionStore, RedemptionLedger } from './domain/ports.ts';
import { normalizeCode, normalizeEmail } from './domain/promotion.ts';

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
    readonly firstOrder: boolean;
  };
  readonly codes: readonly string[];
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
  readonly #ledger: Pick<RedemptionLedger, 'usage'>;
  readonly #catalog: CatalogReads;
  readonly #clock: () => Date;
  readonly #automatic: Cached<PromotionRecord[]>;
  readonly #parents: Cached<CategoryParents>;

  constructor(
    store: Pick<PromotionStore, 'byCode' | 'activeAutomatic'>,
    ledger: Pick<RedemptionLedger, 'usage'>,
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
    const [automatic, coded, skus, parents] = await Promise.all([
      this.#automatic.get(),
      Promise.all(codes.map(async (code) => ({ code, promotion: await this.#store.byCode(code) }))),
      this.#catalog.skus(request.lines.map((l) => l.sku)),
      this.#parents.get(),
    ]);
    const candidates: Candidate[] = automatic.map((promotion) => ({ promotion }));
    for (const { code, promotion } of coded) {
      if (promotion && !candidates.some((c) => c.promotion.id === promotion.id)) {
        candidates.push({ promotion, code });
      }
    }
    const buyer = request.buyer;
    const buyerKey = buyer.customerId
      ? `c:${buyer.customerId}`
      : buyer.email
        ? `e:${normalizeEmail(buyer.email)}`
        : undefined;
    const usage = await this.#ledger.usage(
      candidates.map((c) => c.promotion.id),
      buyerKey,
    );
    const basketBuyer: BasketBuyer = {
      signedIn: buyer.signedIn,
      ...(buyer.customerId ? { customerId: buyer.customerId } : {}),
      ...(buyer.email ? { email: normalizeEmail(buyer.email) } : {}),
      segments: buyer.segments,
      firstOrder: buyer.firstOrder,
    };
    const basket: Basket = {
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
      buyer: basketBuyer,
      codes,
      at: this.#clock(),
    };
    return {
      ...evaluate(basket, candidates, usage),
      unknownCodes: coded.filter((c) => !c.promotion).map((c) => c.code),
    };
  }
}
