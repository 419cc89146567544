// The preview use case on an in-memory catalog copy: the engine's verdict for one promotion as the editor
// holds it against a sample basket (SKUs matched to products and categories with their ancestors, unknown
// ones named), a draft taken as active, the schedule checked at `at`, usage counted as none, a code
// promotion previewed without its code; and the route's body checked like the create body.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { SkuCopy } from '../../../functions/promotions/catalog-copy.ts';
import { previewPromotion, type PreviewBasket } from '../../../functions/promotions/preview.ts';
import type { PromotionContent } from '../../../functions/promotions/promotions.ts';
import { previewBody } from '../../../functions/promotions/schemas.ts';
import { AT } from './fixtures.ts';

const catalog = {
  skus: (list: readonly string[]) =>
    Promise.resolve(
      new Map<string, SkuCopy>(
        [
          { sku: 'TEE', productId: 'p-tee', categoryIds: ['t-shirts'] },
          { sku: 'MUG', productId: 'p-mug', categoryIds: ['kitchen'] },
        ]
          .filter((copy) => list.includes(copy.sku))
          .map((copy) => [copy.sku, copy]),
      ),
    ),
  categoryParents: () =>
    Promise.resolve(
      new Map<string, string | null>([
        ['apparel', null],
        ['t-shirts', 'apparel'],
        ['kitchen', null],
      ]),
    ),
};

const content = (overrides: Partial<PromotionContent> = {}): PromotionContent => ({
  name: 'Apparel 10 %',
  status: 'draft',
  priority: 0,
  trigger: 'automatic',
  codes: [],
  combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
  conditions: [],
  action: {
    kind: 'items-off',
    target: { categoryIds: ['apparel'] },
    reduction: { kind: 'percentage', basisPoints: 1000 },
  },
  limits: {},
  ...overrides,
});

const basket = (overrides: Partial<PreviewBasket> = {}): PreviewBasket => ({
  currency: 'EUR',
  lines: [
    { sku: 'TEE', quantity: 2, unitPrice: 2000 },
    { sku: 'MUG', quantity: 1, unitPrice: 1000 },
  ],
  ...overrides,
});

const preview = (promotion: PromotionContent, sample: PreviewBasket = basket()) =>
  previewPromotion(promotion, sample, catalog, () => AT);

describe('previewPromotion', () => {
  it('applies a draft to the lines under a category’s descendants, per line, and names unknown SKUs', async () => {
    const answer = await preview(
      content(),
      basket({ lines: [...basket().lines, { sku: 'NEW-SCARF', quantity: 1, unitPrice: 500 }] }),
    );
    expect(answer).toEqual({
      verdict: { applied: true, class: 'item', amount: 400, lines: [400, 0, 0], shipping: 0 },
      unknownSkus: ['NEW-SCARF'],
    });
  });

  it('gives the reason a promotion does not apply, and applies once the basket meets it', async () => {
    const vip = content({ conditions: [{ kind: 'segment', segments: ['vip'] }] });
    expect((await preview(vip)).verdict).toEqual({
      applied: false,
      reason: {
        code: 'condition-failed',
        condition: 'segment',
        index: 0,
        detail: 'Only for the segments vip.',
      },
    });
    const buyer = { signedIn: true, segments: ['vip'], firstOrder: false };
    expect((await preview(vip, basket({ buyer }))).verdict).toMatchObject({ applied: true, amount: 400 });

    const otherSku = content({
      action: {
        kind: 'items-off',
        target: { skus: ['SOCK'] },
        reduction: { kind: 'percentage', basisPoints: 1000 },
      },
    });
    expect((await preview(otherSku)).verdict).toMatchObject({
      applied: false,
      reason: { code: 'nothing-to-discount' },
    });
  });

  it('checks the schedule at `at` (default now), and an archived promotion is inactive', async () => {
    const tomorrow = new Date(AT.getTime() + 86_400_000).toISOString();
    const later = content({ startsAt: tomorrow });
    expect((await preview(later)).verdict).toEqual({ applied: false, reason: { code: 'not-started' } });
    const then = new Date(AT.getTime() + 2 * 86_400_000).toISOString();
    expect((await preview(later, basket({ at: then }))).verdict).toMatchObject({ applied: true });
    expect((await preview(content({ status: 'archived' }))).verdict).toEqual({
      applied: false,
      reason: { code: 'inactive' },
    });
  });

  it('counts no usage: limits keep nothing out, except a budget smaller than this one discount', async () => {
    const limited = content({ limits: { redemptions: 1, perCustomer: 1 } });
    const buyer = { signedIn: true, segments: [], firstOrder: false };
    expect((await preview(limited, basket({ buyer }))).verdict).toMatchObject({ applied: true });
    const small = content({ limits: { budget: { currency: 'EUR', amount: 300 } } });
    expect((await preview(small)).verdict).toEqual({
      applied: false,
      reason: { code: 'limit-reached', limit: 'budget' },
    });
  });

  it('previews a code promotion without its code, and a shipping discount on the sample shipping', async () => {
    const freeShipping = content({
      trigger: 'code',
      codes: ['SHIPFREE'],
      status: 'active',
      action: {
        kind: 'shipping-off',
        methods: ['de-standard'],
        reduction: { kind: 'percentage', basisPoints: 10_000 },
      },
    });
    const shipped = basket({ shipping: { method: 'de-standard', amount: 490 }, shippingCountry: 'DE' });
    expect((await preview(freeShipping, shipped)).verdict).toEqual({
      applied: true,
      class: 'shipping',
      amount: 490,
      lines: [0, 0],
      shipping: 490,
    });
    expect((await preview(freeShipping)).verdict).toEqual({
      applied: false,
      reason: { code: 'nothing-to-discount', detail: 'Nothing ships yet.' },
    });
  });
});

describe('the preview body', () => {
  const body = { promotion: { ...content(), codes: undefined }, basket: basket() };

  it('takes the create body with its defaults and a basket of 1 to 20 lines', () => {
    const parsed = z.safeParse(previewBody, body);
    expect(parsed.success).toBe(true);
    const line = { sku: 'TEE', quantity: 1, unitPrice: 100 };
    const many = { ...body, basket: basket({ lines: Array.from({ length: 21 }, () => line) }) };
    expect(z.safeParse(previewBody, many).success).toBe(false);
    expect(z.safeParse(previewBody, { ...body, basket: basket({ lines: [] }) }).success).toBe(false);
  });

  it('refuses what the create route refuses, at the promotion’s field', () => {
    const promotion = { ...body.promotion, startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-04T00:00:00Z' };
    const parsed = z.safeParse(previewBody, { ...body, promotion });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('promotion.endsAt');
  });
});
