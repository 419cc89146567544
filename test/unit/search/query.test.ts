// The OpenSearch request of a shopper's search: the currency and hidden products always filter, pins only
// rank a relevance sort, the post filter holds every active filter while each facet is counted without
// its own, and the caller's offer is picked by segment priority.
import { describe, expect, it } from 'vitest';
import type { MerchandisingRule } from '../../../functions/search/domain/merchandising.ts';
import {
  offerFilter,
  priceRanges,
  searchBody,
  type SearchRequest,
} from '../../../functions/search/domain/query.ts';

type Json = Record<string, unknown>;

function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { attributes: {}, currency: 'EUR', sort: 'relevance', limit: 24, segments: [], ...overrides };
}

const rule = (fields: Partial<MerchandisingRule>): MerchandisingRule => ({
  id: 'r1',
  pin: [],
  boost: [],
  hide: [],
  ...fields,
});

const noContext = { synonyms: [], rules: [] };

/** The parts of the body these tests read, typed as the request builds them. */
function partsOf(body: Json) {
  const query = (body.query as { bool: Json }).bool as {
    must: Json[];
    should: Json[];
    filter: Json[];
    must_not?: Json[];
  };
  const aggs = body.aggs as Record<string, { filter: { bool: { filter: Json[] } } }>;
  const aggFilters = (name: string): Json[] => {
    const agg = aggs[name];
    if (!agg) throw new Error(`No aggregation ${name}`);
    return agg.filter.bool.filter;
  };
  const postFilter = (body.post_filter as { bool: { filter: Json[] } }).bool.filter;
  return { query, aggs, aggFilters, postFilter };
}

const categoryFilter = { term: { categoryPath: 'knit' } };
const colourFilter = { terms: { facets: ['Colour:Red', 'Colour:Blue'] } };
const sizeFilter = { terms: { facets: ['Size:M'] } };
const inStockFilter = { term: { inStock: true } };
const ratingFilter = { range: { rating: { gte: 4 } } };
const priceFilter = {
  nested: {
    path: 'offers',
    query: {
      bool: {
        filter: [offerFilter('EUR', []), { range: { 'offers.amount': { gte: 1000, lte: 5000 } } }],
      },
    },
  },
};

/** A request with every filter active. */
const filtered = request({
  q: 'sweater',
  category: 'knit',
  attributes: { Colour: ['Red', 'Blue'], Size: ['M'] },
  minPrice: 1000,
  maxPrice: 5000,
  inStock: true,
  minRating: 4,
});

describe('searchBody: query', () => {
  it('always filters on the currency, with or without other filters', () => {
    const browse = partsOf(searchBody(request({ currency: 'USD' }), noContext, 2));
    const search = partsOf(searchBody(filtered, noContext, 2));

    expect(browse.query.filter).toEqual([{ term: { currencies: 'USD' } }]);
    expect(browse.query.must).toEqual([{ match_all: {} }]);
    expect(search.query.filter).toEqual([{ term: { currencies: 'EUR' } }]);
  });

  it('leaves hidden products out by id, whatever the sort', () => {
    const rules = [rule({ hide: ['p7', 'p8'], pin: ['p7'] })];

    const relevance = partsOf(searchBody(request(), { synonyms: [], rules }, 2));
    const newest = partsOf(searchBody(request({ sort: 'newest' }), { synonyms: [], rules }, 2));
    const none = partsOf(searchBody(request(), noContext, 2));

    expect(relevance.query.must_not).toEqual([{ ids: { values: ['p7', 'p8'] } }]);
    expect(newest.query.must_not).toEqual([{ ids: { values: ['p7', 'p8'] } }]);
    expect(relevance.query.should).toEqual([]);
    expect(none.query.must_not).toBeUndefined();
  });

  it('ranks pins first, in order, and lets them match the text, when sorted by relevance', () => {
    const rules = [rule({ pin: ['p1', 'p2'], boost: ['p3'] })];

    const body = searchBody(request({ q: 'sweater' }), { synonyms: [], rules }, 2);

    const { query } = partsOf(body);
    expect(query.should).toEqual([
      { constant_score: { filter: { ids: { values: ['p1'] } }, boost: 2e6 } },
      { constant_score: { filter: { ids: { values: ['p2'] } }, boost: 1e6 } },
      { constant_score: { filter: { ids: { values: ['p3'] } }, boost: 50 } },
    ]);
    const matching = query.must[0] as { bool: { should: Json[]; minimum_should_match: number } };
    expect(matching.bool.should[1]).toEqual({ ids: { values: ['p1', 'p2'] } });
    expect(matching.bool.minimum_should_match).toBe(1);
  });

  it('adds no pin or boost when sorted by price', () => {
    const rules = [rule({ pin: ['p1', 'p2'], boost: ['p3'] })];

    const body = searchBody(request({ q: 'sweater', sort: 'price-asc' }), { synonyms: [], rules }, 2);

    const { query } = partsOf(body);
    expect(query.should).toEqual([]);
    expect(JSON.stringify(query.must)).not.toContain('"ids"');
    expect(JSON.stringify(body)).not.toContain('constant_score');
  });

  it('passes the cursor on as search_after, and none without one', () => {
    const withCursor = searchBody(request({ after: [1999, 'p-4'] }), noContext, 2);
    const firstPage = searchBody(request(), noContext, 2);

    expect(withCursor.search_after).toEqual([1999, 'p-4']);
    expect(firstPage).not.toHaveProperty('search_after');
  });
});

describe('searchBody: filters and facets', () => {
  it('post-filters on every active filter', () => {
    const { postFilter } = partsOf(searchBody(filtered, noContext, 2));

    expect(postFilter).toHaveLength(6);
    expect(postFilter).toEqual(
      expect.arrayContaining([
        categoryFilter,
        colourFilter,
        sizeFilter,
        priceFilter,
        inStockFilter,
        ratingFilter,
      ]),
    );
  });

  it('counts categories without the category filter, and under all the others', () => {
    const { aggFilters } = partsOf(searchBody(filtered, noContext, 2));

    const filters = aggFilters('categories');

    expect(filters).not.toContainEqual(categoryFilter);
    expect(filters).toEqual(
      expect.arrayContaining([colourFilter, sizeFilter, priceFilter, inStockFilter, ratingFilter]),
    );
    expect(filters).toHaveLength(5);
  });

  it('counts prices without the price filter, and under all the others', () => {
    const { aggFilters } = partsOf(searchBody(filtered, noContext, 2));

    const filters = aggFilters('price');

    expect(filters).not.toContainEqual(priceFilter);
    expect(filters).toEqual(
      expect.arrayContaining([categoryFilter, colourFilter, sizeFilter, inStockFilter, ratingFilter]),
    );
    expect(filters).toHaveLength(5);
  });

  it('counts availability and rating each without their own filter', () => {
    const { aggFilters } = partsOf(searchBody(filtered, noContext, 2));

    const availability = aggFilters('availability');
    const rating = aggFilters('rating');

    expect(availability).not.toContainEqual(inStockFilter);
    expect(availability).toContainEqual(ratingFilter);
    expect(rating).not.toContainEqual(ratingFilter);
    expect(rating).toContainEqual(inStockFilter);
  });

  it('counts each selected attribute in an attr<i> aggregation without its own filter but with the others', () => {
    const { aggs, aggFilters } = partsOf(searchBody(filtered, noContext, 2));

    const colour = aggFilters('attr0');
    const size = aggFilters('attr1');

    expect(colour).not.toContainEqual(colourFilter);
    expect(colour).toEqual(
      expect.arrayContaining([categoryFilter, sizeFilter, priceFilter, inStockFilter, ratingFilter]),
    );
    expect(size).not.toContainEqual(sizeFilter);
    expect(size).toEqual(
      expect.arrayContaining([categoryFilter, colourFilter, priceFilter, inStockFilter, ratingFilter]),
    );
    expect((aggs.attr0 as unknown as { aggs: Json }).aggs).toEqual({
      values: { terms: { field: 'facets', size: 200, include: 'Colour:.*' } },
    });
    expect(aggs).not.toHaveProperty('attr2');
  });

  it('counts the other attributes under every filter', () => {
    const { aggFilters } = partsOf(searchBody(filtered, noContext, 2));

    const filters = aggFilters('attributes');

    expect(filters).toHaveLength(6);
  });

  it('counts nothing but the currency when no filter is active', () => {
    const { aggFilters, postFilter } = partsOf(searchBody(request(), noContext, 2));

    expect(postFilter).toEqual([]);
    expect(aggFilters('categories')).toEqual([]);
    expect(aggFilters('price')).toEqual([]);
  });

  it("buckets and sorts on the caller's offer in the currency's minor units", () => {
    const body = searchBody(request({ sort: 'price-desc', segments: [['vip']] }), noContext, 0);

    const price = (body.aggs as { price: { aggs: { offers: { aggs: { caller: Json } } } } }).price.aggs.offers
      .aggs.caller as { filter: Json; aggs: { values: { range: { ranges: Json[] } } } };
    expect(price.filter).toEqual(offerFilter('EUR', [['vip']]));
    expect(price.aggs.values.range.ranges).toEqual(priceRanges(0));
    expect(body.sort).toEqual([
      {
        'offers.amount': {
          order: 'desc',
          mode: 'min',
          missing: '_last',
          nested: { path: 'offers', filter: offerFilter('EUR', [['vip']]) },
        },
      },
      { id: 'asc' },
    ]);
  });
});

describe('offerFilter', () => {
  it('admits every offer of an equal-priority group, below the groups above it', () => {
    const filter = offerFilter('EUR', [['a'], ['b', 'c']]) as {
      bool: { should: { bool: { filter: unknown[]; must_not?: unknown[] } }[] };
    };

    expect(filter.bool.should[1]).toEqual({
      bool: {
        filter: [{ terms: { 'offers.key': ['b|EUR', 'c|EUR'] } }],
        must_not: [{ terms: { 'offers.segments': ['a'] } }],
      },
    });
    expect(filter.bool.should[2]!.bool.must_not).toEqual([{ terms: { 'offers.segments': ['a', 'b', 'c'] } }]);
  });

  it("picks, per variant, the highest-priority segment's offer, else the base offer", () => {
    const filter = offerFilter('EUR', [['a'], ['b']]);

    expect(filter).toEqual({
      bool: {
        should: [
          { bool: { filter: [{ term: { 'offers.key': 'a|EUR' } }] } },
          {
            bool: {
              filter: [{ term: { 'offers.key': 'b|EUR' } }],
              must_not: [{ terms: { 'offers.segments': ['a'] } }],
            },
          },
          {
            bool: {
              filter: [{ term: { 'offers.key': 'base|EUR' } }],
              must_not: [{ terms: { 'offers.segments': ['a', 'b'] } }],
            },
          },
        ],
        minimum_should_match: 1,
      },
    });
  });

  it('picks only the base offer, unconditionally, for a caller without segments', () => {
    const filter = offerFilter('JPY', []);

    expect(filter).toEqual({
      bool: {
        should: [{ bool: { filter: [{ term: { 'offers.key': 'base|JPY' } }] } }],
        minimum_should_match: 1,
      },
    });
  });
});

describe('priceRanges', () => {
  it('gives the bounds in minor units and leaves the last bucket open', () => {
    const ranges = priceRanges(2);

    expect(ranges).toEqual([
      { key: '*-1000', to: 1000 },
      { key: '1000-2500', from: 1000, to: 2500 },
      { key: '2500-5000', from: 2500, to: 5000 },
      { key: '5000-10000', from: 5000, to: 10000 },
      { key: '10000-25000', from: 10000, to: 25000 },
      { key: '25000-50000', from: 25000, to: 50000 },
      { key: '50000-*', from: 50000 },
    ]);
  });

  it('uses major units as they are for a currency without fraction digits', () => {
    const ranges = priceRanges(0);

    expect(ranges[0]).toEqual({ key: '*-10', to: 10 });
    expect(ranges.at(-1)).toEqual({ key: '500-*', from: 500 });
  });
});
