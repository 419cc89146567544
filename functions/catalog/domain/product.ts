// Product rules: what a valid product is, how a change applies, what archiving does, who may see what, and
// the product.* event each change announces. Pure; no AWS.
import {
  domainEvent,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  type DomainEvent,
  type ProcessedImage,
} from '@commerce/events';
import { RuleViolationError, type FieldError } from '@commerce/lambda-kit/errors';

export type ProductStatus = 'draft' | 'published' | 'archived';

export interface Dimensions {
  readonly length: number;
  readonly width: number;
  readonly height: number;
}

export interface Variant {
  readonly sku: string;
  readonly title: string;
  /** One value per product option, keyed by option name. */
  readonly optionValues: Readonly<Record<string, string>>;
  readonly barcode?: string;
  readonly weightGrams?: number;
  readonly dimensionsMm?: Dimensions;
}

export interface ProductOption {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * An image the product shows: the media service's processed image (its files' URLs, sizes, focal point) and
 * the alt text staff gave it. Products written before the media service carry only `key` (and `alt`).
 */
export type MediaRef = { readonly key: string; readonly alt?: string } & Partial<ProcessedImage>;

/** An image as staff attach it: an uploaded media id and its alt text. */
export interface MediaInput {
  readonly id: string;
  readonly alt?: string | undefined;
}

/** Published reviews with 1, 2, 3, 4 and 5 stars. */
export type RatingHistogram = readonly [number, number, number, number, number];

/** A product's rating aggregate as review.aggregated announces it. */
export interface Rating {
  readonly average: number;
  readonly count: number;
  /** Absent from ratings announced before the review service. */
  readonly histogram?: RatingHistogram | undefined;
  /** The aggregateVersion it came from (rises with every change); absent from ratings announced without one. */
  readonly version?: number | undefined;
}

/** schema.org's AggregateRating, for a product page's structured data. */
export interface AggregateRating {
  readonly '@type': 'AggregateRating';
  readonly ratingValue: number;
  readonly reviewCount: number;
  readonly bestRating: 5;
  readonly worstRating: 1;
}

export interface Product {
  readonly id: string;
  readonly handle: string;
  readonly title: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly categoryIds: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly options: readonly ProductOption[];
  readonly variants: readonly Variant[];
  readonly media: readonly MediaRef[];
  readonly rating?: Rating;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields a client sets; the rest (id, version, timestamps) belong to the platform. */
export type ProductContent = Pick<
  Product,
  | 'handle'
  | 'title'
  | 'description'
  | 'status'
  | 'categoryIds'
  | 'attributes'
  | 'options'
  | 'variants'
  | 'media'
>;

export type ProductPatch = Partial<ProductContent>;

/**
 * Limits that keep every product write within one DynamoDB transaction (at most 100 items): the product,
 * two handle items, two per SKU, two per category (membership and count) on each side, and the outbox.
 */
export const MAX_VARIANTS = 35;
export const MAX_CATEGORIES = 5;

/** Checks the rules a schema cannot: SKUs unique, variants match the options, no duplicate combinations. */
export function assertValidContent(content: ProductContent): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });

  const optionNames = new Set<string>();
  content.options.forEach((option, i) => {
    if (optionNames.has(option.name)) at(`/options/${i}/name`, `Option "${option.name}" is declared twice.`);
    optionNames.add(option.name);
    if (new Set(option.values).size !== option.values.length)
      at(`/options/${i}/values`, 'Values must be unique.');
  });

  const skus = new Set<string>();
  const combinations = new Set<string>();
  content.variants.forEach((variant, i) => {
    if (skus.has(variant.sku))
      at(`/variants/${i}/sku`, `SKU "${variant.sku}" appears twice in this product.`);
    skus.add(variant.sku);
    for (const option of content.options) {
      const value = variant.optionValues[option.name];
      if (value === undefined)
        at(`/variants/${i}/optionValues`, `A value for option "${option.name}" is required.`);
      else if (!option.values.includes(value)) {
        at(
          `/variants/${i}/optionValues/${option.name}`,
          `"${value}" is not a value of option "${option.name}".`,
        );
      }
    }
    for (const name of Object.keys(variant.optionValues)) {
      if (!optionNames.has(name))
        at(`/variants/${i}/optionValues/${name}`, `The product has no option "${name}".`);
    }
    const combination = content.options.map((o) => variant.optionValues[o.name] ?? '').join('\u0000');
    if (content.options.length > 0 && combinations.has(combination)) {
      at(`/variants/${i}/optionValues`, 'Another variant has the same option values.');
    }
    combinations.add(combination);
  });

  if (new Set(content.categoryIds).size !== content.categoryIds.length) {
    at('/categoryIds', 'Categories must be unique.');
  }
  if (errors.length > 0) throw new RuleViolationError(errors);
}

export function newProduct(content: ProductContent, id: string, now: Date): Product {
  assertValidContent(content);
  const at = now.toISOString();
  return { id, ...content, version: 1, createdAt: at, updatedAt: at };
}

/** A new product and the product.created that announces it. */
export function createProduct(
  content: ProductContent,
  id: string,
  now: Date,
): { readonly product: Product; readonly events: readonly DomainEvent[] } {
  const product = newProduct(content, id, now);
  return { product, events: [domainEvent(ProductCreated, product)] };
}

/** Staff and admins may see drafts and archived products through the public routes; others only published. */
export function isVisibleTo(product: Product, viewerGroups: readonly string[]): boolean {
  return product.status === 'published' || viewerGroups.some((g) => g === 'staff' || g === 'admin');
}

const contentFields: readonly (keyof ProductContent)[] = [
  'handle',
  'title',
  'description',
  'status',
  'categoryIds',
  'attributes',
  'options',
  'variants',
  'media',
];

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface ProductChange {
  readonly before: Product;
  readonly after: Product;
  /** Names of the fields whose value changed; empty when the patch changed nothing. */
  readonly changedFields: readonly string[];
  /** What the change announces; nothing when it changed nothing. */
  readonly events: readonly DomainEvent[];
}

const unchanged = (product: Product): ProductChange => ({
  before: product,
  after: product,
  changedFields: [],
  events: [],
});

/** A change of `changedFields` that makes `after`, announced as product.updated. */
function updated(before: Product, after: Product, changedFields: readonly string[]): ProductChange {
  return {
    before,
    after,
    changedFields,
    events: [domainEvent(ProductUpdated, { product: after, changedFields })],
  };
}

/** Applies a patch; the version goes up by one when anything changed. */
export function applyPatch(product: Product, patch: ProductPatch, now: Date): ProductChange {
  const changedFields = contentFields.filter(
    (f) => patch[f] !== undefined && !sameValue(patch[f], product[f]),
  );
  if (changedFields.length === 0) return unchanged(product);
  const content: ProductContent = { ...pickContent(product), ...definedOnly(patch) };
  assertValidContent(content);
  const after = { ...product, ...content, version: product.version + 1, updatedAt: now.toISOString() };
  return updated(product, after, changedFields);
}

/** Archives the product, announced as product.archived (not product.updated). */
export function archive(product: Product, now: Date): ProductChange {
  const change = applyPatch(product, { status: 'archived' }, now);
  if (change.changedFields.length === 0) return change;
  return { ...change, events: [domainEvent(ProductArchived, change.after)] };
}

/**
 * Records a new rating aggregate; not a client-editable field. A rating that came with an aggregate version
 * is replaced only by a higher one, so a late or repeated event changes nothing; ratings without versions
 * (announced before the review service) replace one another as they arrive.
 */
export function withRating(product: Product, rating: Rating, now: Date): ProductChange {
  const kept = product.rating?.version;
  const stale = kept !== undefined && (rating.version === undefined || rating.version <= kept);
  if (stale || (product.rating && sameRating(product.rating, rating))) return unchanged(product);
  const after = {
    ...product,
    rating: ratingOf(rating),
    version: product.version + 1,
    updatedAt: now.toISOString(),
  };
  return updated(product, after, ['rating']);
}

/** schema.org's AggregateRating of the product's reviews; undefined while it has none. */
export function aggregateRating(product: Product): AggregateRating | undefined {
  const rating = product.rating;
  if (!rating || rating.count === 0) return undefined;
  return {
    '@type': 'AggregateRating',
    ratingValue: rating.average,
    reviewCount: rating.count,
    bestRating: 5,
    worstRating: 1,
  };
}

/** The rating with only the fields it has, in one order (what is stored and announced). */
function ratingOf(rating: Rating): Rating {
  return {
    average: rating.average,
    count: rating.count,
    ...(rating.histogram ? { histogram: rating.histogram } : {}),
    ...(rating.version === undefined ? {} : { version: rating.version }),
  };
}

/** Field by field: a rating read back from the table need not keep its fields' order. */
function sameRating(a: Rating, b: Rating): boolean {
  return (
    a.average === b.average &&
    a.count === b.count &&
    a.version === b.version &&
    a.histogram?.join() === b.histogram?.join()
  );
}

/** Categories whose product count includes this product: archived products do not hold a category. */
export function countedCategories(product: Product | undefined): readonly string[] {
  return product && product.status !== 'archived' ? product.categoryIds : [];
}

/** Categories under which this product is listed in the storefront. */
export function listedCategories(product: Product | undefined): readonly string[] {
  return product && product.status === 'published' ? product.categoryIds : [];
}

function pickContent(p: Product): ProductContent {
  return Object.fromEntries(contentFields.map((f) => [f, p[f]])) as unknown as ProductContent;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
