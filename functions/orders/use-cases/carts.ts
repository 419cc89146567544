// Carts: a guest's (opened by its secret) or a customer's (one per account), their lines and checkout
// details, the merge of a guest cart on sign-in. Every read and change answers the cart priced now.
import { NotFoundError, UnauthorizedError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { randomUUID } from 'node:crypto';
import {
  addCode,
  addLine,
  assertCartVersion,
  canAccessCart,
  claimGuestCart,
  customerCartId,
  mergeGuestCart,
  newCartSecret,
  newCustomerCart,
  newGuestCart,
  normalizeCode,
  removeCode,
  removeLine,
  setBillingAddress,
  setLineQuantity,
  setShippingAddress,
  setShippingMethod,
  verifyCartSecret,
  type Cart,
  type CartCheckoutView,
  type CartRecord,
} from '../domain/cart.ts';
import type { OrdersRepository, Peers } from '../domain/ports.ts';
import { priceCart, type PricedCart } from './cart-pricing.ts';

/** Who is asking for a cart: a guest holding its id and secret, or a signed-in customer. */
export type CartAccess =
  | { readonly kind: 'guest'; readonly cartId: string; readonly secret: string | undefined }
  | { readonly kind: 'customer'; readonly customerId: string; readonly email: string | undefined };

export type CustomerAccess = Extract<CartAccess, { kind: 'customer' }>;

export interface CartChange {
  readonly email?: string | null | undefined;
  readonly shippingAddress?: Cart['shippingAddress'] | undefined;
  readonly billingAddress?: Cart['billingAddress'] | undefined;
  readonly shippingMethod?: string | null | undefined;
  readonly version?: number | undefined;
}

/** A cart as stored, with its prices now. */
export interface CartWithPrices {
  readonly record: CartRecord;
  readonly priced: PricedCart;
}

export interface CartsOptions {
  /** Where taxes are estimated for a cart without an address. */
  readonly homeCountry: string;
  /** The currency of a customer's new cart. */
  readonly defaultCurrency: string;
  readonly now: () => Date;
}

export class Carts {
  readonly #repository: Pick<OrdersRepository, 'carts' | 'referenceData'>;
  readonly #peers: Pick<Peers, 'quote' | 'quoteRates'>;
  readonly #options: CartsOptions;

  constructor(
    repository: Pick<OrdersRepository, 'carts' | 'referenceData'>,
    peers: Pick<Peers, 'quote' | 'quoteRates'>,
    options: CartsOptions,
  ) {
    this.#repository = repository;
    this.#peers = peers;
    this.#options = options;
  }

  /** A new guest cart and the secret that opens it (given out once; only its hash is stored). */
  async createGuestCart(
    currency: string,
    correlationId: string,
  ): Promise<{ cart: CartWithPrices; secret: string }> {
    const { secret, hash } = newCartSecret();
    const cart = newGuestCart(`g-${randomUUID().replaceAll('-', '')}`, hash, currency, this.#options.now());
    const record = { cart, email: null };
    await this.#repository.carts.saveCart(record, undefined);
    return { cart: await this.#withPrices(record, correlationId), secret };
  }

  async getCart(access: CartAccess, correlationId: string): Promise<CartWithPrices> {
    return this.#withPrices(await this.load(access), correlationId);
  }

  async addLine(
    access: CartAccess,
    sku: string,
    quantity: number,
    correlationId: string,
  ): Promise<CartWithPrices> {
    const known = await this.#repository.referenceData.getSku(sku);
    if (!known || !known.published) {
      throw new UnprocessableError(`${sku} is not for sale.`, 'sku-unavailable');
    }
    return this.#change(access, correlationId, (cart, now) => addLine(cart, sku, quantity, now));
  }

  async setLineQuantity(
    access: CartAccess,
    sku: string,
    quantity: number,
    correlationId: string,
  ): Promise<CartWithPrices> {
    return this.#change(access, correlationId, (cart, now) => setLineQuantity(cart, sku, quantity, now));
  }

  async removeLine(access: CartAccess, sku: string, correlationId: string): Promise<CartWithPrices> {
    return this.#change(access, correlationId, (cart, now) => removeLine(cart, sku, now));
  }

  /**
   * Enters a promotion code. It is priced before it is kept: a code no promotion has is refused (422
   * `promotion-code-unknown`) and changes nothing; a code whose promotion gives nothing now is kept, and the
   * cart says why. An empty cart keeps any code until it can be priced.
   */
  async addCode(access: CartAccess, code: string, correlationId: string): Promise<CartWithPrices> {
    const { record: current, stored } = await this.#load(access);
    const cart = addCode(current.cart, code, this.#options.now());
    if (cart === current.cart) return this.#withPrices(current, correlationId);
    const record = { cart, email: current.email };
    const priced = await this.price(record, correlationId);
    if (priced.quote?.promotions?.unknownCodes.includes(normalizeCode(code))) {
      throw new UnprocessableError(
        `No promotion has the code ${normalizeCode(code)}.`,
        'promotion-code-unknown',
      );
    }
    await this.#repository.carts.saveCart(record, stored ? current.cart.version : undefined);
    return { record, priced };
  }

  async removeCode(access: CartAccess, code: string, correlationId: string): Promise<CartWithPrices> {
    return this.#change(access, correlationId, (cart, now) => removeCode(cart, code, now));
  }

  async updateCart(access: CartAccess, change: CartChange, correlationId: string): Promise<CartWithPrices> {
    return this.#change(
      access,
      correlationId,
      (cart, now) => {
        assertCartVersion(cart, change.version);
        let next = cart;
        if (change.shippingAddress !== undefined)
          next = setShippingAddress(next, change.shippingAddress, now);
        if (change.billingAddress !== undefined) next = setBillingAddress(next, change.billingAddress, now);
        if (change.shippingMethod !== undefined) next = setShippingMethod(next, change.shippingMethod, now);
        return next;
      },
      change.email,
    );
  }

  /**
   * Folds a guest's cart into the signed-in customer's (or hands it over when they have none) and deletes
   * the guest cart, in one transaction.
   */
  async mergeGuestCart(
    customer: CustomerAccess,
    guest: { readonly cartId: string; readonly secret: string },
    correlationId: string,
  ): Promise<{ cart: CartWithPrices; capped: readonly string[]; dropped: readonly string[] }> {
    const guestRecord = await this.load({ kind: 'guest', ...guest });
    const stored = await this.#customerCart(customer.customerId);
    const now = this.#options.now();
    if (!stored) {
      const claimed = claimGuestCart(guestRecord.cart, customer.customerId, now);
      const record = {
        cart: { ...claimed, id: customerCartId(customer.customerId), version: 1 },
        email: null,
      };
      await this.#repository.carts.mergeCarts(record, undefined, guestRecord.cart);
      return { cart: await this.#withPrices(record, correlationId), capped: [], dropped: [] };
    }
    const merged = mergeGuestCart(stored.cart, guestRecord.cart, now);
    const record = { cart: merged.cart, email: stored.email };
    await this.#repository.carts.mergeCarts(record, stored.cart.version, guestRecord.cart);
    return {
      cart: await this.#withPrices(record, correlationId),
      capped: merged.capped,
      dropped: merged.dropped,
    };
  }

  /** The caller's cart; a customer without one gets an empty one (not stored until it changes). */
  async load(access: CartAccess): Promise<CartRecord> {
    return (await this.#load(access)).record;
  }

  /**
   * The caller's cart as checkout reads it: checked as every read is (a guest's secret: 404 otherwise, also
   * for a cart a checkout closed, so only its holder learns that order), with its lock and the order that
   * closed it. A customer without a stored cart gets an empty one.
   */
  async openForCheckout(access: CartAccess): Promise<CartCheckoutView & { readonly cartId: string }> {
    const cartId = access.kind === 'customer' ? customerCartId(access.customerId) : access.cartId;
    const found = await this.#repository.carts.getCartForCheckout(cartId);
    if (found === 'closed') {
      // A closed account's token changes nothing; a guest learns nothing from an id.
      if (access.kind === 'customer') throw new UnauthorizedError('This account was closed.');
      throw new NotFoundError('No such cart, or the cart secret does not match.');
    }
    const view = found;
    if (access.kind === 'guest') {
      const opens =
        view !== undefined &&
        view.customerId === null &&
        view.secretHash !== null &&
        access.secret !== undefined &&
        verifyCartSecret(access.secret, view.secretHash);
      if (!opens) throw new NotFoundError('No such cart, or the cart secret does not match.');
      return { ...view, cartId };
    }
    if (view?.record || view?.checkedOutBy) return { ...view, cartId };
    const cart = newCustomerCart(
      cartId,
      access.customerId,
      this.#options.defaultCurrency,
      this.#options.now(),
    );
    return {
      record: { cart, email: null },
      customerId: access.customerId,
      secretHash: null,
      lock: null,
      checkedOutBy: null,
      cartId,
    };
  }

  /**
   * The cart's prices now: pricing's quote and shipping's offers, with what orders knows of its SKUs. A
   * checkout names its order (`orderId`) so that its own promotion reservations do not count against it.
   */
  async price(record: CartRecord, correlationId: string, orderId?: string): Promise<PricedCart> {
    const known = await this.#repository.referenceData.loadForPricing(
      record.cart.lines.map((l) => l.sku),
      record.cart.customerId,
    );
    return priceCart(record, known, this.#peers, {
      homeCountry: this.#options.homeCountry,
      correlationId,
      ...(orderId === undefined ? {} : { orderId }),
    });
  }

  async #withPrices(record: CartRecord, correlationId: string): Promise<CartWithPrices> {
    return { record, priced: await this.price(record, correlationId) };
  }

  /**
   * The customer's stored cart. A closed account (customer.deleted) is refused: its access token is
   * verified offline and outlives the account by up to 15 minutes, and must change nothing here.
   */
  async #customerCart(customerId: string): Promise<CartRecord | undefined> {
    const stored = await this.#repository.carts.getCart(customerCartId(customerId));
    if (stored === 'closed') throw new UnauthorizedError('This account was closed.');
    return stored;
  }

  /** The caller's cart, and whether it is stored (a customer's empty cart is not, until it changes). */
  async #load(access: CartAccess): Promise<{ record: CartRecord; stored: boolean }> {
    if (access.kind === 'customer') {
      const stored = await this.#customerCart(access.customerId);
      if (stored) return { record: stored, stored: true };
      const cart = newCustomerCart(
        customerCartId(access.customerId),
        access.customerId,
        this.#options.defaultCurrency,
        this.#options.now(),
      );
      return { record: { cart, email: null }, stored: false };
    }
    const stored = await this.#repository.carts.getCart(access.cartId);
    // The same answer for "no such cart" and "not yours": a guest cart's id alone proves nothing.
    if (!stored || stored === 'closed' || !canAccessCart(stored.cart, { secret: access.secret })) {
      throw new NotFoundError('No such cart, or the cart secret does not match.');
    }
    return { record: stored, stored: true };
  }

  async #change(
    access: CartAccess,
    correlationId: string,
    change: (cart: Cart, now: Date) => Cart,
    email?: string | null,
  ): Promise<CartWithPrices> {
    const { record: current, stored } = await this.#load(access);
    const cart = change(current.cart, this.#options.now());
    const nextEmail = email === undefined || access.kind === 'customer' ? current.email : email;
    if (cart === current.cart && nextEmail === current.email) return this.#withPrices(current, correlationId);
    const record = {
      cart: cart === current.cart ? { ...cart, version: cart.version + 1 } : cart,
      email: nextEmail,
    };
    await this.#repository.carts.saveCart(record, stored ? current.cart.version : undefined);
    return this.#withPrices(record, correlationId);
  }
}
