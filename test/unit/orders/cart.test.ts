import {
  DomainError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { MAX_ORDER_LINES } from '@commerce/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostalAddress } from '../../../functions/orders/domain/address.ts';
import {
  addLine,
  assertCartVersion,
  canAccessCart,
  checkoutAddresses,
  claimGuestCart,
  hashCartSecret,
  cartLockState,
  MAX_CART_LINES,
  MAX_GUEST_LINE_QUANTITY,
  MAX_GUEST_UNITS,
  MAX_LINE_QUANTITY,
  mergeGuestCart,
  missingForCheckout,
  newCartSecret,
  newCustomerCart,
  newGuestCart,
  removeLine,
  setBillingAddress,
  setLineQuantity,
  setShippingAddress,
  setShippingMethod,
  verifyCartSecret,
  type Cart,
} from '../../../functions/orders/domain/cart.ts';

const now = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-01T11:00:00.000Z');

const home: PostalAddress = {
  name: 'Ada',
  line1: '1 Home St',
  city: 'London',
  postalCode: 'N1 1AA',
  country: 'GB',
};
const office: PostalAddress = {
  name: 'Ada',
  line1: '2 Work Rd',
  city: 'Leeds',
  postalCode: 'LS1 1AA',
  country: 'GB',
};

const guest = () => newGuestCart('cart-g', hashCartSecret('s3cret'), 'EUR', now);
const customer = () => newCustomerCart('cart-c', 'cust-1', 'EUR', now);

function withLines(cart: Cart, lines: [string, number][]): Cart {
  return lines.reduce((c, [sku, q]) => addLine(c, sku, q, now), cart);
}

function slugOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.problemType;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('guest secrets', () => {
  it('hands out a 256-bit base64url secret and stores only its SHA-256', () => {
    const { secret, hash } = newCartSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashCartSecret(secret));
    expect(hash).not.toContain(secret);
  });

  it('gives a different secret every time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => newCartSecret().secret));
    expect(secrets.size).toBe(20);
  });

  it('hashes with SHA-256 (known vector)', () => {
    expect(hashCartSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('verifies the right secret and refuses a wrong one', () => {
    const { secret, hash } = newCartSecret();
    expect(verifyCartSecret(secret, hash)).toBe(true);
    expect(verifyCartSecret(secret.slice(0, -1), hash)).toBe(false);
    expect(verifyCartSecret(newCartSecret().secret, hash)).toBe(false);
    expect(verifyCartSecret('', hash)).toBe(false);
  });

  it('accepts the stored hash in upper case too', () => {
    const { secret, hash } = newCartSecret();
    expect(verifyCartSecret(secret, hash.toUpperCase())).toBe(true);
  });

  it.each(['', 'abc', 'z'.repeat(64), `${hashCartSecret('x')}00`])(
    'answers false for the malformed hash %j',
    (hash) => {
      expect(verifyCartSecret('x', hash)).toBe(false);
    },
  );

  it('opens a guest cart to the secret holder and a customer cart to its owner only', () => {
    expect(canAccessCart(guest(), { secret: 's3cret' })).toBe(true);
    expect(canAccessCart(guest(), { secret: 'guess' })).toBe(false);
    expect(canAccessCart(guest(), { customerId: 'cust-1' })).toBe(false);
    expect(canAccessCart(customer(), { customerId: 'cust-1' })).toBe(true);
    expect(canAccessCart(customer(), { customerId: 'cust-2' })).toBe(false);
    expect(canAccessCart(customer(), { secret: 's3cret' })).toBe(false);
    expect(canAccessCart(customer(), {})).toBe(false);
  });
});

describe('creation and versions', () => {
  it('starts empty at version 1', () => {
    expect(guest()).toEqual({
      id: 'cart-g',
      customerId: null,
      secretHash: hashCartSecret('s3cret'),
      currency: 'EUR',
      lines: [],
      shippingAddress: null,
      billingAddress: null,
      shippingMethod: null,
      codes: [],
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    expect(customer()).toMatchObject({ customerId: 'cust-1', secretHash: null });
  });

  it('refuses a change against a stale version and accepts the current one or none', () => {
    const cart = addLine(customer(), 'A', 1, later);
    expect(() => assertCartVersion(cart, 1)).toThrow(VersionConflictError);
    expect(() => assertCartVersion(cart, 2)).not.toThrow();
    expect(() => assertCartVersion(cart, undefined)).not.toThrow();
  });
});

describe('lines', () => {
  it('adds a line, bumping the version and the update time', () => {
    const cart = addLine(customer(), 'A', 2, later);
    expect(cart.lines).toEqual([{ sku: 'A', quantity: 2 }]);
    expect(cart.version).toBe(2);
    expect(cart.updatedAt).toBe(later.toISOString());
  });

  it('merges the same SKU into one line, up to exactly the cap', () => {
    const cart = withLines(customer(), [
      ['A', 60],
      ['B', 1],
      ['A', 40],
    ]);
    expect(cart.lines).toEqual([
      { sku: 'A', quantity: MAX_LINE_QUANTITY },
      { sku: 'B', quantity: 1 },
    ]);
  });

  it('refuses to go beyond the cap by merging', () => {
    const cart = withLines(customer(), [['A', 100]]);
    expect(slugOf(() => addLine(cart, 'A', 1, later))).toBe('cart-line-quantity-exceeded');
  });

  it.each([0, -1, 1.5, 101, Number.NaN])('refuses the quantity %s', (quantity) => {
    expect(() => addLine(customer(), 'A', quantity, later)).toThrow(ValidationError);
    const cart = withLines(customer(), [['A', 1]]);
    expect(() => setLineQuantity(cart, 'A', quantity, later)).toThrow(ValidationError);
  });

  it(`holds at most ${MAX_CART_LINES} different SKUs, but existing lines still grow`, () => {
    const full = withLines(
      customer(),
      Array.from({ length: MAX_CART_LINES }, (_, i): [string, number] => [`SKU-${i}`, 1]),
    );
    expect(full.lines).toHaveLength(MAX_CART_LINES);
    expect(slugOf(() => addLine(full, 'ONE-MORE', 1, later))).toBe('cart-too-many-lines');
    expect(addLine(full, 'SKU-0', 5, later).lines[0]).toEqual({ sku: 'SKU-0', quantity: 6 });
  });

  it('changes the quantity of a line; the same quantity changes nothing', () => {
    const cart = withLines(customer(), [
      ['A', 1],
      ['B', 1],
    ]);
    const changed = setLineQuantity(cart, 'B', 7, later);
    expect(changed.lines).toEqual([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 7 },
    ]);
    expect(changed.version).toBe(cart.version + 1);
    expect(setLineQuantity(changed, 'B', 7, later)).toBe(changed);
  });

  it('cannot change the quantity of a line that is not there', () => {
    expect(() => setLineQuantity(customer(), 'A', 1, later)).toThrow(NotFoundError);
  });

  it('removes a line; removing an absent line changes nothing', () => {
    const cart = withLines(customer(), [
      ['A', 1],
      ['B', 1],
    ]);
    const removed = removeLine(cart, 'A', later);
    expect(removed.lines).toEqual([{ sku: 'B', quantity: 1 }]);
    expect(removed.version).toBe(cart.version + 1);
    expect(removeLine(removed, 'A', later)).toBe(removed);
  });
});

describe('checkout details', () => {
  it('sets addresses and the shipping method; repeating a value changes nothing', () => {
    const a = setShippingAddress(customer(), home, later);
    const b = setBillingAddress(a, office, later);
    const c = setShippingMethod(b, 'standard', later);
    expect(c).toMatchObject({
      shippingAddress: home,
      billingAddress: office,
      shippingMethod: 'standard',
      version: 4,
    });
    expect(setShippingAddress(c, { ...home }, later)).toBe(c);
    expect(setShippingMethod(c, 'standard', later)).toBe(c);
    expect(setBillingAddress(c, null, later).billingAddress).toBeNull();
  });

  it('lists what is missing before checkout', () => {
    expect(missingForCheckout(customer())).toEqual(['lines', 'shippingAddress', 'shippingMethod']);
    const ready = setShippingMethod(
      setShippingAddress(withLines(customer(), [['A', 1]]), home, now),
      'std',
      now,
    );
    expect(missingForCheckout(ready)).toEqual([]);
  });

  it('bills to the shipping address when no billing address was given', () => {
    const ready = setShippingMethod(
      setShippingAddress(withLines(customer(), [['A', 1]]), home, now),
      'std',
      now,
    );
    expect(checkoutAddresses(ready)).toEqual({ shippingAddress: home, billingAddress: home });
    expect(checkoutAddresses(setBillingAddress(ready, office, now)).billingAddress).toEqual(office);
  });

  it('refuses checkout addresses for a cart that is not ready', () => {
    expect(slugOf(() => checkoutAddresses(withLines(customer(), [['A', 1]])))).toBe('cart-not-ready');
  });
});

describe('limits', () => {
  it('a cart holds as many lines as one reservation takes: one constant', () => {
    expect(MAX_CART_LINES).toBe(MAX_ORDER_LINES);
  });

  it('a guest cart holds at most MAX_GUEST_LINE_QUANTITY of a SKU and MAX_GUEST_UNITS in all; a customer’s more', () => {
    expect(slugOf(() => addLine(guest(), 'A', MAX_GUEST_LINE_QUANTITY + 1, now))).toBe('guest-cart-limit');
    const atLine = addLine(guest(), 'A', MAX_GUEST_LINE_QUANTITY, now);
    expect(slugOf(() => addLine(atLine, 'A', 1, now))).toBe('guest-cart-limit');
    expect(slugOf(() => setLineQuantity(atLine, 'A', MAX_GUEST_LINE_QUANTITY + 1, now))).toBe(
      'guest-cart-limit',
    );
    const lines = MAX_GUEST_UNITS / MAX_GUEST_LINE_QUANTITY;
    const full = withLines(
      guest(),
      Array.from({ length: lines }, (_, i): [string, number] => [`S${i}`, MAX_GUEST_LINE_QUANTITY]),
    );
    expect(slugOf(() => addLine(full, 'ONE-MORE', 1, now))).toBe('guest-cart-limit');
    // Lowering a line is always allowed; a customer is bound by the general caps only.
    expect(setLineQuantity(full, 'S0', 1, now).lines[0]).toEqual({ sku: 'S0', quantity: 1 });
    expect(addLine(customer(), 'A', MAX_GUEST_LINE_QUANTITY + 1, now).lines).toHaveLength(1);
  });
});

describe('cartLockState', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const lock = { orderId: 'ord_a', leaseUntil: now.getTime() + 1000 };
  it('free, ours, held while the order is live or its checkout runs, stale when cancelled or abandoned', () => {
    expect(cartLockState(null, 'ord_b', undefined, now)).toBe('free');
    expect(cartLockState(lock, 'ord_a', undefined, now)).toBe('ours');
    expect(cartLockState(lock, 'ord_b', undefined, now)).toBe('held');
    expect(cartLockState(lock, 'ord_b', { status: 'pending_payment' }, now)).toBe('held');
    expect(cartLockState(lock, 'ord_b', { status: 'cancelled' }, now)).toBe('stale');
    const later = new Date(now.getTime() + 1000);
    expect(cartLockState(lock, 'ord_b', undefined, later)).toBe('stale');
    expect(cartLockState(lock, 'ord_b', { status: 'pending_payment' }, later)).toBe('held');
  });
});

describe('mergeGuestCart', () => {
  it('sums quantities per SKU, cut to the cap, and reports the cut', () => {
    const mine = withLines(customer(), [
      ['A', 95],
      ['B', 1],
    ]);
    const theirs = withLines(guest(), [
      ['C', 2],
      ['A', 10],
      ['B', 4],
    ]);
    const { cart, capped, dropped } = mergeGuestCart(mine, theirs, later);
    expect(cart.lines).toEqual([
      { sku: 'A', quantity: 100 },
      { sku: 'B', quantity: 5 },
      { sku: 'C', quantity: 2 },
    ]);
    expect(capped).toEqual(['A']);
    expect(dropped).toEqual([]);
    expect(cart).toMatchObject({
      id: 'cart-c',
      customerId: 'cust-1',
      secretHash: null,
      version: mine.version + 1,
    });
  });

  it("keeps the customer's addresses and method, filling only the empty ones from the guest cart", () => {
    const mine = setShippingAddress(withLines(customer(), [['A', 1]]), home, now);
    const theirs = setShippingMethod(
      setBillingAddress(setShippingAddress(guest(), office, now), office, now),
      'express',
      now,
    );
    const { cart } = mergeGuestCart(mine, theirs, later);
    expect(cart.shippingAddress).toEqual(home);
    expect(cart.billingAddress).toEqual(office);
    expect(cart.shippingMethod).toBe('express');
  });

  it(`drops new SKUs beyond ${MAX_CART_LINES} lines and says which`, () => {
    const mine = withLines(
      customer(),
      Array.from({ length: MAX_CART_LINES - 1 }, (_, i): [string, number] => [`M-${i}`, 1]),
    );
    const theirs = withLines(guest(), [
      ['G-1', 1],
      ['M-0', 1],
      ['G-2', 1],
      ['G-3', 1],
    ]);
    const { cart, dropped } = mergeGuestCart(mine, theirs, later);
    expect(cart.lines).toHaveLength(MAX_CART_LINES);
    expect(cart.lines.at(-1)).toEqual({ sku: 'G-1', quantity: 1 });
    expect(cart.lines[0]).toEqual({ sku: 'M-0', quantity: 2 });
    expect(dropped).toEqual(['G-2', 'G-3']);
  });

  it('changes nothing, not even the version, when the guest cart adds nothing', () => {
    const mine = withLines(customer(), [['A', 1]]);
    expect(mergeGuestCart(mine, guest(), later).cart).toBe(mine);
  });

  it('a guest with no customer cart of their own keeps the guest cart as theirs', () => {
    const claimed = claimGuestCart(withLines(guest(), [['A', 1]]), 'cust-9', later);
    expect(claimed).toMatchObject({
      id: 'cart-g',
      customerId: 'cust-9',
      secretHash: null,
      lines: [{ sku: 'A', quantity: 1 }],
    });
    expect(canAccessCart(claimed, { secret: 's3cret' })).toBe(false);
    expect(canAccessCart(claimed, { customerId: 'cust-9' })).toBe(true);
  });

  it('never exceeds the caps and keeps every unit up to them (property)', () => {
    const sku = fc.constantFrom(...Array.from({ length: 70 }, (_, i) => `S${i}`));
    const lines = fc.array(fc.tuple(sku, fc.integer({ min: 1, max: MAX_LINE_QUANTITY })), { maxLength: 80 });
    const build = (base: Cart, adds: [string, number][]) =>
      adds.reduce((c, [s, q]) => {
        try {
          return addLine(c, s, q, now);
        } catch (error) {
          if (error instanceof DomainError) return c;
          throw error;
        }
      }, base);
    fc.assert(
      fc.property(lines, lines, (mineAdds, theirAdds) => {
        const mine = build(customer(), mineAdds);
        const theirs = build(guest(), theirAdds);
        const { cart, capped, dropped } = mergeGuestCart(mine, theirs, later);
        const skus = cart.lines.map((l) => l.sku);
        expect(new Set(skus).size).toBe(skus.length);
        expect(cart.lines.length).toBeLessThanOrEqual(MAX_CART_LINES);
        const before = (c: Cart, s: string) => c.lines.find((l) => l.sku === s)?.quantity ?? 0;
        for (const line of cart.lines) {
          expect(line.quantity).toBeGreaterThanOrEqual(1);
          expect(line.quantity).toBeLessThanOrEqual(MAX_LINE_QUANTITY);
          expect(line.quantity).toBe(
            Math.min(MAX_LINE_QUANTITY, before(mine, line.sku) + before(theirs, line.sku)),
          );
        }
        expect(skus.slice(0, mine.lines.length)).toEqual(mine.lines.map((l) => l.sku));
        for (const s of dropped) expect(skus).not.toContain(s);
        for (const s of capped)
          expect(before(mine, s) + before(theirs, s)).toBeGreaterThan(MAX_LINE_QUANTITY);
        for (const l of theirs.lines) expect(skus.includes(l.sku) || dropped.includes(l.sku)).toBe(true);
      }),
    );
  });
});
