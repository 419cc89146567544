// Prices a cart through the other services: pricing's quote for the lines (with the customer's segments),
// shipping's rate quote for the destination, then pricing again with the chosen method's price, so tax on
// shipping and the grand total come from one place. The cart view shows the result; checkout freezes it.
import {
  isInternalError,
  pricingQuote,
  shippingQuoteRates,
  type QuoteReply,
  type RateOffer,
} from '@commerce/contracts';
import type { Cart } from '../domain/cart.ts';
import type { Peers, PricingFacts } from '../domain/ports.ts';
import type { SkuRecord } from '../domain/sku.ts';
import { replyOf } from './peer-reply.ts';

export type PricedQuote = QuoteReply;

/** Something that keeps a cart from checkout; the cart view lists them, checkout refuses with the first. */
export interface CartIssue {
  readonly code:
    | 'sku-unavailable'
    | 'price-unavailable'
    | 'shipping-address-missing'
    | 'shipping-method-missing'
    | 'shipping-method-unavailable';
  readonly detail: string;
  readonly sku?: string;
}

export interface PricedCart {
  /** Null while the cart is empty or a line cannot be priced. */
  readonly quote: PricedQuote | null;
  /** The methods that ship to the cart's address, cheapest first; empty without an address. */
  readonly shippingOptions: readonly RateOffer[];
  readonly issues: readonly CartIssue[];
  /** Taxes were worked out for the shop's home country because the cart has no address yet. */
  readonly estimated: boolean;
  readonly totalWeightGrams: number;
  /** What orders knows of the cart's SKUs (titles for the order lines), as read for this quote. */
  readonly skus: ReadonlyMap<string, SkuRecord>;
}

export async function priceCart(
  cart: Cart,
  known: PricingFacts,
  peers: Pick<Peers, 'quote' | 'quoteRates'>,
  options: { readonly homeCountry: string; readonly correlationId: string },
): Promise<PricedCart> {
  const issues: CartIssue[] = [];
  let totalWeightGrams = 0;
  for (const line of cart.lines) {
    const sku = known.skus.get(line.sku);
    if (!sku || !sku.published) {
      issues.push({ code: 'sku-unavailable', sku: line.sku, detail: `${line.sku} is not for sale.` });
    } else {
      totalWeightGrams += sku.weightGrams * line.quantity;
    }
  }
  const address = cart.shippingAddress;
  if (address === null) {
    issues.push({ code: 'shipping-address-missing', detail: 'Add a shipping address.' });
  }
  const empty = { shippingOptions: [], totalWeightGrams, estimated: address === null, skus: known.skus };
  if (cart.lines.length === 0 || issues.some((i) => i.code === 'sku-unavailable')) {
    return { quote: null, issues, ...empty };
  }
  const destination = address
    ? { country: address.country, ...(address.region === undefined ? {} : { region: address.region }) }
    : { country: options.homeCountry };
  const quoteOf = async (shipping: { method: string; amount: number } | null) => {
    const quoted = await peers.quote({
      lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      currency: cart.currency,
      segments: [...known.segments],
      shippingAddress: destination,
      shipping,
      correlationId: options.correlationId,
    });
    // A line pricing cannot price keeps the cart from checkout; any other refusal is a fault.
    if (isInternalError(quoted) && quoted.error.status === 422) {
      issues.push({ code: 'price-unavailable', detail: quoted.error.detail });
      return null;
    }
    return replyOf(quoted, pricingQuote);
  };
  const merchandise = await quoteOf(null);
  if (merchandise === null || address === null) {
    return { quote: merchandise, issues, ...empty };
  }
  const { offers } = replyOf(
    await peers.quoteRates({
      currency: cart.currency,
      subtotal: merchandise.subtotal - merchandise.discountTotal,
      totalWeightGrams,
      destination,
      correlationId: options.correlationId,
    }),
    shippingQuoteRates,
  );
  const method = cart.shippingMethod;
  const offer = method === null ? undefined : offers.find((o) => o.methodId === method);
  if (method === null) {
    issues.push({ code: 'shipping-method-missing', detail: 'Choose a shipping method.' });
  } else if (!offer) {
    issues.push({
      code: 'shipping-method-unavailable',
      detail: `The shipping method ${method} does not ship this cart to ${address.country}.`,
    });
  }
  const quote = offer ? await quoteOf({ method: offer.methodId, amount: offer.price }) : merchandise;
  return { quote, shippingOptions: offers, issues, estimated: false, totalWeightGrams, skus: known.skus };
}
