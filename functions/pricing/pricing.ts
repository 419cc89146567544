// Pricing's use cases: staff changes to prices, segment lists and tax (each decided by the domain and written
// with the price.changed it announces, the outbox, in one transaction), display prices, what pricing learns
// of catalog products, the internal quote and the internal price export.
import type { EventData, ProductCreated } from '@commerce/events';
import type {
  EvaluateReply,
  ExportPricesReply,
  promotionsEvaluate,
  QuoteRequest,
  RequestOf,
} from '@commerce/contracts';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { displayPrices, type DisplayPrices } from './domain/display-price.ts';
import type { LiveOffers } from './offers.ts';
import { money } from '@commerce/lambda-kit/money';
import type { PricingInputs, PricingStore } from './domain/ports.ts';
import { revisePriceList, reviseSkuPrices, reviseTaxTable } from './domain/price-revisions.ts';
import { effectiveUnitPrice } from './domain/price-book.ts';
import { quote, type Quote } from './domain/quote.ts';
import {
  productSkusOf,
  type CurrencyPrice,
  type PriceList,
  type PriceListEntry,
  type SkuPrices,
  type VersionedTaxTable,
} from './domain/records.ts';
import type { TaxTable } from './domain/tax.ts';

/** Loads what pricing `skus` for a customer in `segments` needs (the store's `loadPricing`). */
export type PricingLoader = (skus: readonly string[], segments: readonly string[]) => Promise<PricingInputs>;

/** The engine's quote with the moment it was priced, and what promotions answered when asked. */
export type PricedQuote = Quote & { readonly quotedAt: string; readonly promotions?: EvaluateReply };

/** Promotions' internal `evaluate`, as the quote asks it (peers.ts). */
export type AskPromotions = (request: RequestOf<typeof promotionsEvaluate>) => Promise<EvaluateReply>;

/** A published product's variant prices for a guest, as GET /product-prices/{id} answers them. */
export type ProductPrices = DisplayPrices & {
  readonly productId: string;
  readonly currency: string;
  readonly country: string;
  readonly region?: string;
};

/**
 * Prices a basket: loads the price book and tax table for it in one round trip and runs the engine. The
 * request is the contract's (pricingQuote in @commerce/contracts), validated before it gets here; what
 * cannot be priced is thrown as a DomainError (the internal function answers it as a refusal), anything
 * else is our failure.
 */
export async function priceQuote(
  request: QuoteRequest,
  load: PricingLoader,
  now: Date,
  askPromotions?: AskPromotions,
): Promise<PricedQuote> {
  const { lines, currency, segments, shippingAddress, shipping } = request;
  const { book, taxes, taxClassOf } = await load(
    lines.map((l) => l.sku),
    segments,
  );
  let discounts = request.discounts ?? [];
  let shippingAmount = shipping?.amount ?? 0;
  let promotions: EvaluateReply | undefined;
  if (request.promotions) {
    if (!askPromotions) throw new Error('This quote cannot ask promotions (no client wired).');
    // Promotions see the unit prices the shopper pays before them (sales and segment prices applied).
    promotions = await askPromotions({
      currency,
      lines: lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: effectiveUnitPrice(book, { sku: l.sku, currency, segments, at: now }).effective.amount,
      })),
      shipping,
      shippingCountry: shippingAddress.country,
      buyer: { ...request.promotions.buyer, segments: [...segments] },
      codes: request.promotions.codes,
      ...(request.promotions.orderId === undefined ? {} : { orderId: request.promotions.orderId }),
      correlationId: request.correlationId,
    });
    discounts = [
      ...discounts,
      ...promotions.applied.flatMap((applied) =>
        applied.lines.flatMap((amount, lineIndex) =>
          amount > 0 ? [{ code: applied.promotionId, amount, lineIndex }] : [],
        ),
      ),
    ];
    shippingAmount -= promotions.shippingDiscount;
  }
  const priced = quote(
    {
      currency,
      segments,
      lines: lines.map((l) => ({ ...l, taxClass: taxClassOf(l.sku) })),
      shippingAddress,
      shipping: shipping && { method: shipping.method, amount: money(shippingAmount, currency) },
      discounts: discounts.map((d) => ({ ...d, amount: money(d.amount, currency) })),
      at: now,
    },
    book,
    taxes,
  );
  return { ...priced, quotedAt: now.toISOString(), ...(promotions ? { promotions } : {}) };
}

/**
 * What the internal price export answers for `skus`: the stored prices of each that has any (in the order
 * asked, each once), and every segment's list with only its entries for them (a list without any stays, so
 * the caller learns every segment's version and priority). Records' bookkeeping (updatedAt) stays home.
 */
export function priceExport(
  skus: readonly string[],
  skuPrices: readonly SkuPrices[],
  lists: readonly PriceList[],
): ExportPricesReply {
  const asked = new Set(skus);
  const bySku = new Map(skuPrices.map((p) => [p.sku, p]));
  const prices = [...asked].flatMap((sku) => {
    const stored = bySku.get(sku);
    if (!stored) return [];
    const byCurrency: ExportPricesReply['prices'][number]['prices'] = {};
    for (const [currency, price] of Object.entries(stored.prices)) {
      byCurrency[currency] = {
        amount: price.amount,
        sales: price.sales.map((s) => ({
          amount: s.amount,
          validFrom: s.validFrom,
          ...(s.validUntil !== undefined ? { validUntil: s.validUntil } : {}),
        })),
      };
    }
    return [{ sku, version: stored.version, prices: byCurrency }];
  });
  const segments = lists.map((list) => ({
    segment: list.segment,
    version: list.version,
    priority: list.priority,
    entries: list.entries
      .filter((e) => asked.has(e.sku))
      .map((e) => ({ sku: e.sku, currency: e.currency, amount: e.amount })),
  }));
  return { prices, segments };
}

export class Pricing {
  readonly #store: PricingStore;
  readonly #clock: () => Date;

  readonly #askPromotions: AskPromotions | undefined;
  /** The live catalogue promotions display prices show (offers.ts); none when not wired. */
  readonly #offers: Pick<LiveOffers, 'live'> | undefined;

  constructor(
    store: PricingStore,
    clock: () => Date = () => new Date(),
    askPromotions?: AskPromotions,
    offers?: Pick<LiveOffers, 'live'>,
  ) {
    this.#store = store;
    this.#clock = clock;
    this.#askPromotions = askPromotions;
    this.#offers = offers;
  }

  async skuPrices(sku: string): Promise<SkuPrices> {
    const prices = await this.#store.getSkuPrices(sku);
    if (!prices) throw new NotFoundError(`SKU ${sku} has no prices.`);
    return prices;
  }

  /** Replaces the SKU's base and sale prices in every currency, read at `version` (0: it has none yet). */
  async setSkuPrices(
    sku: string,
    request: {
      readonly version: number;
      readonly prices: Readonly<Record<string, CurrencyPrice | undefined>>;
    },
    context: EventContext,
  ): Promise<SkuPrices> {
    const now = this.#clock();
    const revision = reviseSkuPrices(await this.#store.getSkuPrices(sku), sku, request, now);
    if (revision.events.length > 0) {
      await this.#store.saveSkuPrices(
        revision.after,
        request.version,
        toOutbox(revision.events, context, now),
      );
    }
    return revision.after;
  }

  priceLists(): Promise<PriceList[]> {
    return this.#store.listPriceLists();
  }

  /** Replaces a segment's price list, read at `version` (0 for a new list). */
  async setPriceList(
    segment: string,
    request: {
      readonly version: number;
      readonly priority: number;
      readonly entries: readonly PriceListEntry[];
    },
    context: EventContext,
  ): Promise<PriceList> {
    const now = this.#clock();
    const revision = revisePriceList(await this.#store.getPriceList(segment), segment, request, now);
    if (revision.events.length > 0) {
      await this.#store.savePriceList(
        revision.after,
        request.version,
        toOutbox(revision.events, context, now),
      );
    }
    return revision.after;
  }

  taxTable(): Promise<VersionedTaxTable> {
    return this.#store.getTaxTable();
  }

  /** Replaces the tax table, read at `version` (0 before the first). */
  async setTaxTable(
    request: TaxTable & { readonly version: number },
    context: EventContext,
  ): Promise<VersionedTaxTable> {
    const now = this.#clock();
    const revision = reviseTaxTable(await this.#store.getTaxTable(), request, now);
    if (revision.events.length > 0) {
      await this.#store.saveTaxTable(
        revision.after,
        request.version,
        toOutbox(revision.events, context, now),
      );
    }
    return revision.after;
  }

  /**
   * A published product's variant prices for a guest (no segment) in a currency at a destination, in the
   * destination's tax mode, each with the best live catalogue promotion for it. 404 for a product pricing
   * has not heard of from the catalog, or not published.
   */
  async productPrices(
    productId: string,
    query: { readonly currency: string; readonly country: string; readonly region?: string | undefined },
  ): Promise<ProductPrices> {
    const product = await this.#store.getProduct(productId);
    if (!product || product.status !== 'published') throw new NotFoundError(`No product ${productId}.`);
    const { currency, country, region } = query;
    const destination = region === undefined ? { country } : { country, region };
    const [{ book, taxes, taxClassOf }, offers] = await Promise.all([
      this.#store.loadPricing(
        product.variants.map((v) => v.sku),
        [],
      ),
      this.#offers?.live() ?? [],
    ]);
    const prices = displayPrices(book, taxes, {
      currency,
      destination,
      variants: product.variants.map((v) => ({ sku: v.sku, taxClass: taxClassOf(v.sku) })),
      at: this.#clock(),
      product: { productId: product.productId, categoryIds: product.categoryIds ?? [] },
      offers,
    });
    return { productId: product.productId, currency, ...destination, ...prices };
  }

  /**
   * Records a catalog product's status and SKUs (and their tax class) from its snapshot in a product.*
   * event. An event older than what is recorded changes nothing, so late deliveries cannot roll it back.
   */
  async learnProduct(snapshot: EventData<typeof ProductCreated>): Promise<void> {
    const product = productSkusOf(snapshot);
    // Two events of one product racing (created and updated delivered together): the loser reads again.
    await retryOnConflict(
      async () => {
        const previous = await this.#store.getProduct(product.productId);
        if (previous && previous.productVersion >= product.productVersion) return;
        await this.#store.saveProduct(product, previous);
      },
      { versionConflicts: true },
    );
  }

  /** The internal price export (search's reindex): two reads, the SKUs' prices and every segment list. */
  async exportPrices(skus: readonly string[]): Promise<ExportPricesReply> {
    const [skuPrices, lists] = await Promise.all([
      this.#store.listSkuPrices(skus),
      this.#store.listPriceLists(),
    ]);
    return priceExport(skus, skuPrices, lists);
  }

  /** The internal quote. */
  quote(request: QuoteRequest): Promise<PricedQuote> {
    return priceQuote(
      request,
      (skus, segments) => this.#store.loadPricing(skus, segments),
      this.#clock(),
      this.#askPromotions,
    );
  }
}
