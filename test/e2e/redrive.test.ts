// `npm run redrive` end to end: an event stranded in a subscription's DLQ (as after a consumer bug) is moved
// back to the subscription's queue and consumed: here a product.created the orders service never applied,
// so a cart refuses the SKU until the redrive and takes it after.
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ProductCreated } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { findSubscriptions, redrive } from '../../packages/ops/src/redrive.ts';
import { api, eventually, sqs, unique } from './support.ts';
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

it('moves a DLQ back to its queue, where the consumer applies it', async () => {
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

  expect(await redrive(sqs, { queueUrl, dlqUrl }, { dryRun: true })).toBeGreaterThanOrEqual(1);
  expect(await redrive(sqs, { queueUrl, dlqUrl })).toBeGreaterThanOrEqual(1);
  expect(await depth(dlqUrl)).toBe(0);
  await eventually(async () => ((await add()).status === 200 ? true : undefined), 60_000);
});
