// What the API shows of a cart: the cart with its live prices.
import type { RateOffer } from '@commerce/contracts';
import type { CartRecord } from '../domain/cart.ts';
import type { CartIssue } from '../use-cases/cart-pricing.ts';
import type { CartWithPrices } from '../use-cases/carts.ts';

export interface CartView {
  readonly id: string;
  readonly currency: string;
  readonly lines: readonly {
    sku: string;
    quantity: number;
    unitPrice?: number;
    unitOriginal?: number;
    lineTotal?: number;
  }[];
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
  const lines = cart.lines.map((line, i) => {
    const q = quote?.lines[i];
    return q && q.sku === line.sku
      ? { ...line, unitPrice: q.unitEffective, unitOriginal: q.unitOriginal, lineTotal: q.lineTotal }
      : { ...line };
  });
  return {
    id: cart.id,
    currency: cart.currency,
    lines,
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
