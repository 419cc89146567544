// A new order from what checkout settled: the lines at the final quote's prices, totals computed from them,
// waiting for its payment. Pure.
import { ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
import type { PostalAddress } from './address.ts';
import type { Order, OrderContact, OrderLine, OrderTransition, TransitionContext } from './order.ts';
import { orderCreated } from './order-events.ts';
import { historyEntry } from './order-state.ts';

export interface NewOrderLine {
  readonly sku: string;
  /** The product of the SKU (orders' copy of the catalog), when known. */
  readonly productId?: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discount?: number;
  readonly tax: number;
}

/** Everything checkout has settled: the priced lines (from the final pricing quote), who, where, how much. */
export interface NewOrder {
  readonly id: string;
  readonly number: string;
  readonly customerId: string | null;
  readonly email: string;
  readonly currency: string;
  readonly lines: readonly NewOrderLine[];
  readonly shippingAddress: PostalAddress;
  readonly billingAddress: PostalAddress;
  readonly shipping: { readonly amount: number; readonly tax?: number };
  readonly paymentProvider: string;
  readonly paymentId?: string;
  /** Prices and shipping include tax (the destination's tax mode, from the pricing quote). @default false */
  readonly taxIncluded?: boolean;
  readonly shippingMethod: string;
  readonly totalWeightGrams: number;
  readonly contact: Omit<OrderContact, 'email'>;
}

/** A new order waiting for payment, with its totals computed from the lines; announces `order.created`. */
export function newOrder(input: NewOrder, ctx: TransitionContext): OrderTransition {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  const money = (pointer: string, value: number) => {
    if (!Number.isSafeInteger(value) || value < 0)
      at(pointer, 'Must be a non-negative integer (minor units).');
  };

  if (!/^[A-Z]{3}$/.test(input.currency)) at('/currency', 'Must be an ISO 4217 code such as EUR.');
  if (input.lines.length === 0) at('/lines', 'An order needs at least one line.');
  const skus = new Set<string>();
  const lines: OrderLine[] = input.lines.map((line, i) => {
    if (skus.has(line.sku)) at(`/lines/${i}/sku`, `SKU "${line.sku}" appears twice; merge the lines.`);
    skus.add(line.sku);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      at(`/lines/${i}/quantity`, 'Must be a positive integer.');
    }
    const discount = line.discount ?? 0;
    money(`/lines/${i}/unitPrice`, line.unitPrice);
    money(`/lines/${i}/discount`, discount);
    money(`/lines/${i}/tax`, line.tax);
    const lineSubtotal = line.unitPrice * line.quantity;
    if (discount > lineSubtotal) at(`/lines/${i}/discount`, 'A discount cannot exceed the line subtotal.');
    return {
      sku: line.sku,
      ...(line.productId === undefined ? {} : { productId: line.productId }),
      title: line.title,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineSubtotal,
      discount,
      tax: line.tax,
      lineTotal: lineSubtotal - discount + (input.taxIncluded === true ? 0 : line.tax),
    };
  });
  const shippingTax = input.shipping.tax ?? 0;
  money('/shipping/amount', input.shipping.amount);
  money('/shipping/tax', shippingTax);

  const sum = (pick: (l: OrderLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  const subtotal = sum((l) => l.lineSubtotal);
  const discountTotal = sum((l) => l.discount);
  const taxTotal = sum((l) => l.tax) + shippingTax;
  const taxIncluded = input.taxIncluded === true;
  const grandTotal = subtotal - discountTotal + input.shipping.amount + (taxIncluded ? 0 : taxTotal);
  if (errors.length === 0 && !Number.isSafeInteger(grandTotal)) at('/lines', 'The order total is too large.');
  if (errors.length > 0) throw new ValidationError(errors);

  const now = ctx.at.toISOString();
  const order: Order = {
    id: input.id,
    number: input.number,
    customerId: input.customerId,
    email: input.email,
    currency: input.currency,
    lines,
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress,
    contact: { ...input.contact, email: input.email },
    shippingMethod: input.shippingMethod,
    totalWeightGrams: input.totalWeightGrams,
    totals: { subtotal, discountTotal, shipping: input.shipping.amount, taxTotal, grandTotal, taxIncluded },
    payment: {
      ...(input.paymentId !== undefined ? { id: input.paymentId } : {}),
      provider: input.paymentProvider,
      status: 'pending',
      authorizedAmount: 0,
      capturedAmount: 0,
      refundedAmount: 0,
    },
    status: 'pending_payment',
    history: [historyEntry('pending_payment', ctx)],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return { order, events: [orderCreated(order)] };
}
