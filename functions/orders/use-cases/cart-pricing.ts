// Prices a cart through the other services: pricing's quote for the lines (with the customer's segments),
// shipping's rate quote for the destination, then pricing again with the chosen method's price, so tax on
// shipping and the grand total come from one place. Each quote asks promotions (pricing's one call to it):
// the automatic ones and those of the cart's codes, with the reason for each that does not apply. The cart
// view shows the result; checkout freezes it (`orderLinesOf`).
import {
  isInternalError,
  pricingQuote,
  shippingQuoteRates,
  type QuoteReply,
  type RateOffer,
} from '@commerce/contracts';
import type { CartRecord } from '../domain/cart.ts';
import type { NewOrderLine } from '../domain/new-order.ts';
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
    | 'shipping-method-unavailable'
    | 'promotion-code-unknown'
    | 'promotion-code-not-applied';
  readonly detail: string;
  readonly sku?: string;
  /** The promotion code a promotion issue is about. */
  readonly promotionCode?: string;
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
  /** What orders knows of the cart's SKUs (titles and products for the order lines), as read for this quote. */
  readonly skus: ReadonlyMap<string, SkuRecord>;
}

/**
 * The lines checkout freezes into the order: the quote's prices, with the title and the product orders keeps
 * of each SKU (the product links the order line to the catalog: the storefront, reviews).
 */
export function orderLinesOf(priced: PricedCart, quote: PricedQuote): NewOrderLine[] {
  return quote.lines.map((l) => {
    const known = priced.skus.get(l.sku);
    return {
      sku: l.sku,
      ...(known === undefined ? {} : { productId: known.productId }),
      title: known?.title ?? l.sku,
      quantity: l.quantity,
      unitPrice: l.unitEffective,
      discount: l.discount,
      tax: l.tax,
    };
  });
}

export async function priceCart(
  { cart, email }: CartRecord,
  known: PricingFacts,
  peers: Pick<Peers, 'quote' | 'quoteRates'>,
  options: { readonly homeCountry: string; readonly correlationId: string; readonly orderId?: string },
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
      // Automatic promotions apply to every cart; code promotions to the codes it holds. Whether this is the
      // buyer's first order promotions works out itself.
      promotions: {
        codes: [...cart.codes],
        buyer: {
          signedIn: cart.customerId !== null,
          ...(cart.customerId === null ? {} : { customerId: cart.customerId }),
          ...(cart.customerId === null && email !== null ? { email } : {}),
        },
        ...(options.orderId === undefined ? {} : { orderId: options.orderId }),
      },
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
  if (quote) issues.push(...codeIssues(cart.codes, quote));
  return { quote, shippingOptions: offers, issues, estimated: false, totalWeightGrams, skus: known.skus };
}

type NotApplied = Extract<NonNullable<QuoteReply['promotions']>['verdicts'][number], { applied: false }>;

/**
 * A code the shopper entered that gives nothing keeps the cart from checkout, so that nobody pays more than
 * the cart they saw without knowing: remove it, or change the cart until it applies.
 */
function codeIssues(codes: readonly string[], quote: QuoteReply): CartIssue[] {
  const evaluation = quote.promotions;
  if (!evaluation) return [];
  return codes.flatMap((code): CartIssue[] => {
    if (evaluation.unknownCodes.includes(code)) {
      return [
        { code: 'promotion-code-unknown', detail: `No promotion has the code ${code}.`, promotionCode: code },
      ];
    }
    const verdict = evaluation.verdicts.find((v) => v.code === code);
    if (!verdict || verdict.applied) return [];
    return [
      {
        code: 'promotion-code-not-applied',
        detail: `${code}: ${reasonDetail(verdict.reason)}`,
        promotionCode: code,
      },
    ];
  });
}

/** Why a promotion does not apply, in words for a shopper (the engine's reason names it for programs). */
export function reasonDetail(reason: NotApplied['reason']): string {
  const detail = reason['detail'];
  if (typeof detail === 'string') return detail;
  switch (reason.code) {
    case 'inactive':
      return 'This promotion is not running.';
    case 'not-started':
      return 'This promotion has not started yet.';
    case 'ended':
      return 'This promotion has ended.';
    case 'other-currency':
      return 'This promotion is not offered in this currency.';
    case 'excluded':
      return 'It cannot be combined with a promotion already applied.';
    case 'limit-reached':
      return 'This promotion has been used up.';
    case 'code-used':
      return 'This code has been used already.';
    default:
      return 'This promotion does not apply to the cart.';
  }
}
