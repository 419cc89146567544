// The internal price export as deployed (internalFunction over the contract and the use case) on the
// in-memory store: the stored prices of the SKUs asked for, absent for one without; every segment list with
// only its entries for them, kept when it has none; the 400 refusal; and the DynamoDB read behind it, one
// BatchGetItem for all the SKUs.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pricingExportPrices, type ExportPricesResult } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { Pricing } from '../../../functions/pricing/pricing.ts';
import { DynamoPricingStore } from '../../../functions/pricing/store.ts';
import { MemoryPricingStore } from './memory-store.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const context = { correlationId: 'corr-1' };
const lambdaContext = {
  functionName: 'exportPrices',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

/** The function as internal/export-prices.ts builds it, over a store holding two SKUs and two lists. */
async function setup() {
  const store = new MemoryPricingStore();
  const pricing = new Pricing(store, () => now);
  await pricing.setSkuPrices(
    'TEE-S',
    {
      version: 0,
      prices: {
        EUR: {
          amount: 2_999,
          sales: [
            { amount: 2_499, validFrom: '2026-06-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z' },
          ],
        },
        USD: { amount: 3_200, sales: [{ amount: 2_900, validFrom: '2026-06-01T00:00:00.000Z' }] },
      },
    },
    context,
  );
  await pricing.setSkuPrices('TEE-M', { version: 0, prices: { EUR: { amount: 3_999, sales: [] } } }, context);
  await pricing.setPriceList(
    'vip',
    {
      version: 0,
      priority: 10,
      entries: [
        { sku: 'TEE-M', currency: 'EUR', amount: 3_499 },
        { sku: 'MUG', currency: 'EUR', amount: 900 },
      ],
    },
    context,
  );
  await pricing.setPriceList(
    'wholesale',
    { version: 0, priority: 5, entries: [{ sku: 'MUG', currency: 'EUR', amount: 700 }] },
    context,
  );
  const handler = internalFunction(pricingExportPrices, ({ skus }) => pricing.exportPrices(skus));
  return (input: unknown): Promise<ExportPricesResult> => handler(input, lambdaContext);
}

describe('exportPrices', () => {
  it('answers the stored prices of the SKUs asked for and every segment list filtered to them', async () => {
    const exportPrices = await setup();

    const result = await exportPrices({ skus: ['TEE-S', 'NO-PRICE', 'TEE-M'], correlationId: 'reindex-1' });

    expect(result).toStrictEqual({
      prices: [
        {
          sku: 'TEE-S',
          version: 1,
          prices: {
            EUR: {
              amount: 2_999,
              sales: [
                {
                  amount: 2_499,
                  validFrom: '2026-06-01T00:00:00.000Z',
                  validUntil: '2026-07-01T00:00:00.000Z',
                },
              ],
            },
            USD: { amount: 3_200, sales: [{ amount: 2_900, validFrom: '2026-06-01T00:00:00.000Z' }] },
          },
        },
        { sku: 'TEE-M', version: 1, prices: { EUR: { amount: 3_999, sales: [] } } },
      ],
      segments: [
        {
          segment: 'vip',
          version: 1,
          priority: 10,
          entries: [{ sku: 'TEE-M', currency: 'EUR', amount: 3_499 }],
        },
        // No entry for the SKUs asked for: still there, for its version and priority.
        { segment: 'wholesale', version: 1, priority: 5, entries: [] },
      ],
    });
  });

  it('answers each SKU once, however often it was asked for', async () => {
    const exportPrices = await setup();
    const result = await exportPrices({ skus: ['TEE-M', 'TEE-M'] });
    expect('prices' in result && result.prices.map((p) => p.sku)).toEqual(['TEE-M']);
  });

  it('refuses no SKUs, too many, a malformed one and unknown members with the 400 refusal', async () => {
    const exportPrices = await setup();
    const tooMany = Array.from({ length: 501 }, (_, i) => `SKU-${i}`);
    for (const input of [{ skus: [] }, { skus: tooMany }, { skus: ['no spaces'] }, { skus: ['A'], at: 1 }]) {
      expect(await exportPrices(input), JSON.stringify(input).slice(0, 60)).toMatchObject({
        error: { status: 400, type: 'urn:commerce:problem:validation-error' },
      });
    }
  });
});

describe('the DynamoDB read of several SKUs’ prices', () => {
  it('asks for every SKU’s prices item in one BatchGetItem and strips the keys', async () => {
    const sent: { name: string; input: unknown }[] = [];
    const db = {
      send: (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return Promise.resolve({
          Responses: {
            pricing: [{ pk: 'SKU#A', sk: 'PRICES', sku: 'A', prices: {}, version: 2, updatedAt: 'x' }],
          },
        });
      },
    } as unknown as DynamoDBDocumentClient;

    const prices = await new DynamoPricingStore(db, 'pricing').listSkuPrices(['A', 'B', 'A']);

    expect(sent).toEqual([
      {
        name: 'BatchGetCommand',
        input: {
          RequestItems: {
            pricing: {
              Keys: [
                { pk: 'SKU#A', sk: 'PRICES' },
                { pk: 'SKU#B', sk: 'PRICES' },
              ],
            },
          },
        },
      },
    ]);
    expect(prices).toEqual([{ sku: 'A', prices: {}, version: 2, updatedAt: 'x' }]);
  });
});
