// DynamoDB adapter of the payment store. One table:
//   PAYMENT#<paymentId> / PAYMENT             the payment (domain/payment.ts) and its `nextAction`, `version`;
//                                             gsi1 PAYMENT_REF#<provider>#<providerRef> / PAYMENT once the
//                                             gateway answered, so a webhook without our id finds it
//   WEBHOOK#<provider>#<eventId> / WEBHOOK    a processed webhook event (outcome, payment), expires after
//                                             30 days: gateways redeliver for three days at most
//   OUTBOX#<eventId> / EVENT                  events written in the same transaction (see lambda-kit/outbox)
// A step is one TransactWriteItems: the payment at the version read, the webhook receipt if the step applies
// one (refused if it exists) and the step's outbox items.
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ttlAfter } from '@commerce/lambda-kit';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { Payment } from './domain/payment.ts';
import {
  WebhookAlreadyProcessedError,
  type PaymentStore,
  type PaymentWrite,
  type StoredPayment,
  type WebhookReceipt,
} from './domain/ports.ts';
import type { NextAction } from './domain/provider.ts';

type Item = Record<string, unknown>;

export const WEBHOOK_RECEIPT_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Key parts are URI-encoded: gateway ids are not ours to trust with the `#` separator. */
const part = (value: string) => encodeURIComponent(value);
const paymentKey = (id: string) => ({ pk: `PAYMENT#${part(id)}`, sk: 'PAYMENT' });
const refKey = (provider: string, ref: string) => `PAYMENT_REF#${part(provider)}#${part(ref)}`;
const webhookKey = (provider: string, eventId: string) => ({
  pk: `WEBHOOK#${part(provider)}#${part(eventId)}`,
  sk: 'WEBHOOK',
});

function toStored(item: Item): StoredPayment {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, nextAction, ...payment } = item;
  return {
    payment: payment as unknown as Payment,
    ...(nextAction === undefined ? {} : { nextAction: nextAction as NextAction }),
  };
}

export class DynamoPaymentStore implements PaymentStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async get(paymentId: string): Promise<StoredPayment | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: paymentKey(paymentId), ConsistentRead: true }),
    );
    return out.Item ? toStored(out.Item) : undefined;
  }

  async findByProviderRef(provider: string, providerRef: string): Promise<StoredPayment | undefined> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :ref',
        ExpressionAttributeValues: { ':ref': refKey(provider, providerRef) },
        Limit: 1,
      }),
    );
    const found = out.Items?.[0];
    // The index is eventually consistent: read the payment itself.
    return found ? this.get(found.id as string) : undefined;
  }

  async write(write: PaymentWrite): Promise<void> {
    const { payment } = write;
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: this.#table,
          Item: {
            ...paymentKey(payment.id),
            ...payment,
            ...(write.nextAction === undefined ? {} : { nextAction: write.nextAction }),
            ...(payment.providerRef === undefined
              ? {}
              : { gsi1pk: refKey(payment.provider, payment.providerRef), gsi1sk: 'PAYMENT' }),
          },
          ...(write.expected === 'none'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': write.expected.version },
              }),
        },
      },
    ];
    if (write.webhook) {
      items.push({
        Put: {
          TableName: this.#table,
          Item: this.#receiptItem(write.webhook),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    for (const event of write.events) items.push({ Put: { TableName: this.#table, Item: { ...event } } });
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionConflictException) throw new VersionConflictError();
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (write.webhook && reasons[1]?.Code === 'ConditionalCheckFailed') {
        throw new WebhookAlreadyProcessedError(write.webhook.eventId);
      }
      // The payment's own condition, or a conflict with a concurrent transaction: read and try again.
      throw new VersionConflictError();
    }
  }

  async webhookProcessed(provider: string, eventId: string): Promise<boolean> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: webhookKey(provider, eventId),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return out.Item !== undefined;
  }

  async recordWebhook(receipt: WebhookReceipt): Promise<void> {
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: this.#receiptItem(receipt) }));
  }

  #receiptItem(receipt: WebhookReceipt): Item {
    return {
      ...webhookKey(receipt.provider, receipt.eventId),
      ...receipt,
      expiresAt: ttlAfter(WEBHOOK_RECEIPT_TTL_SECONDS, new Date(receipt.at)),
    };
  }
}
