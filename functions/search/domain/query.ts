// The OpenSearch request for a shopper's search: the text with typo tolerance and synonyms, the filters,
// the disjunctive facets (each counted under every filter but its own), the caller's price, the sort and
// the merchandising rules. Pure; no AWS. docs/search.md, "Queries".
import { BASE_KEY, offerKey } from './document.ts';
import { mergeRules, queryUnits, type MerchandisingRule, type Synonym } from './merchandising.ts';

type Json = Record<string, unknown>;

export const SORTS = ['relevance', 'price-asc', 'price-desc', 'newest', 'rating'] as const;
export type SortKey = (typeof SORTS)[number];

export interface SearchRequest {
  readonly q?: string | undefined;
  readonly category?: string | undefined;
  /** Attribute name → the values any of which a product must have. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly currency: string;
  readonly minPrice?: number | undefined;
  readonly maxPrice?: number | undefined;
  readonly inStock?: boolean | undefined;
  readonly minRating?: number | undefined;
  readonly sort: SortKey;
  readonly limit: number;
  /** The sort values of the last hit of the previous page. */
  readonly after?: readonly (string | number)[] | undefined;
  /**
   * The caller's segments that have a price list, grouped by priority, highest first (segments of equal
   * priority share a group: pricing gives their lowest price).
   */
  readonly segments: readonly (readonly string[])[];
}

/** Upper bounds (exclusive) of the price buckets, in major units; the last bucket is open. */
export const PRICE_BUCKET_BOUNDS = [10, 25, 50, 100, 250, 500] as const;
export const RATING_BUCKETS = [4, 3, 2, 1] as const;

export const TEXT_FIELDS = [
  'title^4',
  'title.en^3',
  'title.de^3',
  'attributeText^2',
  'attributeText.en',
  'attributeText.de',
  'categoryNames^2',
  'description',
  'description.en',
  'description.de',
];

export const HIGHLIGHT_OPEN = '\u0002';
export const HIGHLIGHT_CLOSE = '\u0003';

/**
 * Which offers of each variant apply to the caller: those of the highest-priority group of their segments
 * that prices the variant in the currency (the lowest of them is what pricing charges, and what a `min` sort
 * and the answer's price take), else the base offer.
 */
export function offerFilter(currency: string, groups: readonly (readonly string[])[]): Json {
  const should: Json[] = groups.map((group, i) => {
    const higher = groups.slice(0, i).flat();
    return {
      bool: {
        filter: [
          group.length === 1
            ? { term: { 'offers.key': offerKey(group[0]!, currency) } }
            : { terms: { 'offers.key': group.map((s) => offerKey(s, currency)) } },
        ],
        ...(higher.length === 0 ? {} : { must_not: [{ terms: { 'offers.segments': higher } }] }),
      },
    };
  });
  const all = groups.flat();
  should.push({
    bool: {
      filter: [{ term: { 'offers.key': offerKey(BASE_KEY, currency) } }],
      ...(all.length === 0 ? {} : { must_not: [{ terms: { 'offers.segments': all } }] }),
    },
  });
  return { bool: { should, minimum_should_match: 1 } };
}

function textQuery(q: string, synonyms: readonly Synonym[]): Json | undefined {
  const units = queryUnits(q, synonyms);
  if (units.length === 0) return undefined;
  const match = (text: string): Json => ({
    multi_match: {
      query: text,
      fields: TEXT_FIELDS,
      type: 'best_fields',
      operator: 'and',
      fuzziness: 'AUTO',
      prefix_length: 1,
    },
  });
  const must = units.map((u) =>
    u.alternatives.length === 0
      ? match(u.text)
      : { bool: { should: [match(u.text), ...u.alternatives.map(match)], minimum_should_match: 1 } },
  );
  const all = units.map((u) => u.text).join(' ');
  return {
    bool: {
      should: [
        { bool: { must } },
        // A SKU typed exactly finds its product first.
        { term: { skus: { value: all, boost: 20 } } },
      ],
      minimum_should_match: 1,
    },
  };
}

/** The filters of a request by facet name, so each facet can be counted without its own. */
export function facetFilters(request: SearchRequest): Map<string, Json> {
  const filters = new Map<string, Json>();
  if (request.category !== undefined) {
    filters.set('category', { term: { categoryPath: request.category } });
  }
  for (const [name, values] of Object.entries(request.attributes)) {
    if (values.length > 0) {
      filters.set(`attr:${name}`, { terms: { facets: values.map((v) => `${name}:${v}`) } });
    }
  }
  if (request.minPrice !== undefined || request.maxPrice !== undefined) {
    filters.set('price', {
      nested: {
        path: 'offers',
        query: {
          bool: {
            filter: [
              offerFilter(request.currency, request.segments),
              {
                range: {
                  'offers.amount': {
                    ...(request.minPrice === undefined ? {} : { gte: request.minPrice }),
                    ...(request.maxPrice === undefined ? {} : { lte: request.maxPrice }),
                  },
                },
              },
            ],
          },
        },
      },
    });
  }
  if (request.inStock !== undefined) filters.set('inStock', { term: { inStock: request.inStock } });
  if (request.minRating !== undefined) {
    filters.set('rating', { range: { rating: { gte: request.minRating } } });
  }
  return filters;
}

/** Minor-unit ranges of the price facet for a currency with `digits` fraction digits. */
export function priceRanges(digits: number): { key: string; from?: number; to?: number }[] {
  const unit = 10 ** digits;
  const ranges: { key: string; from?: number; to?: number }[] = [];
  let from: number | undefined;
  for (const bound of PRICE_BUCKET_BOUNDS) {
    const to = bound * unit;
    ranges.push({ key: `${from ?? '*'}-${to}`, ...(from === undefined ? {} : { from }), to });
    from = to;
  }
  ranges.push({ key: `${from}-*`, from: from! });
  return ranges;
}

function escapeRegex(s: string): string {
  return s.replace(/[.?+*|{}[\]()"\\#@&<>~]/g, '\\$&');
}

function sortClause(request: SearchRequest): Json[] {
  const price = (order: 'asc' | 'desc'): Json => ({
    'offers.amount': {
      order,
      mode: 'min',
      missing: '_last',
      nested: { path: 'offers', filter: offerFilter(request.currency, request.segments) },
    },
  });
  const tie = { id: 'asc' };
  switch (request.sort) {
    case 'price-asc':
      return [price('asc'), tie];
    case 'price-desc':
      return [price('desc'), tie];
    case 'newest':
      return [{ createdAt: 'desc' }, tie];
    case 'rating':
      return [{ rating: 'desc' }, { reviewCount: 'desc' }, tie];
    case 'relevance':
      return [{ _score: 'desc' }, { createdAt: 'desc' }, tie];
  }
}

/** The body of the `_search` request for a shopper's search. */
export function searchBody(
  request: SearchRequest,
  context: { readonly synonyms: readonly Synonym[]; readonly rules: readonly MerchandisingRule[] },
  currencyDigits: number,
): Json {
  const rules = mergeRules(context.rules);
  const text = request.q === undefined ? undefined : textQuery(request.q, context.synonyms);
  const should: Json[] = [];
  if (request.sort === 'relevance') {
    // Pins come first whatever the text says (they still pass the filters); boosts rise above the rest.
    rules.pin.forEach((id, i) =>
      should.push({
        constant_score: { filter: { ids: { values: [id] } }, boost: 1e6 * (rules.pin.length - i) },
      }),
    );
    if (rules.boost.length > 0) {
      should.push({ constant_score: { filter: { ids: { values: rules.boost } }, boost: 50 } });
    }
  }
  const matching: Json =
    text === undefined
      ? { match_all: {} }
      : should.length > 0 && rules.pin.length > 0
        ? { bool: { should: [text, { ids: { values: rules.pin } }], minimum_should_match: 1 } }
        : text;
  const query: Json = {
    bool: {
      must: [matching],
      should,
      filter: [{ term: { currencies: request.currency } }],
      ...(rules.hide.length > 0 ? { must_not: [{ ids: { values: rules.hide } }] } : {}),
    },
  };

  const filters = facetFilters(request);
  const except = (name: string): Json => ({
    bool: { filter: [...filters].filter(([n]) => n !== name).map(([, f]) => f) },
  });
  const aggs: Json = {
    categories: {
      filter: except('category'),
      aggs: { values: { terms: { field: 'categoryPath', size: 200 } } },
    },
    attributes: { filter: except(''), aggs: { values: { terms: { field: 'facets', size: 500 } } } },
    availability: { filter: except('inStock'), aggs: { values: { terms: { field: 'inStock' } } } },
    rating: {
      filter: except('rating'),
      aggs: {
        values: {
          range: { field: 'rating', ranges: RATING_BUCKETS.map((min) => ({ key: String(min), from: min })) },
        },
      },
    },
    price: {
      filter: except('price'),
      aggs: {
        offers: {
          nested: { path: 'offers' },
          aggs: {
            caller: {
              filter: offerFilter(request.currency, request.segments),
              aggs: {
                values: {
                  range: { field: 'offers.amount', ranges: priceRanges(currencyDigits) },
                  aggs: { products: { reverse_nested: {} } },
                },
              },
            },
          },
        },
      },
    },
  };
  Object.keys(request.attributes).forEach((name, i) => {
    aggs[`attr${i}`] = {
      filter: except(`attr:${name}`),
      aggs: { values: { terms: { field: 'facets', size: 200, include: `${escapeRegex(name)}:.*` } } },
    };
  });

  return {
    size: request.limit,
    track_total_hits: 10_000,
    query,
    post_filter: { bool: { filter: [...filters.values()] } },
    aggs,
    sort: sortClause(request),
    ...(request.after === undefined ? {} : { search_after: request.after }),
    _source: [
      'id',
      'handle',
      'title',
      'offers',
      'availability',
      'rating',
      'reviewCount',
      'image',
      'variants',
    ],
    ...(text === undefined
      ? {}
      : {
          highlight: {
            pre_tags: [HIGHLIGHT_OPEN],
            post_tags: [HIGHLIGHT_CLOSE],
            fields: {
              title: { number_of_fragments: 0 },
              description: { fragment_size: 160, number_of_fragments: 1 },
            },
          },
        }),
  };
}

/** The body of the as-you-type completion request. */
export function suggestBody(prefix: string, size: number): Json {
  return {
    size: 0,
    _source: ['title', 'handle'],
    suggest: {
      products: {
        prefix,
        completion: {
          field: 'suggest',
          size,
          skip_duplicates: true,
          fuzzy: { fuzziness: 'AUTO', prefix_length: 1 },
        },
      },
    },
  };
}
