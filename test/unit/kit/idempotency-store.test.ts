// The consumer's idempotency records: one partition per event id (not one per subscription), remembered as
// long as the event can come back. Runs Powertools' makeIdempotent over the kit's options with a DynamoDB
// client that records what it is asked to write.
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBClient, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { eventIdempotency, IDEMPOTENCY_SK } from '@commerce/lambda-kit/idempotency-store';
import { IDEMPOTENCY_TTL_SECONDS } from '@commerce/lambda-kit/retention';
import { describe, expect, it } from 'vitest';

function recordingClient(): { client: DynamoDBClient; puts: Record<string, unknown>[] } {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const puts: Record<string, unknown>[] = [];
  client.send = ((command: { constructor: { name: string }; input: unknown }) => {
    if (command.constructor.name === 'PutItemCommand') {
      puts.push(unmarshall((command.input as PutItemCommandInput).Item!));
    }
    return Promise.resolve({});
  }) as never;
  return { client, puts };
}

const event = (id: string) => ({ detail: { metadata: { id }, data: {} } });

describe('eventIdempotency', () => {
  it('keys each event id in a partition of its own, prefixed by the subscription, for the retention TTL', async () => {
    const { client, puts } = recordingClient();
    const handled: string[] = [];
    const handle = makeIdempotent(
      (input: ReturnType<typeof event>) => {
        handled.push(input.detail.metadata.id);
        return Promise.resolve(true);
      },
      eventIdempotency('order-events', 'table', client),
    );
    const before = Date.now() / 1000;
    await handle(event('evt-1'));
    await handle(event('evt-2'));

    expect(handled).toEqual(['evt-1', 'evt-2']);
    expect(puts).toHaveLength(2);
    const [first, second] = puts as { pk: string; sk: string; expiresAt: number }[];
    expect(first!.pk).toMatch(/^IDEMPOTENCY#order-events#.+/);
    expect(second!.pk).toMatch(/^IDEMPOTENCY#order-events#.+/);
    expect(first!.pk).not.toBe(second!.pk);
    expect(first!.sk).toBe(IDEMPOTENCY_SK);
    expect(second!.sk).toBe(IDEMPOTENCY_SK);
    expect(first!.expiresAt).toBeGreaterThanOrEqual(Math.floor(before + IDEMPOTENCY_TTL_SECONDS));
    expect(first!.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000 + IDEMPOTENCY_TTL_SECONDS));
  });

  it('gives the same event the same key, in whichever function of the subscription handles it', async () => {
    const a = recordingClient();
    const b = recordingClient();
    const noop = (_input: ReturnType<typeof event>) => Promise.resolve(true);
    await makeIdempotent(noop, eventIdempotency('order-events', 'table', a.client))(event('evt-1'));
    await makeIdempotent(noop, eventIdempotency('order-events', 'table', b.client))(event('evt-1'));
    await makeIdempotent(noop, eventIdempotency('other-sub', 'table', b.client))(event('evt-1'));
    expect((a.puts[0] as { pk: string }).pk).toBe((b.puts[0] as { pk: string }).pk);
    expect((b.puts[1] as { pk: string }).pk).toMatch(/^IDEMPOTENCY#other-sub#/);
  });
});
