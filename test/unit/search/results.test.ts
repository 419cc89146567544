// The shopper's answer read from an OpenSearch response: highlights as plain parts, the price the caller
// pays, the facets grouped for display with what is selected, and the cursor only when more may follow.
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../../functions/search/domain/document.ts';
import type { SearchRequest } from '../../../functions/search/domain/query.ts';
import { callerPrice, highlightParts, readAnswer } from '../../../functions/search/domain/results.ts';

type Json = Record<string, unknown>;

function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { attributes: {}, currency: 'EUR', sort: 'relevance', limit: 2, segments: [], ...overrides };
}

function offer(sku: string, source: string, amount: number, listAmount?: number, currency = 'EUR'): Offer {
  return {
    sku,
    key: `${source}|${currency}`,
    currency,
    amount,
    ...(listAmount === undefined ? {} : { listAmount }),
    segments: [],
  };
}

function hit(id: string, sort: (string | number)[], extra: Json = {}): Json {
  return {
    _id: id,
    _source: { id, handle: `h-${id}`, title: `Title ${id}`, availability: 'in_stock', ...extra },
    sort,
  };
}

const bucket = (key: string, count: number): Json => ({ key, doc_count: count });

describe('highlightParts', () => {
  it('splits a fragment into plain and matched parts on the highlight marks', () => {
    const parts = highlightParts('Merino \u0002wool\u0003 sweater, \u0002warm\u0003');

    expect(parts).toEqual([
      { text: 'Merino ', match: false },
      { text: 'wool', match: true },
      { text: ' sweater, ', match: false },
      { text: 'warm', match: true },
    ]);
  });

  it('gives one plain part for a fragment without marks', () => {
    const parts = highlightParts('<b>not html</b>');

    expect(parts).toEqual([{ text: '<b>not html</b>', match: false }]);
  });
});

describe('callerPrice', () => {
  it("takes per variant the caller's highest-priority segment offer it has, else the base offer", () => {
    const offers = [
      offer('A', 'base', 5000),
      offer('A', 'gold', 4500),
      offer('A', 'silver', 3000),
      offer('B', 'base', 4000),
      offer('B', 'silver', 3900),
    ];

    const gold = callerPrice(offers, 'EUR', [['gold'], ['silver']]);
    const silver = callerPrice(offers, 'EUR', [['silver'], ['gold']]);
    const anonymous = callerPrice(offers, 'EUR', []);

    // A by gold (4500, not silver's 3000), B by silver (3900): the lowest over the variants.
    expect(gold).toEqual({ currency: 'EUR', amount: 3900 });
    expect(silver).toEqual({ currency: 'EUR', amount: 3000 });
    expect(anonymous).toEqual({ currency: 'EUR', amount: 4000 });
  });

  it('takes the lowest offer among segments of equal priority, as pricing does', () => {
    const offers = [offer('A', 'base', 6000), offer('A', 'a', 5000), offer('A', 'b', 4000)];

    expect(callerPrice(offers, 'EUR', [['a', 'b']])).toEqual({ currency: 'EUR', amount: 4000 });
    expect(callerPrice(offers, 'EUR', [['a'], ['b']])).toEqual({ currency: 'EUR', amount: 5000 });
  });

  it('ignores other currencies and segments the caller is not in', () => {
    const offers = [
      offer('A', 'base', 5000),
      offer('A', 'staff', 100),
      offer('A', 'base', 10, undefined, 'USD'),
    ];

    const price = callerPrice(offers, 'EUR', [['vip']]);
    const none = callerPrice(offers, 'GBP', []);

    expect(price).toEqual({ currency: 'EUR', amount: 5000 });
    expect(none).toBeUndefined();
  });

  it('gives the list amount only when it is higher than the amount paid', () => {
    const onSale = callerPrice([offer('A', 'base', 8000, 10000)], 'EUR', []);
    const full = callerPrice([offer('A', 'base', 10000, 10000)], 'EUR', []);

    expect(onSale).toEqual({ currency: 'EUR', amount: 8000, listAmount: 10000 });
    expect(full).toEqual({ currency: 'EUR', amount: 10000 });
  });
});

describe('readAnswer', () => {
  const selected = request({
    category: 'knit',
    attributes: { Colour: ['Red'] },
    inStock: true,
    minRating: 4,
  });

  const response: Json = {
    hits: {
      total: { value: 17, relation: 'eq' },
      hits: [
        hit('p1', [0.9, 'p1'], {
          offers: [offer('A', 'base', 8000, 10000)],
          rating: 4.5,
          reviewCount: 12,
          image: 'img/p1.jpg',
        }),
        {
          ...hit('p2', [0.5, 'p2']),
          highlight: { title: ['Red \u0002Sweater\u0003'], description: ['A \u0002sweater\u0003.'] },
        },
      ],
    },
    aggregations: {
      categories: { doc_count: 30, values: { buckets: [bucket('knit', 17), bucket('men', 30)] } },
      attributes: {
        doc_count: 17,
        values: {
          buckets: [
            bucket('Size:M', 9),
            bucket('Size:L', 4),
            // Counted under the Colour filter: not what the Colour facet shows.
            bucket('Colour:Red', 17),
          ],
        },
      },
      attr0: {
        doc_count: 40,
        values: { buckets: [bucket('Colour:Red', 17), bucket('Colour:Blue', 23), bucket('Size:M', 99)] },
      },
      availability: {
        doc_count: 20,
        values: {
          buckets: [
            { key: 1, key_as_string: 'true', doc_count: 17 },
            { key: 0, key_as_string: 'false', doc_count: 3 },
          ],
        },
      },
      rating: { doc_count: 20, values: { buckets: [bucket('4', 10), bucket('3', 15)] } },
      price: {
        doc_count: 20,
        offers: {
          doc_count: 60,
          caller: {
            doc_count: 40,
            values: {
              buckets: [
                { key: '*-1000', to: 1000, doc_count: 0, products: { doc_count: 0 } },
                { key: '1000-2500', from: 1000, to: 2500, doc_count: 7, products: { doc_count: 5 } },
                { key: '50000-*', from: 50000, doc_count: 3, products: { doc_count: 2 } },
              ],
            },
          },
        },
      },
    },
  };

  it("reads the hits with the caller's price, rating, image and highlight parts", () => {
    const answer = readAnswer(response, selected);

    expect(answer.total).toBe(17);
    expect(answer.totalIsExact).toBe(true);
    expect(answer.items).toEqual([
      {
        id: 'p1',
        handle: 'h-p1',
        title: 'Title p1',
        price: { currency: 'EUR', amount: 8000, listAmount: 10000 },
        availability: 'in_stock',
        rating: { average: 4.5, count: 12 },
        image: 'img/p1.jpg',
      },
      {
        id: 'p2',
        handle: 'h-p2',
        title: 'Title p2',
        highlights: {
          title: [
            { text: 'Red ', match: false },
            { text: 'Sweater', match: true },
          ],
          description: [
            { text: 'A ', match: false },
            { text: 'sweater', match: true },
            { text: '.', match: false },
          ],
        },
        availability: 'in_stock',
      },
    ]);
  });

  it('groups attribute facets by name, taking a selected attribute only from its own aggregation', () => {
    const answer = readAnswer(response, selected);

    expect(answer.facets.attributes).toEqual([
      {
        name: 'Colour',
        values: [
          { value: 'Blue', count: 23, selected: false },
          { value: 'Red', count: 17, selected: true },
        ],
      },
      {
        name: 'Size',
        values: [
          { value: 'L', count: 4, selected: false },
          { value: 'M', count: 9, selected: false },
        ],
      },
    ]);
  });

  it('marks the selected category, availability and rating', () => {
    const answer = readAnswer(response, selected);

    expect(answer.facets.categories).toEqual([
      { id: 'knit', count: 17, selected: true },
      { id: 'men', count: 30, selected: false },
    ]);
    expect(answer.facets.availability).toEqual([
      { inStock: true, count: 17, selected: true },
      { inStock: false, count: 3, selected: false },
    ]);
    expect(answer.facets.rating).toEqual([
      { min: 4, count: 10, selected: true },
      { min: 3, count: 15, selected: false },
      { min: 2, count: 0, selected: false },
      { min: 1, count: 0, selected: false },
    ]);
  });

  it('counts price buckets in products and drops the empty ones', () => {
    const answer = readAnswer(response, selected);

    expect(answer.facets.price).toEqual([
      { from: 1000, to: 2500, count: 5 },
      { from: 50000, count: 2 },
    ]);
  });

  it('gives the last sort values as the cursor only when a full page came back', () => {
    const full = readAnswer(response, request({ limit: 2 }));
    const short = readAnswer(response, request({ limit: 3 }));

    expect(full.after).toEqual([0.5, 'p2']);
    expect(short).not.toHaveProperty('after');
  });

  it('says when the total is a lower bound', () => {
    const answer = readAnswer(
      { hits: { total: { value: 10000, relation: 'gte' }, hits: [] }, aggregations: {} },
      request(),
    );

    expect(answer.total).toBe(10000);
    expect(answer.totalIsExact).toBe(false);
    expect(answer.items).toEqual([]);
    expect(answer).not.toHaveProperty('after');
  });
});
