// Cart rules: who may use a cart (a guest by secret, a customer by id), its lines and their limits, the
// checkout details it collects, the lock that lets one checkout at a time place its order, and what happens
// to a guest's cart when they sign in. Pure; no AWS.
import { MAX_ORDER_LINES } from '@commerce/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  NotFoundError,
  UnprocessableError,
  ValidationError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import type { PostalAddress } from './address.ts';

/** Most units of one SKU in a cart. */
export const MAX_LINE_QUANTITY = 100;
/** Most distinct SKUs in a cart: what one reservation takes (inventory's limit, one transaction). */
export const MAX_CART_LINES = MAX_ORDER_LINES;
/**
 * A guest cart holds stock for nobody until checkout, but its checkout does: an anonymous caller may hold at
 * most this many units of one SKU, and this many units in all, at a time (one live checkout per cart).
 */
export const MAX_GUEST_LINE_QUANTITY = 10;
export const MAX_GUEST_UNITS = 50;
/** Most promotion codes a cart holds at a time. */
export const MAX_CART_CODES = 5;

export interface CartLine {
  readonly sku: string;
  /** 1..MAX_LINE_QUANTITY. */
  readonly quantity: number;
}

export interface Cart {
  readonly id: string;
  /** The owner when signed in; null for a guest cart. */
  readonly customerId: string | null;
  /** Guest carts: SHA-256 (hex) of the secret the guest holds. Null for a customer's cart. */
  readonly secretHash: string | null;
  /** ISO 4217; what pricing quotes the cart in. */
  readonly currency: string;
  /** In the order they were first added. No price: prices are quoted live and frozen only in the order. */
  readonly lines: readonly CartLine[];
  readonly shippingAddress: PostalAddress | null;
  /** Null means "same as shipping" at checkout. */
  readonly billingAddress: PostalAddress | null;
  readonly shippingMethod: string | null;
  /**
   * Promotion codes the shopper entered, upper case (codes are case-insensitive), in the order entered. The
   * quote asks promotions what they give; one that gives nothing stays, with the reason in the cart view.
   */
  readonly codes: readonly string[];
  /** Bumped by every change; the store writes only if the stored cart is still at the version read. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A cart as stored, with the email a guest gives for the order's messages (customers use their account's). */
export interface CartRecord {
  readonly cart: Cart;
  readonly email: string | null;
}

/** A customer has one cart, found by their id. */
export const customerCartId = (customerId: string): string => `c-${customerId}`;

// ---------------------------------------------------------------------------------------------------------
// Guest secrets

/**
 * A new guest secret (32 random bytes, base64url) and the hash to store. The secret goes to the guest once
 * and is never stored, so a leaked table does not let anyone use a guest's cart.
 */
export function newCartSecret(): { readonly secret: string; readonly hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashCartSecret(secret) };
}

export function hashCartSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares in constant time; false for anything malformed rather than an exception. */
export function verifyCartSecret(secret: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(actual, expected);
}

/** Customer carts open to their owner only; guest carts to whoever holds the secret (and no customer). */
export function canAccessCart(
  cart: Cart,
  caller: { readonly customerId?: string | undefined; readonly secret?: string | undefined },
): boolean {
  if (cart.customerId !== null) return caller.customerId === cart.customerId;
  return (
    cart.secretHash !== null &&
    caller.secret !== undefined &&
    verifyCartSecret(caller.secret, cart.secretHash)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Creation and concurrency

export function newGuestCart(id: string, secretHash: string, currency: string, now: Date): Cart {
  return emptyCart(id, null, secretHash, currency, now);
}

export function newCustomerCart(id: string, customerId: string, currency: string, now: Date): Cart {
  return emptyCart(id, customerId, null, currency, now);
}

/** Refuses a change made against an older version than the stored one (If-Match). */
export function assertCartVersion(cart: Cart, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== cart.version) throw new VersionConflictError();
}

// ---------------------------------------------------------------------------------------------------------
// Lines

/** Adds units of a SKU, merging with its line if there is one. Beyond MAX_LINE_QUANTITY is refused. */
export function addLine(cart: Cart, sku: string, quantity: number, now: Date): Cart {
  assertQuantity(quantity);
  const existing = cart.lines.find((l) => l.sku === sku);
  if (existing) {
    const total = existing.quantity + quantity;
    if (total > MAX_LINE_QUANTITY) {
      throw new UnprocessableError(
        `The cart already holds ${existing.quantity} of ${sku}; at most ${MAX_LINE_QUANTITY} are allowed.`,
        'cart-line-quantity-exceeded',
      );
    }
    assertGuestLimits(cart, sku, total);
    return changed(cart, now, {
      lines: cart.lines.map((l) => (l.sku === sku ? { sku, quantity: total } : l)),
    });
  }
  assertGuestLimits(cart, sku, quantity);
  if (cart.lines.length >= MAX_CART_LINES) {
    throw new UnprocessableError(
      `A cart holds at most ${MAX_CART_LINES} different products.`,
      'cart-too-many-lines',
    );
  }
  return changed(cart, now, { lines: [...cart.lines, { sku, quantity }] });
}

/** Sets the quantity of an existing line (1..MAX_LINE_QUANTITY; use `removeLine` to drop it). */
export function setLineQuantity(cart: Cart, sku: string, quantity: number, now: Date): Cart {
  assertQuantity(quantity);
  const existing = cart.lines.find((l) => l.sku === sku);
  if (!existing) throw new NotFoundError(`The cart has no line for ${sku}.`);
  if (existing.quantity === quantity) return cart;
  assertGuestLimits(cart, sku, quantity);
  return changed(cart, now, { lines: cart.lines.map((l) => (l.sku === sku ? { sku, quantity } : l)) });
}

/** Removes a line; removing a line that is not there changes nothing (DELETE is idempotent). */
export function removeLine(cart: Cart, sku: string, now: Date): Cart {
  if (!cart.lines.some((l) => l.sku === sku)) return cart;
  return changed(cart, now, { lines: cart.lines.filter((l) => l.sku !== sku) });
}

// ---------------------------------------------------------------------------------------------------------
// Promotion codes

/** A code as promotions compares it: trimmed, upper case. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase();

/** Adds a code (once; entering it again changes nothing). Beyond MAX_CART_CODES is refused. */
export function addCode(cart: Cart, code: string, now: Date): Cart {
  const normalized = normalizeCode(code);
  if (cart.codes.includes(normalized)) return cart;
  if (cart.codes.length >= MAX_CART_CODES) {
    throw new UnprocessableError(
      `A cart holds at most ${MAX_CART_CODES} promotion codes; remove one first.`,
      'cart-too-many-codes',
    );
  }
  return changed(cart, now, { codes: [...cart.codes, normalized] });
}

/** Removes a code, in any case; removing a code the cart does not hold changes nothing. */
export function removeCode(cart: Cart, code: string, now: Date): Cart {
  const normalized = normalizeCode(code);
  if (!cart.codes.includes(normalized)) return cart;
  return changed(cart, now, { codes: cart.codes.filter((c) => c !== normalized) });
}

// ---------------------------------------------------------------------------------------------------------
// Checkout details

export function setShippingAddress(cart: Cart, address: PostalAddress | null, now: Date): Cart {
  return same(cart.shippingAddress, address) ? cart : changed(cart, now, { shippingAddress: address });
}

export function setBillingAddress(cart: Cart, address: PostalAddress | null, now: Date): Cart {
  return same(cart.billingAddress, address) ? cart : changed(cart, now, { billingAddress: address });
}

/** The method id comes from the shipping service's rate quote; whether it serves the address is its call. */
export function setShippingMethod(cart: Cart, method: string | null, now: Date): Cart {
  return cart.shippingMethod === method ? cart : changed(cart, now, { shippingMethod: method });
}

/** What is still missing before checkout: lines, a shipping address, a shipping method. */
export function missingForCheckout(cart: Cart): readonly ('lines' | 'shippingAddress' | 'shippingMethod')[] {
  return [
    ...(cart.lines.length === 0 ? (['lines'] as const) : []),
    ...(cart.shippingAddress === null ? (['shippingAddress'] as const) : []),
    ...(cart.shippingMethod === null ? (['shippingMethod'] as const) : []),
  ];
}

/** The addresses an order gets: billing falls back to shipping when the cart has none. */
export function checkoutAddresses(cart: Cart): {
  readonly shippingAddress: PostalAddress;
  readonly billingAddress: PostalAddress;
} {
  const missing = missingForCheckout(cart);
  if (missing.length > 0 || cart.shippingAddress === null) {
    throw new UnprocessableError(
      `The cart is not ready for checkout: missing ${missing.join(', ')}.`,
      'cart-not-ready',
    );
  }
  return {
    shippingAddress: cart.shippingAddress,
    billingAddress: cart.billingAddress ?? cart.shippingAddress,
  };
}

// ---------------------------------------------------------------------------------------------------------
// One checkout per cart

/**
 * The checkout a cart is locked to: the order id its Idempotency-Key chose. A checkout with another key
 * finds it and is refused (409, naming the order) while the lock holds.
 */
export interface CartCheckoutLock {
  readonly orderId: string;
  /** Epoch ms: the key's lease. Until then a checkout that has not placed its order yet keeps the lock. */
  readonly leaseUntil: number;
}

/** What a checkout reads of the cart's item: who may use it, its lock, and the order that closed it. */
export interface CartCheckoutView {
  /** The cart; undefined once a checkout placed its order (or for a customer's cart never stored). */
  readonly record: CartRecord | undefined;
  readonly customerId: string | null;
  readonly secretHash: string | null;
  readonly lock: CartCheckoutLock | null;
  /** The order a successful checkout placed from the cart (the cart is closed, kept a day for retries). */
  readonly checkedOutBy: string | null;
}

/**
 * Where a cart's lock stands for the checkout of `orderId`:
 * - free: no lock; ours: this checkout holds it (a resumed one);
 * - stale: the locked order was cancelled (declined, expired, cancelled by the shopper), or it was never
 *   placed and the lease that checkout had has passed: another checkout may take the lock;
 * - held: another checkout holds it (its order is live, or it is still running).
 */
export function cartLockState(
  lock: CartCheckoutLock | null,
  orderId: string,
  lockedOrder: { readonly status: string } | undefined,
  now: Date,
): 'free' | 'ours' | 'stale' | 'held' {
  if (lock === null) return 'free';
  if (lock.orderId === orderId) return 'ours';
  if (lockedOrder?.status === 'cancelled') return 'stale';
  if (lockedOrder === undefined && lock.leaseUntil <= now.getTime()) return 'stale';
  return 'held';
}

// ---------------------------------------------------------------------------------------------------------
// Sign-in

export interface CartMerge {
  readonly cart: Cart;
  /** SKUs whose summed quantity was cut to MAX_LINE_QUANTITY. */
  readonly capped: readonly string[];
  /** Guest SKUs left out because the cart already had MAX_CART_LINES lines. */
  readonly dropped: readonly string[];
}

/**
 * Folds a guest's cart into the customer's cart when the guest signs in (the guest cart is then deleted).
 * - Quantities of the same SKU are summed and cut to MAX_LINE_QUANTITY, silently: signing in must not
 *   fail over a cart. The customer's lines keep their order; the guest's new SKUs follow in theirs.
 * - New SKUs beyond MAX_CART_LINES are dropped; `capped` and `dropped` let the storefront say so.
 * - Shipping address, billing address and shipping method: the customer's cart wins; the guest's value is
 *   used only where the customer's is empty (null). The customer chose theirs while signed in; the guest
 *   cart's are a fallback for the checkout just started.
 * - Promotion codes: the customer's, then the guest's others, up to MAX_CART_CODES.
 * - Id, owner and currency stay the customer's (lines carry no prices, pricing re-quotes in that currency).
 */
export function mergeGuestCart(customerCart: Cart, guestCart: Cart, now: Date): CartMerge {
  const capped: string[] = [];
  const dropped: string[] = [];
  const lines = customerCart.lines.map((l) => ({ ...l }));
  for (const guestLine of guestCart.lines) {
    const line = lines.find((l) => l.sku === guestLine.sku);
    if (line) {
      const total = line.quantity + guestLine.quantity;
      if (total > MAX_LINE_QUANTITY) capped.push(line.sku);
      line.quantity = Math.min(total, MAX_LINE_QUANTITY);
    } else if (lines.length >= MAX_CART_LINES) {
      dropped.push(guestLine.sku);
    } else {
      lines.push({ ...guestLine });
    }
  }
  const fields: Partial<Cart> = {
    lines,
    shippingAddress: customerCart.shippingAddress ?? guestCart.shippingAddress,
    billingAddress: customerCart.billingAddress ?? guestCart.billingAddress,
    shippingMethod: customerCart.shippingMethod ?? guestCart.shippingMethod,
    codes: [...new Set([...customerCart.codes, ...guestCart.codes])].slice(0, MAX_CART_CODES),
  };
  const unchanged = (Object.keys(fields) as (keyof Cart)[]).every((k) => same(fields[k], customerCart[k]));
  return { cart: unchanged ? customerCart : changed(customerCart, now, fields), capped, dropped };
}

/** A guest who signs in without a cart of their own keeps the guest cart: it becomes theirs. */
export function claimGuestCart(guestCart: Cart, customerId: string, now: Date): Cart {
  return changed(guestCart, now, { customerId, secretHash: null });
}

// ---------------------------------------------------------------------------------------------------------

function emptyCart(
  id: string,
  customerId: string | null,
  secretHash: string | null,
  currency: string,
  now: Date,
): Cart {
  const at = now.toISOString();
  return {
    id,
    customerId,
    secretHash,
    currency,
    lines: [],
    shippingAddress: null,
    billingAddress: null,
    shippingMethod: null,
    codes: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A guest cart with `sku` at `quantity`: within the anonymous limits, or 422 naming the one it breaks. */
function assertGuestLimits(cart: Cart, sku: string, quantity: number): void {
  if (cart.customerId !== null) return;
  if (quantity > MAX_GUEST_LINE_QUANTITY) {
    throw new UnprocessableError(
      `A guest cart holds at most ${MAX_GUEST_LINE_QUANTITY} of one product; sign in for more.`,
      'guest-cart-limit',
    );
  }
  const units = cart.lines.reduce((sum, l) => sum + (l.sku === sku ? 0 : l.quantity), quantity);
  if (units > MAX_GUEST_UNITS) {
    throw new UnprocessableError(
      `A guest cart holds at most ${MAX_GUEST_UNITS} units in all; sign in for more.`,
      'guest-cart-limit',
    );
  }
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new ValidationError([
      { in: 'body', pointer: '/quantity', detail: `Must be an integer from 1 to ${MAX_LINE_QUANTITY}.` },
    ]);
  }
}

function changed(cart: Cart, now: Date, fields: Partial<Cart>): Cart {
  return { ...cart, ...fields, version: cart.version + 1, updatedAt: now.toISOString() };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
