// Each handler serves what its service declares: a route handler the route it is declared for, a consumer the
// subscription it is declared for. Imports every declared handler module (with the environment the CDK app
// gives functions, dummies for the values) and reads the stamp the kit puts on it.
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, services } from '../../infra/services/index.ts';

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'declarations-test',
    QUEUE_URL: 'http://localhost:4566/000000000000/declarations-test',
    EVENT_BUS_NAME: 'declarations-test',
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:declarations-test',
    USER_POOL_ID: 'us-east-1_test',
    STACK_PREFIX: 'Commerce-local-',
    STAGE: 'local',
    AWS_REGION: 'us-east-1',
    NOTIFICATION_SENDER: 'orders@shop.example',
    SHOP_NAME: 'Test shop',
    PAYMENT_PROVIDERS: 'sandbox,stripe',
    PAYMENT_PROVIDER: 'sandbox',
    ORDERS_PAYMENT_PROVIDERS: 'sandbox,stripe',
    ORDERS_DEFAULT_PAYMENT_PROVIDER: 'sandbox',
    SHIPPING_CARRIERS: 'sandbox,manual',
    SHIPPING_DEFAULT_CARRIER: 'sandbox',
    ORDERS_REFUND_APPROVAL_ABOVE: '{"EUR":10000}',
    SEARCH_ENDPOINT: 'http://localhost:9200',
    SEARCH_INDEX_PREFIX: 'commerce-',
    SEARCH_SHARDS: '1',
    SEARCH_REPLICAS: '0',
    BUCKET_NAME: 'declarations-test',
    PUBLIC_BASE_URL: 'http://localhost:4566/declarations-test/m',
    MEDIA_DETACHED_GRACE_SECONDS: '5',
    MEDIA_UNATTACHED_GRACE_SECONDS: '86400',
    STOREFRONT_URL: 'http://localhost:5173',
    REVIEW_REQUEST_DELAY_SECONDS: '15',
  });
});

/** The module's exported handler, with whatever the kit stamped on it. */
async function handlerOf(entry: string): Promise<Record<string, unknown>> {
  const module = (await import(`../../${entry}`)) as { handler?: unknown };
  expect(typeof module.handler, `${entry} exports a handler function`).toBe('function');
  return module.handler as Record<string, unknown>;
}

describe('declared handlers', () => {
  it('serve the route they are declared for', async () => {
    expect(allRoutes.length).toBeGreaterThan(50);
    for (const route of allRoutes) {
      expect((await handlerOf(route.entry)).route, route.entry).toBe(route.key);
    }
  });

  it('consume the subscription they are declared for', async () => {
    const subscriptions = services.flatMap((s) => s.subscriptions);
    expect(subscriptions.length).toBeGreaterThan(5);
    for (const subscription of subscriptions) {
      expect((await handlerOf(subscription.entry)).subscription, subscription.entry).toBe(subscription.name);
    }
  });

  it('serve the internal contract they are declared for', async () => {
    const internal = services.flatMap((s) => (s.internal ?? []).map((f) => ({ service: s.name, f })));
    expect(internal.length).toBeGreaterThan(5);
    for (const { service, f } of internal) {
      expect((await handlerOf(f.entry)).contract, f.entry).toBe(`${service}.${f.name}`);
    }
  });

  it('live in their own service’s folder', () => {
    for (const service of services) {
      for (const entry of [
        ...service.routes.map((r) => r.entry),
        ...service.subscriptions.map((s) => s.entry),
        ...(service.internal ?? []).map((f) => f.entry),
        ...(service.storage?.onUpload ? [service.storage.onUpload.entry] : []),
      ]) {
        expect(entry.startsWith(`functions/${service.name}/`), entry).toBe(true);
      }
    }
  });
});
