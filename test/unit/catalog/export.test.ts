// The catalog's internal exports as deployed (internalFunction over the contract, the use case, the export
// cursor) on the in-memory store: every product in every status, page by page, each exactly as its latest
// product.* event carried it; every category as category.* carried it; a cursor it did not issue is a 400.
// And the DynamoDB side: the Scan the export pages with and what it maps back.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  catalogExportCategories,
  catalogExportProducts,
  isInternalError,
  type ExportProductsReply,
  type ExportProductsResult,
  type InternalProblem,
} from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../functions/catalog/catalog.ts';
import type { ProductContent } from '../../../functions/catalog/domain/product.ts';
import type { ProductInput } from '../../../functions/catalog/catalog.ts';
import { exportCursors } from '../../../functions/catalog/export-cursor.ts';
import { scanProducts } from '../../../functions/catalog/store-export.ts';
import { MemoryCatalogStore } from './memory-store.ts';

const now = new Date('2026-03-01T10:00:00.000Z');
const context = { correlationId: 'corr-1' };
const lambdaContext = {
  functionName: 'exportProducts',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

function content(n: number, status: ProductContent['status']): ProductInput {
  return {
    handle: `product-${n}`,
    title: `Product ${n}`,
    description: 'Plain.',
    status,
    categoryIds: [],
    attributes: { material: 'linen' },
    options: [],
    variants: [{ sku: `SKU-${n}`, title: 'One size', optionValues: {} }],
    media: [],
  };
}

/** The two internal functions as their handler modules build them, over this test's store. */
function setup() {
  const store = new MemoryCatalogStore();
  let ids = 0;
  const catalog = new Catalog(store, { clock: () => now, newId: () => `id-${++ids}` });
  const exportProducts = internalFunction(catalogExportProducts, ({ cursor, limit }) =>
    catalog.exportProducts({ cursor, limit }, exportCursors),
  );
  const exportCategories = internalFunction(catalogExportCategories, async () => ({
    items: await catalog.exportCategories(),
  }));
  return {
    store,
    catalog,
    exportProducts: (input: unknown) => exportProducts(input, lambdaContext),
    exportCategories: (input: unknown) => exportCategories(input, lambdaContext),
  };
}

function served(result: ExportProductsResult): ExportProductsReply {
  if (isInternalError(result)) throw new Error(`Refused: ${result.error.detail}`);
  return result;
}

function refused(result: object): InternalProblem {
  if (!('error' in result)) throw new Error('Expected a refusal');
  return result.error as InternalProblem;
}

describe('exportProducts', () => {
  it('pages through every product in every status, each as its latest product.* event carried it', async () => {
    const { store, catalog, exportProducts } = setup();
    for (let n = 1; n <= 5; n++) await catalog.createProduct(content(n, 'draft'), context);
    await catalog.updateProduct('id-2', 1, { status: 'published' }, context);
    await catalog.archiveProduct('id-3', context);

    const pages: ExportProductsReply[] = [];
    let cursor: string | undefined;
    do {
      const page = served(await exportProducts({ limit: 2, ...(cursor ? { cursor } : {}) }));
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);

    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const exported = pages.flatMap((p) => p.items);
    expect(exported.map((p) => [p.id, p.status])).toEqual([
      ['id-1', 'draft'],
      ['id-2', 'published'],
      ['id-3', 'archived'],
      ['id-4', 'draft'],
      ['id-5', 'draft'],
    ]);
    // The data of each product's latest event, whichever event it was.
    const latest = new Map<string, unknown>();
    for (const e of store.published) {
      const data = e.data as { id?: string; product?: { id: string } };
      latest.set(data.product?.id ?? data.id ?? '', data.product ?? data);
    }
    for (const item of exported) expect(item).toStrictEqual(latest.get(item.id));
  });

  it('takes 100 per page unless told, and answers the last page without a cursor', async () => {
    const { catalog, exportProducts } = setup();
    for (let n = 1; n <= 3; n++) await catalog.createProduct(content(n, 'published'), context);
    const page = served(await exportProducts({}));
    expect(page.items).toHaveLength(3);
    expect(page).not.toHaveProperty('nextCursor');
  });

  it('drops what the event would not carry (a stray attribute on the stored item)', async () => {
    const { store, catalog, exportProducts } = setup();
    const product = await catalog.createProduct(content(1, 'draft'), context);
    store.products.set(product.id, { ...product, legacyFlag: true } as typeof product);
    expect(served(await exportProducts({})).items).toStrictEqual([product]);
  });

  it('refuses a limit out of range and unknown members with the 400 refusal', async () => {
    const { exportProducts } = setup();
    for (const input of [{ limit: 0 }, { limit: 201 }, { limit: 1.5 }, { page: 2 }]) {
      expect(refused(await exportProducts(input)), JSON.stringify(input)).toMatchObject({
        status: 400,
        type: 'urn:commerce:problem:validation-error',
      });
    }
  });

  it('refuses a cursor it did not issue with a 400 on /cursor', async () => {
    const { catalog, exportProducts } = setup();
    for (let n = 1; n <= 3; n++) await catalog.createProduct(content(n, 'draft'), context);
    const issued = served(await exportProducts({ limit: 1 })).nextCursor;
    expect(issued).toBeDefined();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      'not a cursor',
      `${issued ?? ''}.x`,
      encode({ s: 'products:*', k: { pk: 'PRODUCT#id-1', sk: 'PRODUCT' } }),
      encode({ s: 'products:export', k: { pk: 'PRODUCT#id-1' } }),
      encode({ s: 'products:export', k: { pk: 'PRODUCT#id-1', sk: 'PRODUCT', gsi1pk: 'PUBLISHED' } }),
      encode({ s: 'products:export', k: { pk: 1, sk: 'PRODUCT' } }),
      encode([1, 2]),
    ];
    for (const cursor of forged) {
      expect(refused(await exportProducts({ cursor })), cursor).toMatchObject({
        status: 400,
        errors: [{ in: 'body', pointer: '/cursor', detail: 'The cursor is not one this export issued.' }],
      });
    }
  });
});

describe('exportCategories', () => {
  it('answers every category as category.* carried it', async () => {
    const { store, catalog, exportCategories } = setup();
    const shoes = await catalog.createCategory(
      { name: 'Shoes', slug: 'shoes', parentId: null, position: 0 },
      context,
    );
    await catalog.createCategory({ name: 'Boots', slug: 'boots', parentId: shoes.id, position: 1 }, context);
    await catalog.updateCategory(shoes.id, 1, { name: 'Footwear' }, context);

    const result = await exportCategories({ correlationId: 'reindex-1' });

    const latest = new Map(store.published.map((e) => [(e.data as { id: string }).id, e.data]));
    expect(result).toStrictEqual({ items: [latest.get('id-1'), latest.get('id-2')] });
    expect(refused(await exportCategories({ limit: 5 }))).toMatchObject({ status: 400 });
  });
});

describe('the DynamoDB export read', () => {
  it('scans one page of product items from where the last one ended, and maps them back', async () => {
    const sent: Record<string, unknown>[] = [];
    const db = {
      send: (command: { input: Record<string, unknown> }) => {
        sent.push(command.input);
        return Promise.resolve({
          Items: [
            {
              pk: 'PRODUCT#p1',
              sk: 'PRODUCT',
              gsi1pk: 'PUBLISHED',
              gsi1sk: '2026-03-01T10:00:00.000Z#p1',
              type: 'product',
              changedBy: null,
              id: 'p1',
              title: 'Mug',
            },
          ],
          LastEvaluatedKey: { pk: 'HANDLE#mug', sk: 'HANDLE' },
        });
      },
    } as unknown as DynamoDBDocumentClient;

    const page = await scanProducts(db, 'catalog', {
      limit: 50,
      startKey: { pk: 'PRODUCT#p0', sk: 'PRODUCT' },
    });

    expect(sent).toEqual([
      {
        TableName: 'catalog',
        FilterExpression: 'begins_with(pk, :product) AND sk = :sk',
        ExpressionAttributeValues: { ':product': 'PRODUCT#', ':sk': 'PRODUCT' },
        Limit: 50,
        ExclusiveStartKey: { pk: 'PRODUCT#p0', sk: 'PRODUCT' },
      },
    ]);
    expect(page).toEqual({
      items: [{ id: 'p1', title: 'Mug' }],
      lastKey: { pk: 'HANDLE#mug', sk: 'HANDLE' },
    });
  });

  it('ends the export where DynamoDB reports no last key', async () => {
    const db = { send: () => Promise.resolve({ Items: [] }) } as unknown as DynamoDBDocumentClient;
    expect(await scanProducts(db, 'catalog', { limit: 10 })).toEqual({ items: [] });
  });
});
