// What the API shows of a cart: the cart with its live prices, the promotions applied to each line and why
// every other candidate promotion does not apply.
import type { EvaluateReply, RateOffer } from '@commerce/contracts';
import type { CartRecord } from '../domain/cart.ts';
import { reasonDetail, type CartIssue } from '../use-cases/cart-pricing.ts';
import type { CartWithPrices } from '../use-cases/carts.ts';

type Verdict = EvaluateReply['verdicts'][number];
type NotApplied = Extract<Verdict, { applied: false }>;

export interface CartView {
  readonly id: string;
  readonly currency: string;
  readonly lines: readonly {
    sku: string;
    quantity: number;
    unitPrice?: number;
    unitOriginal?: number;
    discount?: number;
    lineTotal?: number;
    promotions?: { promotionId: string; name: string; amount: number }[];
  }[];
  readonly codes: readonly { code: string; status: 'applied' | 'not-applied' | 'unknown' | 'pending' }[];
  readonly promotions: {
    readonly applied: readonly {
      promotionId: string;
      name: string;
      code?: string;
      class: 'item' | 'order' | 'shipping';
      amount: number;
      shipping: number;
    }[];
    readonly notApplied: readonly {
      promotionId: string;
      name: string;
      code?: string;
      reason: { code: string; detail: string } & Record<string, unknown>;
    }[];
  };
  readonly email: string | null;
  readonly shippingAddress: CartRecord['cart']['shippingAddress'];
  readonly billingAddress: CartRecord['cart']['billingAddress'];
  readonly shippingMethod: string | null;
  readonly totals: {
    subtotal: number;
    discountTotal: number;
    shipping: number;
    taxTotal: number;
    grandTotal: number;
    taxIncluded: boolean;
    estimated: boolean;
  } | null;
  readonly shippingOptions: readonly RateOffer[];
  readonly issues: readonly CartIssue[];
  readonly version: number;
  readonly updatedAt: string;
}

export function cartView({ record, priced }: CartWithPrices): CartView {
  const { cart } = record;
  const quote = priced.quote;
  const evaluation = quote?.promotions;
  const lines = cart.lines.map((line, i) => {
    const q = quote?.lines[i];
    if (!q || q.sku !== line.sku) return { ...line };
    const promotions = (evaluation?.applied ?? [])
      .filter((a) => (a.lines[i] ?? 0) > 0)
      .map((a) => ({ promotionId: a.promotionId, name: a.name, amount: a.lines[i] ?? 0 }));
    return {
      ...line,
      unitPrice: q.unitEffective,
      unitOriginal: q.unitOriginal,
      discount: q.discount,
      lineTotal: q.lineTotal,
      promotions,
    };
  });
  const verdicts = evaluation?.verdicts ?? [];
  const codes = cart.codes.map((code) => {
    if (!evaluation) return { code, status: 'pending' as const };
    if (evaluation.unknownCodes.includes(code)) return { code, status: 'unknown' as const };
    const verdict = verdicts.find((v) => v.code === code);
    return { code, status: verdict?.applied ? ('applied' as const) : ('not-applied' as const) };
  });
  return {
    id: cart.id,
    currency: cart.currency,
    lines,
    codes,
    promotions: {
      applied: (evaluation?.applied ?? []).map((a) => ({
        promotionId: a.promotionId,
        name: a.name,
        ...(a.code === undefined ? {} : { code: a.code }),
        class: a.class,
        amount: a.amount,
        shipping: a.shipping,
      })),
      notApplied: verdicts
        .filter((v): v is NotApplied => !v.applied)
        .map((v) => ({
          promotionId: v.promotionId,
          name: v.name,
          ...(v.code === undefined ? {} : { code: v.code }),
          reason: { ...v.reason, detail: reasonDetail(v.reason) },
        })),
    },
    email: record.email,
    shippingAddress: cart.shippingAddress,
    billingAddress: cart.billingAddress,
    shippingMethod: cart.shippingMethod,
    totals: quote && {
      subtotal: quote.subtotal,
      discountTotal: quote.discountTotal,
      shipping: quote.shipping,
      taxTotal: quote.taxTotal,
      grandTotal: quote.grandTotal,
      taxIncluded: quote.taxMode === 'inclusive',
      estimated: priced.estimated,
    },
    shippingOptions: priced.shippingOptions,
    issues: priced.issues,
    version: cart.version,
    updatedAt: cart.updatedAt,
  };
}
