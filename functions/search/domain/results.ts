// The shopper's answer from OpenSearch's: hits with the caller's price and highlighted matches as plain
// parts (never HTML), and the facets grouped for display. Pure; no AWS.
import type { Availability, Offer } from './document.ts';
import { offerKey } from './document.ts';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, RATING_BUCKETS, type SearchRequest } from './query.ts';

type Json = Record<string, unknown>;

export interface TextPart {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly id: string;
  readonly handle: string;
  readonly title: string;
  readonly highlights?: { readonly title?: TextPart[]; readonly description?: TextPart[] };
  readonly price?: {
    readonly currency: string;
    readonly amount: number;
    readonly listAmount?: number;
    /** The badge of the catalogue promotion the amount is after. */
    readonly badge?: string;
  };
  readonly availability: Availability;
  readonly rating?: { readonly average: number; readonly count: number };
  readonly image?: string;
}

export interface Facets {
  readonly categories: { id: string; count: number; selected: boolean }[];
  readonly attributes: { name: string; values: { value: string; count: number; selected: boolean }[] }[];
  readonly price: { from?: number; to?: number; count: number }[];
  readonly availability: { inStock: boolean; count: number; selected: boolean }[];
  readonly rating: { min: number; count: number; selected: boolean }[];
}

export interface SearchAnswer {
  readonly items: SearchHit[];
  readonly total: number;
  readonly totalIsExact: boolean;
  readonly facets: Facets;
  /** The sort values of the last hit when more may follow (the cursor carries them). */
  readonly after?: (string | number)[];
}

/** Splits `a \u0002b\u0003 c` into parts, marking what matched. */
export function highlightParts(fragment: string): TextPart[] {
  const parts: TextPart[] = [];
  for (const piece of fragment.split(HIGHLIGHT_OPEN)) {
    const close = piece.indexOf(HIGHLIGHT_CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), match: true });
    const rest = piece.slice(close + 1);
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

/**
 * The price the caller pays from: per variant the lowest offer of their highest-priority segment group that
 * prices it (see query.ts), else its base offer; then the lowest over the variants.
 */
export function callerPrice(
  offers: readonly Offer[],
  currency: string,
  groups: readonly (readonly string[])[],
): SearchHit['price'] {
  const bySku = new Map<string, Offer[]>();
  for (const o of offers) {
    if (o.currency !== currency) continue;
    bySku.set(o.sku, [...(bySku.get(o.sku) ?? []), o]);
  }
  let best: Offer | undefined;
  for (const skuOffers of bySku.values()) {
    const keysOf = (group: readonly string[]) => new Set(group.map((s) => offerKey(s, currency)));
    const group = groups.map(keysOf).find((keys) => skuOffers.some((o) => keys.has(o.key)));
    const applying = skuOffers.filter((o) =>
      group ? group.has(o.key) : o.key === offerKey('base', currency),
    );
    for (const o of applying) if (best === undefined || o.amount < best.amount) best = o;
  }
  if (!best) return undefined;
  return {
    currency,
    amount: best.amount,
    ...(best.listAmount !== undefined && best.listAmount > best.amount
      ? { listAmount: best.listAmount }
      : {}),
    ...(best.badge === undefined ? {} : { badge: best.badge }),
  };
}

const buckets = (agg: unknown): Json[] => (agg as { values?: { buckets?: Json[] } })?.values?.buckets ?? [];

export function readAnswer(response: Json, request: SearchRequest): SearchAnswer {
  const hits = (response.hits as { total?: { value: number; relation: string }; hits: Json[] }) ?? {
    hits: [],
  };
  const items = hits.hits.map((hit): SearchHit => {
    const source = hit._source as {
      id: string;
      handle: string;
      title: string;
      offers?: Offer[];
      availability: Availability;
      rating?: number;
      reviewCount?: number;
      image?: string;
    };
    const hl = hit.highlight as { title?: string[]; description?: string[] } | undefined;
    const price = callerPrice(source.offers ?? [], request.currency, request.segments);
    const highlights = {
      ...(hl?.title?.[0] ? { title: highlightParts(hl.title[0]) } : {}),
      ...(hl?.description?.[0] ? { description: highlightParts(hl.description[0]) } : {}),
    };
    return {
      id: source.id,
      handle: source.handle,
      title: source.title,
      ...(Object.keys(highlights).length > 0 ? { highlights } : {}),
      ...(price ? { price } : {}),
      availability: source.availability,
      ...(source.reviewCount ? { rating: { average: source.rating ?? 0, count: source.reviewCount } } : {}),
      ...(source.image ? { image: source.image } : {}),
    };
  });
  const aggs = (response.aggregations ?? {}) as Record<string, Json>;

  const selectedAttributes = request.attributes;
  const attributeCounts = new Map<string, Map<string, number>>();
  const collect = (agg: unknown, only?: string) => {
    for (const b of buckets(agg)) {
      const key = String(b.key);
      const at = key.indexOf(':');
      const name = key.slice(0, at);
      if (only !== undefined ? name !== only : name in selectedAttributes) continue;
      let values = attributeCounts.get(name);
      if (!values) attributeCounts.set(name, (values = new Map<string, number>()));
      values.set(key.slice(at + 1), b.doc_count as number);
    }
  };
  collect(aggs.attributes);
  Object.keys(selectedAttributes).forEach((name, i) => collect(aggs[`attr${i}`], name));
  const attributes = [...attributeCounts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, values]) => ({
      name,
      values: [...values]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, count]) => ({
          value,
          count,
          selected: (selectedAttributes[name] ?? []).includes(value),
        })),
    }));

  const priceAgg = (aggs.price as { offers?: { caller?: Json } } | undefined)?.offers?.caller;
  const price = buckets(priceAgg)
    .map((b) => ({
      ...(typeof b.from === 'number' ? { from: b.from } : {}),
      ...(typeof b.to === 'number' ? { to: b.to } : {}),
      count: (b.products as { doc_count: number }).doc_count,
    }))
    .filter((b) => b.count > 0);

  const last = hits.hits.at(-1);
  return {
    items,
    total: hits.total?.value ?? items.length,
    totalIsExact: hits.total?.relation !== 'gte',
    facets: {
      categories: buckets(aggs.categories).map((b) => ({
        id: String(b.key),
        count: b.doc_count as number,
        selected: b.key === request.category,
      })),
      attributes,
      price,
      availability: buckets(aggs.availability).map((b) => ({
        inStock: b.key === 1 || b.key === true || b.key_as_string === 'true',
        count: b.doc_count as number,
        selected: request.inStock !== undefined && (b.key_as_string === 'true') === request.inStock,
      })),
      rating: RATING_BUCKETS.map((min) => ({
        min,
        count: (buckets(aggs.rating).find((b) => b.key === String(min))?.doc_count as number) ?? 0,
        selected: request.minRating === min,
      })),
    },
    ...(last && items.length === request.limit ? { after: last.sort as (string | number)[] } : {}),
  };
}

/** The completion answer: distinct product titles with their ids. */
export function readSuggestions(response: Json): { text: string; id: string; handle?: string }[] {
  const options =
    (response.suggest as { products?: { options?: Json[] }[] } | undefined)?.products?.[0]?.options ?? [];
  return options.map((o) => {
    const source = (o._source ?? {}) as { title?: string; handle?: string };
    return {
      text: source.title ?? String(o.text),
      id: String(o._id),
      ...(source.handle === undefined ? {} : { handle: source.handle }),
    };
  });
}
