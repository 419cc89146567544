// The internal contracts against what is on either side of them: the infra wiring (every function a service
// invokes has a contract, under the same environment variable), the callees' pure code (a reply it builds
// is exactly what the contract describes, no field more or less), and the rules the callees keep apart
// from the contract (pricing's currencies and quantity limit).
import {
  defineInternal,
  functionEnvName,
  internalProblemSchema,
  inventoryCommit,
  inventoryExtend,
  inventoryRelease,
  inventoryReserve,
  MAX_QUOTE_QUANTITY,
  paymentAuthorize,
  paymentCapture,
  paymentRefund,
  paymentVoid,
  catalogExportCategories,
  catalogExportProducts,
  inventoryAvailability,
  pricingExportPrices,
  pricingQuote,
  searchRunReindex,
  mediaResolve,
  promotionsEvaluate,
  promotionsReserve,
  promotionsRelease,
  promotionsGenerateCodes,
  promotionsScheduleFired,
  QUOTE_CURRENCIES,
  reviewInvitation,
  reviewRequestDue,
  shippingCancelShipment,
  shippingCreateShipment,
  shippingQuoteRates,
  type InternalContract,
} from '@commerce/contracts';
import { ConflictError } from '@commerce/lambda-kit/errors';
import { problemOf } from '@commerce/lambda-kit/internal';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { services } from '../../../infra/services/index.ts';
import { commit, extend, release, reserve } from '../../../functions/inventory/domain/reservation.ts';
import { InsufficientStockError, type StockLevel } from '../../../functions/inventory/domain/stock.ts';
import {
  newPayment,
  recordAuthorization,
  recordCapture,
  recordRefund,
  recordVoid,
  type Payment,
} from '../../../functions/payment/domain/payment.ts';
import { viewOf } from '../../../functions/payment/payment.ts';
import { SUPPORTED_CURRENCIES } from '@commerce/lambda-kit/money';
import { MAX_QUANTITY } from '../../../functions/pricing/domain/quote.ts';
import { priceBookOf } from '../../../functions/pricing/domain/records.ts';
import { priceQuote } from '../../../functions/pricing/pricing.ts';
import { quoteRates, type Method, type Zone } from '../../../functions/shipping/domain/rates.ts';
import {
  applyCarrierEvent,
  cancelShipment,
  createShipment,
} from '../../../functions/shipping/domain/shipment.ts';
import { shipmentView } from '../../../functions/shipping/shipping.ts';

const contracts: readonly InternalContract[] = [
  reviewInvitation,
  reviewRequestDue,
  pricingQuote,
  shippingQuoteRates,
  shippingCreateShipment,
  shippingCancelShipment,
  inventoryReserve,
  inventoryCommit,
  inventoryExtend,
  inventoryRelease,
  paymentAuthorize,
  paymentCapture,
  paymentVoid,
  paymentRefund,
  catalogExportProducts,
  catalogExportCategories,
  pricingExportPrices,
  inventoryAvailability,
  searchRunReindex,
  mediaResolve,
  promotionsEvaluate,
  promotionsReserve,
  promotionsRelease,
  promotionsGenerateCodes,
  promotionsScheduleFired,
];

/** The contract's reply parsed from `reply` equals it: every field is described, none is missing. */
function expectExactReply(contract: InternalContract, reply: unknown): void {
  const parsed = z.safeParse(contract.reply, reply);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  expect(parsed.data).toStrictEqual(JSON.parse(JSON.stringify(reply)));
}

describe('the contracts and the infra wiring', () => {
  it('name the environment variable infra sets on a caller', () => {
    expect(contracts.map((c) => c.functionEnv)).toEqual([
      'REVIEW_INVITATION_FUNCTION',
      'REVIEW_REQUEST_DUE_FUNCTION',
      'PRICING_QUOTE_FUNCTION',
      'SHIPPING_QUOTE_RATES_FUNCTION',
      'SHIPPING_CREATE_SHIPMENT_FUNCTION',
      'SHIPPING_CANCEL_SHIPMENT_FUNCTION',
      'INVENTORY_RESERVE_FUNCTION',
      'INVENTORY_COMMIT_FUNCTION',
      'INVENTORY_EXTEND_FUNCTION',
      'INVENTORY_RELEASE_FUNCTION',
      'PAYMENT_AUTHORIZE_FUNCTION',
      'PAYMENT_CAPTURE_FUNCTION',
      'PAYMENT_VOID_FUNCTION',
      'PAYMENT_REFUND_FUNCTION',
      'CATALOG_EXPORT_PRODUCTS_FUNCTION',
      'CATALOG_EXPORT_CATEGORIES_FUNCTION',
      'PRICING_EXPORT_PRICES_FUNCTION',
      'INVENTORY_AVAILABILITY_FUNCTION',
      'SEARCH_RUN_REINDEX_FUNCTION',
      'MEDIA_RESOLVE_FUNCTION',
      'PROMOTIONS_EVALUATE_FUNCTION',
      'PROMOTIONS_RESERVE_FUNCTION',
      'PROMOTIONS_RELEASE_FUNCTION',
      'PROMOTIONS_GENERATE_CODES_FUNCTION',
      'PROMOTIONS_SCHEDULE_FIRED_FUNCTION',
    ]);
    expect(functionEnvName('shipping', 'createShipment')).toBe('SHIPPING_CREATE_SHIPMENT_FUNCTION');
  });

  it('each name an internal function its service deploys', () => {
    for (const { service, name } of contracts) {
      const deployed = services.find((s) => s.name === service)?.internal?.map((f) => f.name);
      expect(deployed, `${service}.${name}`).toContain(name);
    }
  });

  it('cover every internal function a service invokes', () => {
    const invoked = services.flatMap((s) =>
      [...s.routes, ...s.subscriptions, ...(s.internal ?? [])].flatMap((f) => f.invokes ?? []),
    );
    expect(invoked.length).toBeGreaterThan(0);
    for (const target of invoked) {
      expect(
        contracts.some((c) => c.service === target.service && c.name === target.name),
        `${target.service}.${target.name}`,
      ).toBe(true);
    }
  });

  it('refuse a name that is not camelCase', () => {
    const define = (name: string) =>
      defineInternal({
        service: 'pricing',
        name,
        description: '',
        request: z.object({}),
        reply: z.object({}),
      });
    expect(() => define('quote-rates')).toThrow('not camelCase');
    expect(() => define('QuoteRates')).toThrow('not camelCase');
    expect(define('quoteRates').functionEnv).toBe('PRICING_QUOTE_RATES_FUNCTION');
  });
});

describe('the refusal shape', () => {
  it('takes what the kit answers for a domain error, extension members included', () => {
    const shortages = [{ sku: 'TEE-S', requested: 2, available: 1 }];
    const { error } = problemOf(new InsufficientStockError(shortages), () => ({ shortages }));
    expect(internalProblemSchema.parse(error)).toEqual({
      status: 409,
      type: 'urn:commerce:problem:insufficient-stock',
      title: 'Conflict',
      detail: 'Not enough stock for TEE-S (2 wanted, 1 available).',
      shortages,
    });
  });

  it('refuses what is not a problem', () => {
    const { error } = problemOf(new ConflictError('Taken.'));
    for (const broken of [{ ...error, status: 200 }, { ...error, type: 'conflict' }, { status: 409 }]) {
      expect(internalProblemSchema.safeParse(broken).success, JSON.stringify(broken)).toBe(false);
    }
  });
});

describe('pricing.quote', () => {
  it('keeps to the currencies and the line quantity the engine supports', () => {
    expect(QUOTE_CURRENCIES).toEqual(SUPPORTED_CURRENCIES);
    expect(MAX_QUOTE_QUANTITY).toBe(MAX_QUANTITY);
  });

  it('describes the engine’s quote exactly', async () => {
    const now = new Date('2026-06-15T12:00:00.000Z');
    const request = pricingQuote.request.parse({
      currency: 'EUR',
      segments: ['vip'],
      lines: [
        { sku: 'TEE-S', quantity: 2 },
        { sku: 'TEE-M', quantity: 1 },
      ],
      shippingAddress: { country: 'DE' },
      shipping: { method: 'dhl-parcel', amount: 495 },
      discounts: [{ code: 'WELCOME5', amount: 500, lineIndex: 0 }],
    });
    const quoted = await priceQuote(
      request,
      () =>
        Promise.resolve({
          book: priceBookOf(
            [
              {
                sku: 'TEE-S',
                prices: {
                  EUR: { amount: 2_999, sales: [{ amount: 2_499, validFrom: '2026-06-01T00:00:00.000Z' }] },
                },
                version: 1,
                updatedAt: '2026-06-01T00:00:00.000Z',
              },
              {
                sku: 'TEE-M',
                prices: { EUR: { amount: 3_999, sales: [] } },
                version: 1,
                updatedAt: '2026-06-01T00:00:00.000Z',
              },
            ],
            [
              {
                segment: 'vip',
                priority: 10,
                entries: [{ sku: 'TEE-M', currency: 'EUR', amount: 3_499 }],
                version: 1,
                updatedAt: '2026-06-01T00:00:00.000Z',
              },
            ],
          ),
          taxes: {
            rules: [{ country: 'DE', taxClass: 'standard', ratePpm: 190_000 }],
            modes: [{ country: 'DE', mode: 'inclusive' }],
          },
          taxClassOf: () => 'standard',
        }),
      now,
    );
    expect(quoted.lines.map((l) => l.priceSource)).toEqual(['sale', 'segment:vip']);
    expect(quoted.discounts).toHaveLength(1);
    expectExactReply(pricingQuote, quoted);
  });
});

describe('shipping', () => {
  const zones: Zone[] = [{ id: 'de', name: 'Germany', countries: ['DE'] }];
  const methods: Method[] = [
    {
      id: 'de-standard',
      zoneId: 'de',
      name: 'Standard',
      carrier: 'sandbox',
      currency: 'EUR',
      rate: { type: 'flat', amount: 490 },
      freeOver: 5000,
      minDays: 2,
      maxDays: 4,
    },
    {
      id: 'de-express',
      zoneId: 'de',
      name: 'Express',
      carrier: 'sandbox',
      currency: 'EUR',
      rate: { type: 'flat', amount: 1290 },
      minDays: 1,
      maxDays: 1,
    },
  ];

  it('quoteRates describes the rate offers exactly', () => {
    const offers = quoteRates(
      { currency: 'EUR', subtotal: 6000, totalWeightGrams: 1200, destination: { country: 'DE' } },
      zones,
      methods,
    );
    expect(offers.map((o) => [o.methodId, o.free])).toEqual([
      ['de-standard', true],
      ['de-express', false],
    ]);
    expectExactReply(shippingQuoteRates, { offers });
  });

  it('createShipment describes the shipment view exactly, new and after carrier events', () => {
    const { shipment } = createShipment({
      id: 'shp_ord_1',
      orderId: 'ord_1',
      carrier: 'sandbox',
      service: 'de-standard',
      trackingNumber: 'SBX123',
      carrierRef: 'sbx_1',
      trackingUrl: 'https://carrier.example/track/SBX123',
      at: '2026-03-01T10:00:00.000Z',
    });
    const record = {
      shipment,
      version: 1,
      methodId: 'de-standard',
      label: { contentType: 'text/plain', base64: 'U0JYMTIz' },
    };
    expectExactReply(shippingCreateShipment, { shipment: shipmentView(record), created: true });

    const moved = applyCarrierEvent(shipment, {
      id: 'evt_1',
      trackingNumber: 'SBX123',
      status: 'in_transit',
      at: '2026-03-02T08:30:00+01:00',
      description: 'Parcel centre',
    }).shipment;
    expect(moved.history).toHaveLength(2);
    expectExactReply(shippingCreateShipment, {
      shipment: shipmentView({ shipment: moved, version: 2, label: { url: 'https://carrier.example/l/1' } }),
      created: false,
    });
  });

  it('cancelShipment describes its outcomes and the cancelled shipment exactly', () => {
    const { shipment } = createShipment({
      id: 'shp_ord_1',
      orderId: 'ord_1',
      carrier: 'sandbox',
      service: 'de-standard',
      trackingNumber: 'SBX123',
      carrierRef: 'sbx_1',
      at: '2026-03-01T10:00:00.000Z',
    });
    const cancelled = cancelShipment(shipment, {
      at: '2026-03-01T11:00:00.000Z',
      actor: 'staff-1',
      reason: 'Customer called',
    }).shipment;
    expectExactReply(shippingCancelShipment, {
      outcome: 'cancelled',
      shipment: shipmentView({ shipment: cancelled, version: 2 }),
    });
    expectExactReply(shippingCancelShipment, { outcome: 'no_shipment' });
  });
});

describe('inventory', () => {
  const levels: StockLevel[] = [
    { sku: 'TEE-S', warehouseId: 'wh-berlin', onHand: 5, reserved: 0, version: 1 },
    { sku: 'TEE-M', warehouseId: 'wh-berlin', onHand: 5, reserved: 0, version: 1 },
  ];
  const t0 = new Date('2026-03-01T10:00:00.000Z');
  const later = new Date('2026-03-01T10:05:00.000Z');
  const lines = [
    { sku: 'TEE-S', quantity: 2 },
    { sku: 'TEE-M', quantity: 1 },
  ];

  it('reserve, extend, commit and release describe the reservation exactly', () => {
    const { reservation } = reserve('ord_1', lines, levels, t0);
    expectExactReply(inventoryReserve, { reservation, created: true });
    expectExactReply(inventoryExtend, { reservation: extend(reservation, later).reservation });

    const committed = commit(reservation, later).reservation;
    expectExactReply(inventoryCommit, { reservation: committed });

    const released = release(committed, 'order_cancelled', later).reservation;
    expect(released.releaseReason).toBe('order_cancelled');
    expectExactReply(inventoryRelease, { reservation: released });
  });
});

describe('payment', () => {
  const ctx = { at: new Date('2026-03-01T10:00:00.000Z') };
  const pending = (): Payment =>
    newPayment({ id: 'pay_1', orderId: 'ord_1', provider: 'stripe', amount: 10_000, currency: 'EUR' }, ctx);
  const authorized = recordAuthorization(
    pending(),
    { status: 'authorized', providerRef: 'pi_1', authorizedAmount: 10_000 },
    ctx,
  ).payment;

  it('authorize describes every answer exactly: authorized, requires_action, declined', () => {
    expectExactReply(paymentAuthorize, viewOf({ payment: authorized }));

    const challenged = recordAuthorization(
      pending(),
      { status: 'requires_action', providerRef: 'pi_1' },
      ctx,
    ).payment;
    const action = viewOf({
      payment: challenged,
      nextAction: { type: 'redirect', url: 'https://3ds.example/1' },
    });
    expect(action.nextAction).toBeDefined();
    expectExactReply(paymentAuthorize, action);
    expectExactReply(
      paymentAuthorize,
      viewOf({ payment: challenged, nextAction: { type: 'client_sdk', clientSecret: 'pi_1_secret' } }),
    );

    const declined = recordAuthorization(
      pending(),
      { status: 'declined', declineCode: 'card_declined' },
      ctx,
    ).payment;
    expect(declined.failureCode).toBe('card_declined');
    expectExactReply(paymentAuthorize, viewOf({ payment: declined }));
  });

  it('capture, void and refund describe their answers exactly', () => {
    const captured = recordCapture(authorized, 10_000, ctx).payment;
    expectExactReply(paymentCapture, viewOf({ payment: captured }));
    expectExactReply(paymentCapture, { ...viewOf({ payment: captured }), pending: true });

    expectExactReply(paymentVoid, viewOf({ payment: recordVoid(authorized, ctx).payment }));

    const refunded = recordRefund(
      captured,
      { id: 'rf_1', amount: 2_500, providerRefundRef: 're_1' },
      ctx,
    ).payment;
    expect(refunded.refunds).toHaveLength(1);
    expectExactReply(paymentRefund, viewOf({ payment: refunded }));
  });
});
