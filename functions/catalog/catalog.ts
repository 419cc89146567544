// The catalog's use cases: read what the store holds, let the domain decide, and write the change together
// with the events it announces (the outbox) in one transaction. Handlers make one call here and map the
// result to HTTP; nothing here knows HTTP beyond the typed errors and the signed cursors of list pages. The
// exports answer other services' internal calls (search's reindex) with the events' own snapshots.
import { categorySnapshot, productSnapshot, type ProcessedImage } from '@commerce/events';
import { NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import { paginate, type CursorCodec, type PageBody } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import {
  applyCategoryPatch,
  assertMoveAllowed,
  buildTree,
  createCategory,
  deleteCategory,
  type Category,
  type CategoryContent,
  type CategoryNode,
} from './domain/category.ts';
import type { CatalogStore } from './domain/ports.ts';
import {
  applyPatch,
  archive,
  createProduct,
  isVisibleTo,
  withRating,
  type MediaInput,
  type MediaRef,
  type Product,
  type ProductContent,
  type ProductPatch,
  type Rating,
} from './domain/product.ts';

/** A product or category exactly as the catalog's events carry it (parsed: nothing the event would drop). */
export type ProductSnapshot = z.output<typeof productSnapshot>;
export type CategorySnapshot = z.output<typeof categorySnapshot>;

/** Who is reading: staff and admins see unpublished products too. */
export interface Viewer {
  readonly groups: readonly string[];
}

export interface CatalogOptions {
  readonly clock?: () => Date;
  readonly newId?: () => string;
  /**
   * The processed images behind media ids, in order (the media service's `resolve`); refuses ids that are
   * not ready product images (422 media-not-usable). @default none: attaching images is refused
   */
  readonly resolveImages?: (ids: readonly string[]) => Promise<readonly ProcessedImage[]>;
}

/** A product as staff write it: its images as media ids with their alt texts. */
export type ProductInput = Omit<ProductContent, 'media'> & { readonly media: readonly MediaInput[] };
export type ProductPatchInput = Omit<ProductPatch, 'media'> & {
  readonly media?: readonly MediaInput[] | undefined;
};

export class Catalog {
  readonly #store: CatalogStore;
  readonly #clock: () => Date;
  readonly #newId: () => string;
  readonly #resolveImages: CatalogOptions['resolveImages'];

  constructor(store: CatalogStore, options: CatalogOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#resolveImages = options.resolveImages;
  }

  /** The images staff attach, resolved by the media service, with their alt texts. */
  async #media(input: readonly MediaInput[]): Promise<MediaRef[]> {
    if (input.length === 0) return [];
    if (!this.#resolveImages) throw new Error('This catalog cannot resolve images');
    const images = await this.#resolveImages(input.map((m) => m.id));
    return images.map((image, i) => {
      const alt = input[i]?.alt;
      return { ...image, ...(alt === undefined ? {} : { alt }) };
    });
  }

  /** A product the viewer may see (404 for one they may not, as for one that does not exist). */
  async product(id: string, viewer: Viewer | undefined): Promise<Product> {
    const product = await this.#store.getProduct(id);
    if (!product || !isVisibleTo(product, viewer?.groups ?? [])) throw new NotFoundError(`No product ${id}.`);
    return product;
  }

  async productByHandle(handle: string, viewer: Viewer | undefined): Promise<Product> {
    const product = await this.#store.getProductByHandle(handle);
    if (!product || !isVisibleTo(product, viewer?.groups ?? [])) {
      throw new NotFoundError(`No product with handle ${handle}.`);
    }
    return product;
  }

  /** Published products, newest first, optionally in one category; the cursor is bound to that category. */
  listProducts(
    query: {
      readonly category?: string | undefined;
      readonly limit: number;
      readonly cursor?: string | undefined;
    },
    cursors: CursorCodec,
  ): Promise<PageBody<Product>> {
    const scope = `products:${query.category ?? '*'}`;
    return paginate(cursors, scope, query.cursor, (startKey) =>
      this.#store.listPublishedProducts({
        limit: query.limit,
        ...(query.category ? { categoryId: query.category } : {}),
        ...(startKey ? { startKey } : {}),
      }),
    );
  }

  /**
   * One page of every product in every status (the internal export), each as product.* carries it, in the
   * store's stable order; `cursors` reads the previous page's cursor (400 for one it did not issue).
   */
  async exportProducts(
    query: { readonly cursor?: string | undefined; readonly limit: number },
    cursors: CursorCodec,
  ): Promise<{ items: ProductSnapshot[]; nextCursor?: string }> {
    const page = await paginate(cursors, 'products:export', query.cursor, (startKey) =>
      this.#store.listAllProducts({ limit: query.limit, ...(startKey ? { startKey } : {}) }),
    );
    return {
      items: page.items.map((p) => z.parse(productSnapshot, p)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async createProduct(input: ProductInput, context: EventContext): Promise<Product> {
    const content: ProductContent = { ...input, media: await this.#media(input.media) };
    const now = this.#clock();
    const { product, events } = createProduct(content, this.#newId(), now);
    await this.#store.createProduct(product, toOutbox(events, context, now), context.actor);
    return product;
  }

  /** Changes a product read at `version`; a stale version is a VersionConflictError. */
  async updateProduct(
    id: string,
    version: number,
    input: ProductPatchInput,
    context: EventContext,
  ): Promise<Product> {
    const current = await this.#existingProduct(id);
    if (version !== current.version) throw new VersionConflictError();
    const { media, ...rest } = input;
    const patch: ProductPatch = media === undefined ? rest : { ...rest, media: await this.#media(media) };
    const now = this.#clock();
    const change = applyPatch(current, patch, now);
    if (change.events.length > 0) {
      await this.#store.saveProductChange(change, toOutbox(change.events, context, now), context.actor);
    }
    return change.after;
  }

  async archiveProduct(id: string, context: EventContext): Promise<Product> {
    const current = await this.#existingProduct(id);
    const now = this.#clock();
    const change = archive(current, now);
    if (change.events.length > 0) {
      await this.#store.saveProductChange(change, toOutbox(change.events, context, now), context.actor);
    }
    return change.after;
  }

  /**
   * Records a product's rating aggregate, unless the product keeps one from a higher aggregate version; a
   * product we do not know (deleted, or never ours) is left alone. The write is conditional on the product's
   * version read, so when another write got in between (another rating, a staff edit) it is read and decided
   * again: two ratings racing end with the higher aggregate version, whichever writes first.
   */
  async recordRating(productId: string, rating: Rating, context: EventContext): Promise<void> {
    await retryOnConflict(
      async () => {
        const product = await this.#store.getProduct(productId);
        if (!product) return;
        const now = this.#clock();
        const change = withRating(product, rating, now);
        if (change.events.length === 0) return;
        await this.#store.saveProductChange(change, toOutbox(change.events, context, now));
      },
      { versionConflicts: true },
    );
  }

  async categoryTree(): Promise<CategoryNode[]> {
    return buildTree(await this.#store.listCategories());
  }

  /** Every category, each as category.* carries it (the internal export). */
  async exportCategories(): Promise<CategorySnapshot[]> {
    return (await this.#store.listCategories()).map((c) => z.parse(categorySnapshot, c));
  }

  async createCategory(content: CategoryContent, context: EventContext): Promise<Category> {
    const { category, events } = createCategory(content, this.#newId());
    await this.#store.createCategory(category, toOutbox(events, context, this.#clock()), context.actor);
    return category;
  }

  /** Renames, re-slugs, moves or reorders a category read at `version`; never under its own descendant. */
  async updateCategory(
    id: string,
    version: number,
    patch: Partial<CategoryContent>,
    context: EventContext,
  ): Promise<Category> {
    const categories = await this.#store.listCategories();
    const current = categories.find((c) => c.id === id);
    if (!current) throw new NotFoundError(`No category ${id}.`);
    if (version !== current.version) throw new VersionConflictError();
    if (patch.parentId !== undefined) assertMoveAllowed(categories, current.id, patch.parentId);
    const change = applyCategoryPatch(current, patch);
    if (change.events.length > 0) {
      const outbox = toOutbox(change.events, context, this.#clock());
      await this.#store.saveCategoryChange(change, outbox, context.actor);
    }
    return change.after;
  }

  async deleteCategory(id: string, context: EventContext): Promise<void> {
    const current = await this.#store.getCategory(id);
    if (!current) throw new NotFoundError(`No category ${id}.`);
    const { category, events } = deleteCategory(current);
    await this.#store.deleteCategory(category, toOutbox(events, context, this.#clock()));
  }

  async #existingProduct(id: string): Promise<Product> {
    const product = await this.#store.getProduct(id);
    if (!product) throw new NotFoundError(`No product ${id}.`);
    return product;
  }
}
