// The catalog's use cases on an in-memory store: what each write commits and announces, optimistic
// concurrency (a stale version or a writer in between is a 409 and nothing is written; a rating is read and
// decided again), ratings kept at the highest aggregate version whatever the order, visibility.
import { productSnapshot } from '@commerce/events';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Catalog, type ProductInput } from '../../../functions/catalog/catalog.ts';
import { MemoryCatalogStore } from './memory-store.ts';

const now = new Date('2026-03-01T10:00:00.000Z');
const context = { correlationId: 'corr-1' };
const staff = { groups: ['staff'] };

function content(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    handle: 'linen-shirt',
    title: 'Linen shirt',
    description: 'Breathable.',
    status: 'published',
    categoryIds: [],
    attributes: {},
    options: [{ name: 'size', values: ['S', 'M'] }],
    variants: [
      { sku: 'LS-S', title: 'S', optionValues: { size: 'S' } },
      { sku: 'LS-M', title: 'M', optionValues: { size: 'M' } },
    ],
    media: [],
    ...overrides,
  };
}

function setup() {
  const store = new MemoryCatalogStore();
  let ids = 0;
  const catalog = new Catalog(store, { clock: () => now, newId: () => `id-${++ids}` });
  return { store, catalog };
}

describe('creating a product', () => {
  it('stores it at version 1 and announces product.created with the product, in the same write', async () => {
    const { store, catalog } = setup();
    const product = await catalog.createProduct(content(), context);
    expect(product).toMatchObject({ id: 'id-1', version: 1, createdAt: now.toISOString() });
    expect(store.products.get('id-1')).toEqual(product);
    expect(store.writes).toBe(1);
    expect(store.published).toEqual([
      {
        source: 'commerce.catalog',
        detailType: 'product.created',
        metadata: expect.objectContaining({
          correlationId: 'corr-1',
          occurredAt: now.toISOString(),
        }) as unknown,
        data: product,
      },
    ]);
  });

  it('refuses a handle another product holds, and writes nothing', async () => {
    const { store, catalog } = setup();
    await catalog.createProduct(content(), context);
    const taken = catalog.createProduct(
      content({ variants: [{ sku: 'OTHER', title: 'S', optionValues: { size: 'S' } }] }),
      context,
    );
    await expect(taken).rejects.toMatchObject({ problemType: 'handle-taken' });
    await expect(taken).rejects.toBeInstanceOf(ConflictError);
    expect(store.writes).toBe(1);
  });

  it('refuses invalid content before writing anything', async () => {
    const { store, catalog } = setup();
    const variants = content().variants.map((v) => ({ ...v, sku: 'SAME' }));
    await expect(catalog.createProduct(content({ variants }), context)).rejects.toThrow(ValidationError);
    expect(store.writes).toBe(0);
  });
});

describe('updating a product', () => {
  it('writes the change at the version read and announces product.updated with the changed fields', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const updated = await catalog.updateProduct(created.id, 1, { title: 'Linen shirt II' }, context);
    expect(updated).toMatchObject({ title: 'Linen shirt II', version: 2 });
    expect(store.products.get(created.id)).toEqual(updated);
    expect(store.published.map((e) => [e.detailType, e.data])).toEqual([
      ['product.created', created],
      ['product.updated', { product: updated, changedFields: ['title'] }],
    ]);
  });

  it('answers a stale version with a version conflict and writes nothing', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    await catalog.updateProduct(created.id, 1, { title: 'Second' }, context);
    await expect(catalog.updateProduct(created.id, 1, { title: 'Third' }, context)).rejects.toThrow(
      VersionConflictError,
    );
    expect(store.products.get(created.id)).toMatchObject({ title: 'Second', version: 2 });
    expect(store.published).toHaveLength(2);
  });

  it('answers a version conflict when another writer got in between the read and the write', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const other = { ...created, title: 'Theirs', version: 2 };
    store.interleave = () => store.products.set(created.id, other);
    await expect(catalog.updateProduct(created.id, 1, { title: 'Mine' }, context)).rejects.toThrow(
      VersionConflictError,
    );
    expect(store.products.get(created.id)).toBe(other);
    expect(store.published).toHaveLength(1);
  });

  it('writes and announces nothing when the patch repeats what is there', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const same = await catalog.updateProduct(created.id, 1, { title: created.title }, context);
    expect(same).toEqual(created);
    expect(store.writes).toBe(1);
  });

  it('is a 404 for a product that does not exist', async () => {
    const { catalog } = setup();
    await expect(catalog.updateProduct('nope', 1, { title: 'x' }, context)).rejects.toThrow(NotFoundError);
  });
});

describe('archiving and ratings', () => {
  it('archives once, announced as product.archived with the product', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const archived = await catalog.archiveProduct(created.id, context);
    expect(archived).toMatchObject({ status: 'archived', version: 2 });
    await catalog.archiveProduct(created.id, context);
    expect(store.published.map((e) => [e.detailType, e.data])).toEqual([
      ['product.created', created],
      ['product.archived', archived],
    ]);
  });

  it('records a rating as product.updated caused by the review event, once, and ignores unknown products', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const event = { correlationId: 'corr-2', causationId: 'review-event-1' };
    await catalog.recordRating(created.id, { average: 4.5, count: 2 }, event);
    await catalog.recordRating(created.id, { average: 4.5, count: 2 }, event);
    await catalog.recordRating('unknown', { average: 1, count: 1 }, event);
    expect(store.published).toHaveLength(2);
    expect(store.published[1]).toMatchObject({
      detailType: 'product.updated',
      metadata: { correlationId: 'corr-2', causationId: 'review-event-1' },
      data: {
        product: { id: created.id, rating: { average: 4.5, count: 2 }, version: 2 },
        changedFields: ['rating'],
      },
    });
  });
});

describe('ratings in any order', () => {
  const event = { correlationId: 'corr-2', causationId: 'review-event' };
  const rating = (version: number, average: number) => ({
    average,
    count: version,
    histogram: [0, 0, 0, 0, version] as const,
    version,
  });

  it('stores the histogram and announces it, with the aggregate version, in product.updated', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    await catalog.recordRating(created.id, rating(1, 5), event);
    const expected = { average: 5, count: 1, histogram: [0, 0, 0, 0, 1], version: 1 };
    expect(store.products.get(created.id)?.rating).toEqual(expected);
    const announced = store.published.at(-1)?.data as { product: unknown };
    expect(z.parse(productSnapshot, announced.product).rating).toEqual(expected);
  });

  it('changes nothing when an older aggregate version arrives after a newer one', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    await catalog.recordRating(created.id, rating(5, 4.2), event);
    const newer = store.products.get(created.id);
    const writes = store.writes;

    await catalog.recordRating(created.id, rating(4, 3.9), event);
    await catalog.recordRating(created.id, rating(5, 4.2), event);

    expect(store.products.get(created.id)).toBe(newer);
    expect(newer?.rating).toMatchObject({ average: 4.2, version: 5 });
    expect(store.writes).toBe(writes);
    expect(store.published.map((e) => e.detailType)).toEqual(['product.created', 'product.updated']);
  });

  it('reads again when a lower version wrote between its read and its write, and ends with the higher', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const lower = { ...created, rating: rating(4, 3.9), version: 2 };
    store.interleave = () => store.products.set(created.id, lower);

    await catalog.recordRating(created.id, rating(5, 4.2), event);

    expect(store.products.get(created.id)).toMatchObject({
      rating: { version: 5, average: 4.2 },
      version: 3,
    });
  });

  it('writes nothing when a higher version wrote between its read and its write', async () => {
    const { store, catalog } = setup();
    const created = await catalog.createProduct(content(), context);
    const higher = { ...created, rating: rating(6, 4.4), version: 2 };
    store.interleave = () => store.products.set(created.id, higher);

    await catalog.recordRating(created.id, rating(5, 4.2), event);

    expect(store.products.get(created.id)).toBe(higher);
    expect(store.writes).toBe(1);
  });
});

describe('reading products', () => {
  it('shows drafts to staff only', async () => {
    const { catalog } = setup();
    const draft = await catalog.createProduct(content({ status: 'draft' }), context);
    await expect(catalog.product(draft.id, undefined)).rejects.toThrow(NotFoundError);
    await expect(catalog.productByHandle(draft.handle, { groups: [] })).rejects.toThrow(NotFoundError);
    expect(await catalog.product(draft.id, staff)).toEqual(draft);
    expect(await catalog.productByHandle(draft.handle, staff)).toEqual(draft);
  });

  it('pages published products with cursors bound to the category asked for', async () => {
    const { catalog } = setup();
    for (const [i, handle] of ['a', 'b', 'c'].entries()) {
      await catalog.createProduct(
        content({ handle, variants: [{ sku: `S-${i}`, title: 'S', optionValues: { size: 'S' } }] }),
        context,
      );
    }
    const cursors = cursorCodec('a signing key of at least 32 bytes!');
    const first = await catalog.listProducts({ limit: 2 }, cursors);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
    const second = await catalog.listProducts({ limit: 2, cursor: first.nextCursor }, cursors);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    await expect(
      catalog.listProducts({ limit: 2, category: 'shirts', cursor: first.nextCursor }, cursors),
    ).rejects.toThrow(ValidationError);
  });
});

describe('categories', () => {
  it('creates, moves and deletes, announcing each as category.*', async () => {
    const { store, catalog } = setup();
    const parent = await catalog.createCategory(
      { name: 'Men', slug: 'men', parentId: null, position: 0 },
      context,
    );
    const child = await catalog.createCategory(
      { name: 'Shirts', slug: 'shirts', parentId: null, position: 0 },
      context,
    );
    const moved = await catalog.updateCategory(child.id, 1, { parentId: parent.id }, context);
    expect(moved).toMatchObject({ parentId: parent.id, version: 2 });
    expect(await catalog.categoryTree()).toMatchObject([{ id: parent.id, children: [{ id: child.id }] }]);
    await catalog.deleteCategory(child.id, context);
    expect(store.published.map((e) => [e.detailType, e.data])).toEqual([
      ['category.created', parent],
      ['category.created', child],
      ['category.updated', moved],
      ['category.deleted', moved],
    ]);
  });

  it('refuses a move under a descendant and a stale version, writing nothing', async () => {
    const { store, catalog } = setup();
    const parent = await catalog.createCategory(
      { name: 'Men', slug: 'men', parentId: null, position: 0 },
      context,
    );
    const child = await catalog.createCategory(
      { name: 'Shirts', slug: 'shirts', parentId: parent.id, position: 0 },
      context,
    );
    await expect(catalog.updateCategory(parent.id, 1, { parentId: child.id }, context)).rejects.toThrow(
      UnprocessableError,
    );
    await expect(catalog.updateCategory(parent.id, 7, { name: 'Herren' }, context)).rejects.toThrow(
      VersionConflictError,
    );
    await expect(catalog.deleteCategory(parent.id, context)).rejects.toMatchObject({
      problemType: 'category-not-empty',
    });
    expect(store.writes).toBe(2);
  });
});

describe('attribution', () => {
  const partner = { kind: 'client', id: 'partner-acme-client' } as const;
  const asPartner = { correlationId: 'corr-2', actor: partner };

  it('records the acting partner client on the stored product and category and in each event', async () => {
    const { store, catalog } = setup();
    const product = await catalog.createProduct(content(), asPartner);
    await catalog.updateProduct(product.id, 1, { title: 'Linen shirt, blue' }, asPartner);
    const category = await catalog.createCategory(
      { name: 'Shirts', slug: 'shirts', parentId: null, position: 0 },
      asPartner,
    );

    expect(store.changedBy.get(product.id)).toEqual(partner);
    expect(store.changedBy.get(category.id)).toEqual(partner);
    expect(store.published.map((e) => e.metadata)).toEqual([
      expect.objectContaining({ correlationId: 'corr-2', actor: partner }),
      expect.objectContaining({ correlationId: 'corr-2', actor: partner }),
      expect.objectContaining({ correlationId: 'corr-2', actor: partner }),
    ]);
  });

  it('records no actor for a change nobody made through the API', async () => {
    const { store, catalog } = setup();
    const product = await catalog.createProduct(content(), context);

    expect(store.changedBy.get(product.id)).toBeUndefined();
    expect(store.published[0]?.metadata).not.toHaveProperty('actor');
  });
});
