// The catalog service end to end on the local cloud: HTTP through the emulated API Gateway into the
// deployed Lambdas and DynamoDB, events through the outbox, the stream and the bus.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  bearer,
  eventBridge,
  eventually,
  listenOnBus,
  productBody,
  signIn,
  sqs,
  stackOutput,
  unique,
  type BusEvent,
} from './support.ts';

const busName = () => stackOutput((k) => k.startsWith('EventBusName'));

/** A queue subscribed to every catalog event on the bus, as a partner integration would subscribe. */
let listener: Awaited<ReturnType<typeof listenOnBus>>;

/** Catalog writes are for staff: every write in this file goes through a staff member's token. */
let staffToken = '';
const staffApi = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api(method, path, body, { ...bearer(staffToken), ...headers });

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  listener = await listenOnBus({ source: ['commerce.catalog'] });
});

afterAll(async () => {
  await listener.close();
});

/** Waits until the listener queue has seen an event matching `match`. */
const seenOnBus = (match: (e: BusEvent) => boolean, what: string): Promise<BusEvent> =>
  listener.waitFor(match, what);

async function createProduct(overrides: Record<string, unknown> = {}) {
  const res = await staffApi('POST', '/products', productBody(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; handle: string; version: number; variants: { sku: string }[] };
}

describe('products', () => {
  it('are created, read by id and handle, listed, updated and archived', async () => {
    const correlationId = unique('corr');
    const created = await staffApi('POST', '/products', productBody(), { 'x-correlation-id': correlationId });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);
    const product = created.body as { id: string; handle: string; version: number };
    expect(product.version).toBe(1);

    const byId = await api('GET', `/products/${product.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: product.id, title: 'Organic tee', status: 'published' });

    const byHandle = await api('GET', `/products/by-handle/${product.handle}`);
    expect(byHandle.body).toMatchObject({ id: product.id });

    const list = await api('GET', '/products?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items!.map((p) => p.id)).toContain(product.id);

    const updated = await staffApi('PATCH', `/products/${product.id}`, {
      version: 1,
      title: 'Organic tee, washed',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Organic tee, washed', version: 2 });

    const archived = await staffApi('DELETE', `/products/${product.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived', version: 3 });
    expect((await api('GET', `/products/${product.id}`)).status).toBe(404);
    expect((await api('GET', `/products/by-handle/${product.handle}`)).status).toBe(404);
    const after = await api('GET', '/products?limit=100');
    expect(after.body.items!.map((p) => p.id)).not.toContain(product.id);

    const createdEvent = await seenOnBus(
      (e) => e['detail-type'] === 'product.created' && e.detail.data.id === product.id,
      'product.created on the bus',
    );
    expect(createdEvent.detail.metadata.correlationId).toBe(correlationId);
    const updatedEvent = await seenOnBus(
      (e) =>
        e['detail-type'] === 'product.updated' && (e.detail.data.product as { id: string }).id === product.id,
      'product.updated on the bus',
    );
    expect(updatedEvent.detail.data.changedFields).toEqual(['title']);
    await seenOnBus(
      (e) => e['detail-type'] === 'product.archived' && e.detail.data.id === product.id,
      'product.archived on the bus',
    );
  });

  it('refuses a stale version with 409 and keeps the newer write', async () => {
    const product = await createProduct();
    expect((await staffApi('PATCH', `/products/${product.id}`, { version: 1, title: 'First' })).status).toBe(
      200,
    );
    const stale = await staffApi('PATCH', `/products/${product.id}`, { version: 1, title: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ type: 'urn:commerce:problem:version-conflict', status: 409 });
    expect((await api('GET', `/products/${product.id}`)).body).toMatchObject({ title: 'First', version: 2 });
  });

  it('refuses a duplicate handle and a SKU of another product with 409', async () => {
    const first = await createProduct();
    const sameHandle = await staffApi('POST', '/products', productBody({ handle: first.handle }));
    expect(sameHandle.status).toBe(409);
    expect(sameHandle.body.type).toBe('urn:commerce:problem:handle-taken');

    const sku = first.variants[0]!.sku;
    const refused = productBody({ options: [], variants: [{ sku, title: 'Copy', optionValues: {} }] });
    const sameSku = await staffApi('POST', '/products', refused);
    expect(sameSku.status).toBe(409);
    expect(sameSku.body.type).toBe('urn:commerce:problem:sku-taken');
    // The refused product claimed nothing: its handle is still free.
    const retry = await staffApi('POST', '/products', productBody({ handle: refused.handle }));
    expect(retry.status).toBe(201);
  });

  it('answers bad input with problem+json naming each field, and changes nothing', async () => {
    const body = productBody();
    const unknownField = await staffApi('POST', '/products', { ...body, price: 100 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownField.body.errors).toEqual([{ in: 'body', pointer: '/price', detail: 'Unknown field.' }]);

    const wrongType = await staffApi('POST', '/products', { ...body, title: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/title' })]);

    const tooLong = await staffApi('POST', '/products', { ...body, title: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ pointer: '/title' })]);

    const oversized = await staffApi('POST', '/products', { ...body, description: 'x'.repeat(70 * 1024) });
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({ type: 'urn:commerce:problem:payload-too-large', status: 413 });

    const badQuery = await api('GET', '/products?limit=1000');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/limit' })]);

    // None of the refused requests created the product.
    expect((await api('GET', `/products/by-handle/${body.handle as string}`)).status).toBe(404);
    expect((await staffApi('POST', '/products', body)).status).toBe(201);
  });

  it('pages through a category with signed cursors and refuses a forged one', async () => {
    const category = await staffApi('POST', '/categories', { name: 'Page test', slug: unique('page') });
    expect(category.status).toBe(201);
    const categoryId = category.body.id as string;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createProduct({ categoryIds: [categoryId] })).id);

    const first = await api('GET', `/products?category=${categoryId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toBeTruthy();
    const second = await api(
      'GET',
      `/products?category=${categoryId}&limit=2&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    const listed = [...first.body.items!, ...second.body.items!].map((p) => p.id);
    expect(listed.sort()).toEqual([...ids].sort());

    const [payload, mac] = cursor.split('.');
    const forged = `${payload!.slice(0, -2)}AA.${mac!}`;
    const refused = await api(
      'GET',
      `/products?category=${categoryId}&limit=2&cursor=${encodeURIComponent(forged)}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/cursor' })]);
  });
});

describe('categories', () => {
  it('form a tree; a category with children or products cannot be deleted', async () => {
    const parent = await staffApi('POST', '/categories', { name: 'Clothing', slug: unique('clothing') });
    const child = await staffApi('POST', '/categories', {
      name: 'Tees',
      slug: unique('tees'),
      parentId: parent.body.id,
    });
    expect(child.status).toBe(201);
    const dupSlug = await staffApi('POST', '/categories', { name: 'Again', slug: parent.body.slug });
    expect(dupSlug.status).toBe(409);
    const orphan = await staffApi('POST', '/categories', {
      name: 'Orphan',
      slug: unique('orphan'),
      parentId: 'no-such-category',
    });
    expect(orphan.status).toBe(422);

    const tree = await api('GET', '/categories');
    const node = tree.body.items!.find((n) => n.id === parent.body.id) as { children: { id: string }[] };
    expect(node.children.map((c) => c.id)).toEqual([child.body.id]);

    const cycle = await staffApi('PATCH', `/categories/${parent.body.id as string}`, {
      version: 1,
      parentId: child.body.id,
    });
    expect(cycle.status).toBe(422);

    expect((await staffApi('DELETE', `/categories/${parent.body.id as string}`)).status).toBe(409);
    const product = await createProduct({ categoryIds: [child.body.id] });
    expect((await staffApi('DELETE', `/categories/${child.body.id as string}`)).status).toBe(409);
    expect((await staffApi('DELETE', `/products/${product.id}`)).status).toBe(200);
    expect((await staffApi('DELETE', `/categories/${child.body.id as string}`)).status).toBe(204);
    expect((await staffApi('DELETE', `/categories/${parent.body.id as string}`)).status).toBe(204);
  });
});

describe('subscriptions', () => {
  const reviewAggregated = (
    productId: string,
    ratingAverage: unknown,
    reviewCount: number,
    id = randomUUID(),
  ) => ({
    EventBusName: busName(),
    Source: 'commerce.review',
    DetailType: 'review.aggregated',
    Detail: JSON.stringify({
      metadata: { id, version: 1, occurredAt: new Date().toISOString(), correlationId: unique('corr') },
      data: { productId, reviewCount, ratingAverage },
    }),
  });

  const ratingCountReaches = (productId: string, count: number) =>
    eventually(
      async () => {
        const res = await api('GET', `/products/${productId}`);
        return (res.body.rating as { count: number } | undefined)?.count === count ? true : undefined;
      },
      45_000,
      `a rating from ${count} review(s)`,
    );

  it('apply review.aggregated once per event id, and announce the change', async () => {
    const product = await createProduct();
    const firstId = randomUUID();
    await eventBridge.send(new PutEventsCommand({ Entries: [reviewAggregated(product.id, 4, 1, firstId)] }));
    await ratingCountReaches(product.id, 1);
    await eventBridge.send(new PutEventsCommand({ Entries: [reviewAggregated(product.id, 5, 2)] }));
    await ratingCountReaches(product.id, 2);
    // The first event again (same id): a consumer without idempotency would set the rating back to 4.
    await eventBridge.send(new PutEventsCommand({ Entries: [reviewAggregated(product.id, 4, 1, firstId)] }));
    await seenOnBus(
      (e) =>
        e['detail-type'] === 'product.updated' &&
        (e.detail.data.product as { id: string; rating?: { count: number } }).id === product.id &&
        (e.detail.data.product as { rating?: { count: number } }).rating?.count === 2,
      'product.updated with the second rating',
    );
    await new Promise((r) => setTimeout(r, 5_000));
    const final = await api('GET', `/products/${product.id}`);
    expect(final.body).toMatchObject({ rating: { average: 5, count: 2 }, version: 3 });
  });

  it('move a poison message to the DLQ instead of dropping it', async () => {
    const marker = unique('poison');
    await eventBridge.send(new PutEventsCommand({ Entries: [reviewAggregated(marker, 'not-a-number', 1)] }));
    const dlqUrl = stackOutput((k) => /^CatalogSubscriptionreviewaggregatedDlqUrl/.test(k));
    const dead = await eventually(
      async () => {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            VisibilityTimeout: 1,
          }),
        );
        return out.Messages?.find((m) => m.Body?.includes(marker));
      },
      90_000,
      'the poison message in the DLQ',
    );
    expect(JSON.parse(dead.Body!)).toMatchObject({ 'detail-type': 'review.aggregated' });
  });
});
