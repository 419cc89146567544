// `npm run outbox -- republish` end to end: an order.delivered written to the orders outbox goes out through
// the relay and the notification service mails the shopper once; re-publishing the orders outbox sends the
// same event (same id) over the bus again, the consumer recognizes it, and the shopper still has one mail.
// Nothing is deleted: the outbox item is still in the table afterwards.
import { GetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrderDelivered } from '@commerce/events';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { eventually, listenOnBus, stackOutput, unique } from './support.ts';

const { sender } = loadStageConfig('local').notifications;
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: EMULATOR_ENDPOINT,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
);

async function mailsTo(to: string): Promise<{ Subject: string }[]> {
  const res = await fetch(`${EMULATOR_ENDPOINT}/_ministack/ses/messages`);
  const body = (await res.json()) as {
    messages: Record<string, { Source: string; To: string[]; Subject: string }[]>;
  };
  return Object.values(body.messages)
    .flat()
    .filter((m) => m.Source === sender && m.To.includes(to));
}

const listening = listenOnBus({
  source: [OrderDelivered.source],
  'detail-type': [OrderDelivered.detailType],
});
afterAll(async () => (await listening).close());

it('re-publishes an outbox event after the fact, and its consumer applies it once', async () => {
  const listener = await listening;
  const email = `${unique('republish')}@example.com`;
  const since = new Date(Date.now() - 1000);
  // order.delivered: the notification service mails it and nothing else acts on it (reviews find no lines to
  // make reviewable; an order.created is mailed by nobody since mails wait for the payment; an order.paid
  // would also move stock and shipping).
  const item = outboxItem(
    OrderDelivered,
    {
      orderId: randomUUID(),
      number: `CM-2026-${String(randomInt(100_000, 999_999))}`,
      customerId: null,
      currency: 'EUR',
      contact: { email, name: 'Erika Mustermann', locale: 'en', smsUpdates: false },
    },
    { correlationId: unique('republish') },
  );
  const eventId = (JSON.parse(item.detail) as { metadata: { id: string } }).metadata.id;
  const tableName = stackOutput((k) => k === 'OrdersTableName');
  // What the orders service's checkout transaction writes alongside the order.
  await db.send(new PutCommand({ TableName: tableName, Item: { ...item } }));

  const deliveries = () => listener.seen().filter((e) => e.detail.metadata.id === eventId).length;
  await listener.waitFor((e) => e.detail.metadata.id === eventId, 'the order.delivered from the outbox');
  await eventually(async () => ((await mailsTo(email)).length > 0 ? true : undefined), 45_000, 'the mail');

  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['packages/ops/src/outbox-cli.ts', 'republish', '--service', 'orders', '--since', since.toISOString()],
    { cwd: process.cwd() },
  );
  expect(stdout).toContain(eventId);
  expect(stdout).toMatch(/orders: re-published \d+ event\(s\)/);

  // The bus carried the same event (same id) a second time...
  await eventually(
    async () => {
      await listener.drain(1000);
      return deliveries() >= 2 ? true : undefined;
    },
    45_000,
    'the re-published order.delivered on the bus',
  );
  // ...and the notification consumer, which got it too, did not mail again.
  await sleep(15_000);
  expect(await mailsTo(email)).toHaveLength(1);
  // Nothing was deleted.
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: 'EVENT' } }));
  expect(Item?.detail).toBe(item.detail);
});
