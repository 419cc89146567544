// The search page's state as it lives in the URL (`/search?q=…&attributes=Colour:Red|Blue`), so back, forward
// and a shared link show the same results. Whatever a person or an old link puts there is read leniently:
// a value the API would refuse is dropped rather than turned into an error page.
import * as z from 'zod/mini';

export const SORTS = ['relevance', 'price-asc', 'price-desc', 'newest', 'rating'] as const;
export type SearchSort = (typeof SORTS)[number];

export interface SearchParams {
  q?: string | undefined;
  /** A category id; the API finds the category's descendants too. */
  category?: string | undefined;
  /** The API's own form, `Colour:Red|Blue;Size:M`: any of the values per name, every name. */
  attributes?: string | undefined;
  /** Minor units of the shopper's currency. */
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: true | undefined;
  minRating?: number | undefined;
  sort?: SearchSort | undefined;
  cursor?: string | undefined;
}

/** Attribute name → the values chosen for it, in the order they were chosen. */
export type AttributeFilter = Record<string, string[]>;

// The API's separators cannot appear inside a name or a value (its ATTRIBUTE_FILTER_PATTERN).
const SEPARATORS = /[:;|]/;

/** Reads `Colour:Red|Blue;Size:M`, skipping malformed parts. */
export function parseAttributes(value: string | undefined): AttributeFilter {
  const filter: AttributeFilter = {};
  for (const part of value?.split(';') ?? []) {
    const at = part.indexOf(':');
    const name = part.slice(0, at);
    const values = part
      .slice(at + 1)
      .split('|')
      .filter((v) => v !== '' && v.length <= 100);
    if (at < 1 || name.length > 50 || values.length === 0) continue;
    filter[name] = [...new Set([...(filter[name] ?? []), ...values])];
  }
  return filter;
}

/** The URL and API form of a filter; undefined when nothing is chosen. */
export function formatAttributes(filter: AttributeFilter): string | undefined {
  const parts = Object.entries(filter)
    .map(([name, values]) => [name, values.filter((v) => !SEPARATORS.test(v))] as const)
    .filter(([name, values]) => !SEPARATORS.test(name) && values.length > 0)
    .map(([name, values]) => `${name}:${values.join('|')}`);
  return parts.length > 0 ? parts.join(';') : undefined;
}

/** `filter` with `value` of `name` chosen or no longer chosen. */
export function toggleAttribute(filter: AttributeFilter, name: string, value: string): AttributeFilter {
  const values = filter[name] ?? [];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return { ...filter, [name]: next };
}

/** A value that fails its check reads as absent. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

// The router reads `?q=42` as a number and `?inStock=true` as a boolean (JSON values), hence the coercions.
const text = (max: number) => lenient(z.coerce.string().check(z.trim(), z.minLength(1), z.maxLength(max)));
const minor = lenient(z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000)));

const urlSchema = z.object({
  q: text(200),
  category: lenient(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  attributes: lenient(
    z.pipe(
      z.string().check(z.maxLength(1000)),
      z.transform((value: string) => parseAttributes(value)),
    ),
  ),
  minPrice: minor,
  maxPrice: minor,
  inStock: lenient(z.literal(true)),
  minRating: lenient(z.coerce.number().check(z.int(), z.gte(1), z.lte(5))),
  sort: lenient(z.enum(SORTS)),
  cursor: text(2048),
});

/**
 * The router's `validateSearch` for `/search`: each key valid for the API, or undefined. Every key is
 * returned, set or not: the router lays this over the raw URL values, which would otherwise show through
 * where a value was dropped.
 */
export function readSearchParams(raw: Record<string, unknown>): SearchParams {
  const { q, category, attributes, minPrice, maxPrice, inStock, minRating, sort, cursor } =
    urlSchema.parse(raw);
  // The API refuses a range whose ends are swapped; the lower end alone is the likelier intent.
  const swapped = minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice;
  return {
    q,
    category,
    attributes: attributes && formatAttributes(attributes),
    minPrice,
    maxPrice: swapped ? undefined : maxPrice,
    inStock,
    minRating,
    sort: sort === 'relevance' ? undefined : sort,
    cursor,
  };
}

/** Any filter narrowing the results (the text and the sort are not filters). */
export function hasFilters(params: SearchParams): boolean {
  return (
    params.category !== undefined ||
    params.attributes !== undefined ||
    params.minPrice !== undefined ||
    params.maxPrice !== undefined ||
    params.inStock !== undefined ||
    params.minRating !== undefined
  );
}
