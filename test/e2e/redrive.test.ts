// Redrive end to end, by `npm run redrive` and by the admins' API (POST /operations/queues/{name}/redrive): an
// event stranded in a subscription's DLQ (as after a consumer bug) is moved back to the subscription's queue
// and consumed: here a product.created the orders service never applied, so a cart refuses the SKU until the
// redrive and takes it after. The API also lists the DLQ's depth and the stranded event, to admins only.
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ProductCreated } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { findSubscriptions, redrive } from '../../packages/ops/src/redrive.ts';
import { api, bearer, eventually, signIn, sqs, unique } from './support.ts';
import { inject } from 'vitest';

/** The outputs of every stack, merged (each service's queues are in its own stack). */
function servicesOutputs(): Record<string, string> {
  return Object.assign({}, ...Object.values(inject('stackOutputs'))) as Record<string, string>;
}

async function depth(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

/** Strands a product.created of a new SKU in the orders service's product-changed DLQ. */
async function strandProductCreated() {
  const [subscription, ...others] = findSubscriptions(
    servicesOutputs(),
    'OrdersSubscription-product-changed',
  );
  expect(others).toEqual([]);
  expect(subscription).toBeDefined();
  const { queueUrl, dlqUrl } = subscription!;

  const handle = unique('redrive');
  const sku = `${handle}-one`;
  const now = new Date().toISOString();
  const detail = ProductCreated.detail.parse({
    metadata: { id: randomUUID(), version: 1, occurredAt: now, correlationId: unique('redrive') },
    data: {
      id: unique('prod'),
      handle,
      title: 'Redriven tee',
      description: 'Stranded in a DLQ.',
      status: 'published',
      categoryIds: [],
      attributes: {},
      options: [],
      variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: 100 }],
      media: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
  });
  // What the rule delivers to the queue: the EventBridge event.
  const message = {
    version: '0',
    id: randomUUID(),
    'detail-type': ProductCreated.detailType,
    source: ProductCreated.source,
    account: '000000000000',
    time: now,
    region: 'us-east-1',
    resources: [],
    detail,
  };
  await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: JSON.stringify(message) }));

  const created = await api('POST', '/carts', { currency: 'EUR' });
  const { cart, secret } = created.body as { cart: { id: string }; secret: string };
  const add = () => api('POST', `/carts/${cart.id}/lines`, { sku, quantity: 1 }, { 'x-cart-secret': secret });
  expect((await add()).status).toBe(422);
  return { queueUrl, dlqUrl, eventId: message.id, add };
}

it('moves a DLQ back to its queue, where the consumer applies it (npm run redrive)', async () => {
  const { queueUrl, dlqUrl, add } = await strandProductCreated();

  expect(await redrive(sqs, { queueUrl, dlqUrl }, { dryRun: true })).toBeGreaterThanOrEqual(1);
  expect(await redrive(sqs, { queueUrl, dlqUrl })).toBeGreaterThanOrEqual(1);
  expect(await depth(dlqUrl)).toBe(0);
  await eventually(async () => ((await add()).status === 200 ? true : undefined), 60_000);
});

it('shows admins the DLQ and its failed event, and redrives it through the API; staff may not', async () => {
  const { dlqUrl, eventId, add } = await strandProductCreated();
  const name = 'OrdersSubscriptionproductchanged';
  const admin = bearer(await signIn(['admin'], undefined));
  const staff = bearer(await signIn(['staff'], undefined));

  expect((await api('GET', '/operations/queues', undefined, staff)).status).toBe(403);
  expect((await api('POST', `/operations/queues/${name}/redrive`, undefined, staff)).status).toBe(403);
  expect(await depth(dlqUrl)).toBeGreaterThanOrEqual(1);

  const queues = await api('GET', '/operations/queues', undefined, admin);
  expect(queues.status).toBe(200);
  const listed = (queues.body as { items: { name: string; service: string; waiting: number }[] }).items;
  const stranded = listed.find((q) => q.name === name);
  expect(stranded?.service).toBe('orders');
  expect(stranded?.waiting).toBeGreaterThanOrEqual(1);

  const failures = await api('GET', '/operations/failures?limit=100', undefined, admin);
  expect(failures.status).toBe(200);
  expect((failures.body as { items: unknown[] }).items).toContainEqual(
    expect.objectContaining({ subscription: name, eventId, type: ProductCreated.detailType }),
  );
  // Reading the failures took nothing: the event still waits.
  expect(await depth(dlqUrl)).toBeGreaterThanOrEqual(1);

  expect((await api('POST', '/operations/queues/NoSuchSubscription/redrive', undefined, admin)).status).toBe(
    404,
  );
  const redriven = await api('POST', `/operations/queues/${name}/redrive`, undefined, admin);
  expect(redriven.status).toBe(200);
  expect(redriven.body).toMatchObject({ name, waiting: 0 });
  expect((redriven.body as { moved: number }).moved).toBeGreaterThanOrEqual(1);
  await eventually(async () => ((await add()).status === 200 ? true : undefined), 60_000);
});
