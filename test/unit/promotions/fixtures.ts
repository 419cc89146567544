// Baskets and promotions for the promotions unit tests.
import type { Basket, BasketLine } from '../../../functions/promotions/domain/basket.ts';
import type { Candidate } from '../../../functions/promotions/domain/engine.ts';
import type { Promotion } from '../../../functions/promotions/domain/promotion.ts';

export const AT = new Date('2026-12-04T12:00:00.000Z');

export const line = (
  sku: string,
  unitPrice: number,
  quantity = 1,
  categoryIds: string[] = [],
): BasketLine => ({
  sku,
  productId: `p-${sku}`,
  categoryIds,
  quantity,
  unitPrice,
});

export const basket = (lines: BasketLine[], overrides: Partial<Basket> = {}): Basket => ({
  currency: 'EUR',
  lines,
  shipping: { method: 'standard', amount: 490 },
  shippingCountry: 'DE',
  buyer: { signedIn: false, segments: [], firstOrder: true },
  codes: [],
  at: AT,
  ...overrides,
});

let next = 0;

export const promotion = (overrides: Partial<Promotion> = {}): Promotion => ({
  id: `promo-${String(++next).padStart(3, '0')}`,
  name: 'A promotion',
  status: 'active',
  priority: 0,
  trigger: 'automatic',
  combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
  conditions: [],
  action: { kind: 'order-off', reduction: { kind: 'percentage', basisPoints: 1000 } },
  limits: {},
  version: 1,
  ...overrides,
});

export const candidates = (...promotions: Promotion[]): Candidate[] =>
  promotions.map((promotion) => ({ promotion }));
