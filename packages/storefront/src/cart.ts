// The shopper's cart, wherever it lives: a guest's cart (id and secret in localStorage, the secret sent as
// X-Cart-Secret) or a signed-in customer's /me/cart. Pages read it with useCart and change it (lines,
// promotion codes, addresses) with useCartChange; both answer the cart priced now, which replaces the cached
// one.
import type { components } from '@commerce/api-client';
import { ApiProblem, must, type CommerceClient } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { useCurrency } from './currency.ts';
import { useSession, useShop } from './shop.tsx';
import { storedValue, useStoredValue } from './stored-value.ts';

export type Cart = components['schemas']['Cart'];
export type CartUpdate = components['schemas']['UpdateCartRequest'];

/** The header the orders service reads a guest cart's secret from (docs/orders.md). */
export const CART_SECRET_HEADER = 'x-cart-secret';

const guestCartRef = z.object({ id: z.string(), secret: z.string() });
export type GuestCartRef = z.infer<typeof guestCartRef>;

export const guestCart = storedValue(window.localStorage, 'shop.guestCart', guestCartRef);

/** Whose cart the API is asked for. */
export type CartOwner = { readonly kind: 'customer' } | ({ readonly kind: 'guest' } & GuestCartRef);

export function useCartOwner(): CartOwner | null {
  const session = useSession();
  const guest = useStoredValue(guestCart);
  if (session) return { kind: 'customer' };
  return guest ? { kind: 'guest', ...guest } : null;
}

export function cartQueryKey(owner: CartOwner | null) {
  return ['cart', owner?.kind === 'guest' ? owner.id : (owner?.kind ?? 'none')] as const;
}

function secretHeader(owner: { readonly secret: string }) {
  return { [CART_SECRET_HEADER]: owner.secret };
}

async function readCart(api: CommerceClient, owner: CartOwner): Promise<Cart | null> {
  if (owner.kind === 'customer') return must(await api.GET('/me/cart'));
  const result = await api.GET('/carts/{id}', {
    params: { path: { id: owner.id } },
    headers: secretHeader(owner),
  });
  if (result.response.status === 404) {
    // Expired (30 idle days), checked out a day ago, or merged into an account: start afresh next time.
    guestCart.clear();
    return null;
  }
  return must(result);
}

/** The current cart (null: a guest who has none yet), with loading and error states. */
export function useCart() {
  const { api } = useShop();
  const owner = useCartOwner();
  return useQuery({
    queryKey: cartQueryKey(owner),
    queryFn: () => (owner ? readCart(api, owner) : Promise.resolve(null)),
  });
}

export function itemCount(cart: Cart | null | undefined): number {
  return cart?.lines.reduce((sum, line) => sum + line.quantity, 0) ?? 0;
}

export type CartChange =
  | { readonly kind: 'add'; readonly sku: string; readonly quantity: number }
  | { readonly kind: 'set'; readonly sku: string; readonly quantity: number }
  | { readonly kind: 'remove'; readonly sku: string }
  | { readonly kind: 'add-code'; readonly code: string }
  | { readonly kind: 'remove-code'; readonly code: string }
  | { readonly kind: 'update'; readonly body: CartUpdate };

async function newGuestCart(api: CommerceClient, currency: string): Promise<CartOwner & { kind: 'guest' }> {
  const created = must(await api.POST('/carts', { body: { currency } }));
  const ref = { id: created.cart.id, secret: created.secret };
  guestCart.set(ref);
  return { kind: 'guest', ...ref };
}

async function changeCustomerCart(api: CommerceClient, change: CartChange): Promise<Cart> {
  switch (change.kind) {
    case 'add':
      return must(await api.POST('/me/cart/lines', { body: { sku: change.sku, quantity: change.quantity } }));
    case 'set':
      return must(
        await api.PUT('/me/cart/lines/{sku}', {
          params: { path: { sku: change.sku } },
          body: { quantity: change.quantity },
        }),
      );
    case 'remove':
      return must(await api.DELETE('/me/cart/lines/{sku}', { params: { path: { sku: change.sku } } }));
    case 'add-code':
      return must(await api.POST('/me/cart/codes', { body: { code: change.code } }));
    case 'remove-code':
      return must(await api.DELETE('/me/cart/codes/{code}', { params: { path: { code: change.code } } }));
    case 'update': {
      // A customer's order goes to their account's email: the route takes none.
      const { email: _email, ...body } = change.body;
      return must(await api.PATCH('/me/cart', { body }));
    }
  }
}

async function changeGuestCart(api: CommerceClient, owner: GuestCartRef, change: CartChange): Promise<Cart> {
  const path = { id: owner.id };
  const headers = secretHeader(owner);
  switch (change.kind) {
    case 'add':
      return must(
        await api.POST('/carts/{id}/lines', {
          params: { path },
          headers,
          body: { sku: change.sku, quantity: change.quantity },
        }),
      );
    case 'set':
      return must(
        await api.PUT('/carts/{id}/lines/{sku}', {
          params: { path: { ...path, sku: change.sku } },
          headers,
          body: { quantity: change.quantity },
        }),
      );
    case 'remove':
      return must(
        await api.DELETE('/carts/{id}/lines/{sku}', {
          params: { path: { ...path, sku: change.sku } },
          headers,
        }),
      );
    case 'add-code':
      return must(
        await api.POST('/carts/{id}/codes', { params: { path }, headers, body: { code: change.code } }),
      );
    case 'remove-code':
      return must(
        await api.DELETE('/carts/{id}/codes/{code}', {
          params: { path: { ...path, code: change.code } },
          headers,
        }),
      );
    case 'update':
      return must(await api.PATCH('/carts/{id}', { params: { path }, headers, body: change.body }));
  }
}

function isGone(error: unknown): boolean {
  return error instanceof ApiProblem && error.problem.status === 404;
}

/**
 * Applies `change` to the shopper's cart. A guest's first line creates the cart in the chosen currency; an
 * empty guest cart in another currency is replaced, since a cart's currency is fixed when it is made.
 */
async function applyChange(
  api: CommerceClient,
  queries: QueryClient,
  owner: CartOwner | null,
  change: CartChange,
  currency: string,
): Promise<Cart> {
  if (owner?.kind === 'customer') return changeCustomerCart(api, change);
  const cached = owner ? queries.getQueryData<Cart | null>(cartQueryKey(owner)) : null;
  const replace = !owner || (cached && cached.lines.length === 0 && cached.currency !== currency);
  if (change.kind !== 'add') {
    if (!owner) throw new Error('There is no cart to change.');
    return changeGuestCart(api, owner, change);
  }
  const target = replace ? await newGuestCart(api, currency) : owner;
  try {
    return await changeGuestCart(api, target, change);
  } catch (error) {
    if (replace || !isGone(error)) throw error;
    // The stored cart is gone (expired or checked out): the line goes into a new one.
    return changeGuestCart(api, await newGuestCart(api, currency), change);
  }
}

/** Changes the cart; the answer (the cart priced now) replaces the cached cart. Errors are ApiProblems. */
export function useCartChange() {
  const { api } = useShop();
  const queries = useQueryClient();
  const owner = useCartOwner();
  const currency = useCurrency();
  return useMutation({
    mutationFn: (change: CartChange) => applyChange(api, queries, owner, change, currency),
    onSuccess: (cart) => {
      // A guest's change may have made a new cart: cache the answer under the cart now stored.
      const guest = guestCart.get();
      const holder: CartOwner | null =
        owner?.kind === 'customer' || !guest ? owner : { kind: 'guest', ...guest };
      queries.setQueryData(cartQueryKey(holder), cart);
    },
  });
}
