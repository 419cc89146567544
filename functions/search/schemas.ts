// The search service's request and response shapes (zod/mini), shared by its routes and handlers.
import { cursorQuery, rule as documentRule, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { SORTS } from './domain/query.ts';

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, e.g. EUR.'));
const amount = z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000));
const bool = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);

/**
 * `Colour:Red|Blue;Size:M`: per attribute name the values any of which a product must have. No control
 * characters (JSON Schema tools match `$` before a trailing newline, JavaScript does not); lengths count
 * code points (`u`), as JSON Schema does. The URL's own limit bounds the whole.
 */
export const ATTRIBUTE_FILTER_PATTERN =
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern keeps out
  /^[^:;|\x00-\x1f]{1,50}:[^:;|\x00-\x1f]{1,100}(\|[^:;|\x00-\x1f]{1,100})*(;[^:;|\x00-\x1f]{1,50}:[^:;|\x00-\x1f]{1,100}(\|[^:;|\x00-\x1f]{1,100})*)*$/u;

export function parseAttributeFilter(value: string | undefined): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  if (!value) return attributes;
  for (const part of value.split(';')) {
    const at = part.indexOf(':');
    const name = part.slice(0, at);
    attributes[name] = [...new Set([...(attributes[name] ?? []), ...part.slice(at + 1).split('|')])];
  }
  return attributes;
}

export const searchQuery = z.strictObject({
  q: z.optional(text(200)),
  category: z.optional(id),
  attributes: z.optional(
    z
      .string()
      .check(
        z.regex(ATTRIBUTE_FILTER_PATTERN, 'Name:Value pairs, values joined by "|", names by ";".'),
        z.describe(
          'Attribute filters, e.g. `Colour:Red|Blue;Size:M` (any of the values per name, every name).',
        ),
      ),
  ),
  currency,
  minPrice: z.optional(amount.check(z.describe('Lowest price in minor units of `currency`.'))),
  maxPrice: z.optional(
    amount.check(z.describe('Highest price in minor units of `currency` (below minPrice: nothing matches).')),
  ),
  inStock: z.optional(bool),
  minRating: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(5))),
  sort: z._default(z.enum(SORTS), 'relevance'),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(48)), 24),
  cursor: cursorQuery(),
});

export const suggestQuery = z.strictObject({
  q: text(100),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(10)), 6),
});

const textPart = z.strictObject({ text: z.string(), match: z.boolean() });

const hit = z
  .strictObject({
    id: z.string(),
    handle: z.string(),
    title: z.string(),
    highlights: z.optional(
      z.strictObject({
        title: z.optional(z.array(textPart)),
        description: z.optional(z.array(textPart)),
      }),
    ),
    price: z.optional(
      z.strictObject({
        currency,
        amount: z.int().check(z.describe('The lowest price the caller pays for a variant, minor units.')),
        listAmount: z.optional(z.int().check(z.describe('The base price it is reduced from, if it is.'))),
        badge: z.optional(
          z.string().check(z.describe('The badge of the catalogue promotion that lowers it, if one does.')),
        ),
      }),
    ),
    availability: z.enum(['in_stock', 'low_stock', 'out_of_stock']),
    rating: z.optional(z.strictObject({ average: z.number(), count: z.int() })),
    image: z.optional(
      z.string().check(z.describe("The URL of the main image's square thumbnail (WebP), for result lists.")),
    ),
  })
  .check(z.meta({ id: 'SearchHit' }));

const facets = z
  .strictObject({
    categories: z.array(z.strictObject({ id: z.string(), count: z.int(), selected: z.boolean() })),
    attributes: z.array(
      z.strictObject({
        name: z.string(),
        values: z.array(z.strictObject({ value: z.string(), count: z.int(), selected: z.boolean() })),
      }),
    ),
    price: z.array(z.strictObject({ from: z.optional(z.int()), to: z.optional(z.int()), count: z.int() })),
    availability: z.array(z.strictObject({ inStock: z.boolean(), count: z.int(), selected: z.boolean() })),
    rating: z.array(z.strictObject({ min: z.int(), count: z.int(), selected: z.boolean() })),
  })
  .check(z.meta({ id: 'SearchFacets' }));

export const searchAnswer = z
  .strictObject({
    items: z.array(hit),
    total: z.int(),
    totalIsExact: z.boolean(),
    facets,
    nextCursor: z.optional(z.string()),
  })
  .check(z.meta({ id: 'SearchAnswer' }));

export const suggestions = z.strictObject({
  items: z.array(z.strictObject({ text: z.string(), id: z.string(), handle: z.optional(z.string()) })),
});

const term = z.string().check(z.minLength(1), z.maxLength(100));
const synonym = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('equivalent'),
    terms: z.array(term).check(z.minLength(2), z.maxLength(20)),
  }),
  z.strictObject({
    kind: z.literal('one-way'),
    from: term,
    to: z.array(term).check(z.minLength(1), z.maxLength(20)),
  }),
]);

export const synonymsBody = z.strictObject({
  synonyms: z.array(synonym).check(z.maxLength(1000)),
  version: z.int().check(z.gte(0), z.describe('The version read (0 before the first save).')),
});

export const synonymsAnswer = z
  .strictObject({ synonyms: z.array(synonym), version: z.int() })
  .check(z.meta({ id: 'SearchSynonyms' }));

const ids = z.array(id).check(z.maxLength(50));

export const ruleParams = z.strictObject({ id });

export const ruleBody = z
  .strictObject({
    query: z.optional(text(200)),
    category: z.optional(id),
    pin: z._default(ids, []),
    boost: z._default(ids, []),
    hide: z._default(ids, []),
  })
  .check(
    documentRule(
      (r: { query?: string | undefined; category?: string | undefined }) =>
        r.query !== undefined || r.category !== undefined,
      'A rule applies to a query, a category or both.',
      ['query'],
    ),
  );

export const rule = z
  .strictObject({
    id: z.string(),
    query: z.optional(z.string()),
    category: z.optional(z.string()),
    pin: z.array(z.string()),
    boost: z.array(z.string()),
    hide: z.array(z.string()),
  })
  .check(z.meta({ id: 'MerchandisingRule' }));

export const zeroResultsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

export const zeroResults = z.strictObject({
  items: z.array(z.strictObject({ query: z.string(), count: z.int(), lastAt: z.string() })),
});

export const reindexJob = z
  .strictObject({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    index: z.string(),
    startedAt: z.string(),
    finishedAt: z.optional(z.string()),
    documents: z.int(),
    error: z.optional(z.string()),
  })
  .check(z.meta({ id: 'ReindexJob' }));
