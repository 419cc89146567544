// Promotions in carts and checkout, on in-memory ports: the quote asks for them with the cart's codes and
// its buyer, codes are entered (an unknown one refused, nothing kept) and removed in any case, checkout
// reserves what the quote applied with the order's amounts, gives the stock back when a promotion ran out,
// asks nothing of promotions when none applied, and a hold that expires without an order releases them.
import { describe, expect, it } from 'vitest';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import { cartView } from '../../../functions/orders/http/cart-view.ts';
import { STANDARD_SHIPPING } from './support/fake-peers.ts';
import { ADDRESS, APPROVE, context, ordersWorld, refusal, SKU, UNIT_PRICE } from './support/world.ts';

describe('cart codes', () => {
  it('keeps a known code upper case, refuses an unknown one without keeping it, removes in any case', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(1);
    // The fake quote knows no code.
    const unknown = await refusal(w.carts.addCode(cart.access, 'nope10', context.correlationId));
    expect(unknown.status).toBe(422);
    expect(unknown.problemType).toBe('promotion-code-unknown');
    expect(w.table.cart(cart.cartId)?.cart.codes).toEqual([]);

    // An empty cart keeps a code until it can be priced ("pending").
    const { cart: empty, secret } = await w.carts.createGuestCart('EUR', context.correlationId);
    const emptyAccess = { kind: 'guest' as const, cartId: empty.record.cart.id, secret };
    const pending = await w.carts.addCode(emptyAccess, 'later5', context.correlationId);
    expect(cartView(pending).codes).toEqual([{ code: 'LATER5', status: 'pending' }]);
    const removed = await w.carts.removeCode(emptyAccess, 'Later5', context.correlationId);
    expect(removed.record.cart.codes).toEqual([]);
  });

  it('a code that gives nothing keeps the cart from checkout (422), so nobody pays what they did not see', async () => {
    const w = ordersWorld();
    const { cart: created, secret } = await w.carts.createGuestCart('EUR', context.correlationId);
    const access = { kind: 'guest' as const, cartId: created.record.cart.id, secret };
    await w.carts.addCode(access, 'gone10', context.correlationId);
    await w.carts.addLine(access, SKU, 1, context.correlationId);
    const view = cartView(
      await w.carts.updateCart(
        access,
        { email: 'ada@example.com', shippingAddress: ADDRESS, shippingMethod: STANDARD_SHIPPING.methodId },
        context.correlationId,
      ),
    );
    expect(view.codes).toEqual([{ code: 'GONE10', status: 'unknown' }]);
    expect(view.issues).toEqual([
      {
        code: 'promotion-code-unknown',
        detail: 'No promotion has the code GONE10.',
        promotionCode: 'GONE10',
      },
    ]);
    const refused = await refusal(w.checkout.checkout(access, 'key-1', APPROVE, context));
    expect(refused).toMatchObject({ status: 422, problemType: 'promotion-code-unknown' });
    expect(w.peers.callsOf('reserve')).toEqual([]);
  });

  it('asks the quote for promotions with the codes and the guest buyer', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(1);
    await w.carts.getCart(cart.access, context.correlationId);
    const quote = w.peers.callsOf('quote').at(-1) as { promotions: unknown };
    expect(quote.promotions).toEqual({
      codes: [],
      buyer: { signedIn: false, email: 'ada@example.com' },
    });
  });

  it('shows each applied promotion per line and the reason of one that does not apply', async () => {
    const w = ordersWorld();
    w.peers.promotion = { id: 'pr_fake', percent: 10, limit: 1 };
    const cart = await w.readyGuestCart(2);
    const view = cartView(await w.carts.getCart(cart.access, context.correlationId));
    expect(view.lines[0]).toMatchObject({
      discount: (2 * UNIT_PRICE) / 10,
      promotions: [{ promotionId: 'pr_fake', name: 'Fake promotion', amount: (2 * UNIT_PRICE) / 10 }],
    });
    expect(view.promotions.applied).toEqual([
      expect.objectContaining({ promotionId: 'pr_fake', amount: (2 * UNIT_PRICE) / 10, class: 'item' }),
    ]);
    w.peers.promotionHolders.add('someone-else');
    const after = cartView(await w.carts.getCart(cart.access, context.correlationId));
    expect(after.promotions.applied).toEqual([]);
    expect(after.promotions.notApplied).toEqual([
      {
        promotionId: 'pr_fake',
        name: 'Fake promotion',
        reason: { code: 'limit-reached', limit: 'redemptions', detail: 'This promotion has been used up.' },
      },
    ]);
  });
});

describe('checkout with promotions', () => {
  it('reserves what the quote applied with the order’s amounts, for the guest’s email', async () => {
    const w = ordersWorld();
    w.peers.promotion = { id: 'pr_fake', percent: 10, limit: 5 };
    const cart = await w.readyGuestCart(2);
    const outcome = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    expect(outcome.kind).toBe('placed');
    const order = (outcome as Extract<typeof outcome, { kind: 'placed' }>).order;
    expect(order.lines[0]?.discount).toBe((2 * UNIT_PRICE) / 10);
    expect(w.peers.callsOf('reservePromotions')).toEqual([
      {
        orderId: order.id,
        buyer: { email: 'ada@example.com' },
        redemptions: [{ promotionId: 'pr_fake', amount: (2 * UNIT_PRICE) / 10, currency: 'EUR' }],
        correlationId: context.correlationId,
      },
    ]);
    // The stock was held before the promotions were asked.
    const operations = w.peers.calls.map((c) => c.operation);
    expect(operations.indexOf('reserve')).toBeLessThan(operations.indexOf('reservePromotions'));
  });

  it('refuses with 409 when the promotion ran out since the cart was priced: stock back, key freed', async () => {
    const w = ordersWorld();
    w.peers.promotion = { id: 'pr_fake', percent: 10, limit: 1 };
    const cart = await w.readyGuestCart(2);
    // Another order takes the last redemption between the pricing and the reservation.
    const realQuote = w.peers.quote.bind(w.peers);
    w.peers.quote = async (request) => {
      const answer = await realQuote(request);
      if (request.shipping) w.peers.promotionHolders.add('ord_other');
      return answer;
    };
    const outcome = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    expect(outcome.kind).toBe('promotion-refused');
    const answer = checkoutAnswer(outcome);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ type: 'urn:commerce:problem:promotion-limit-reached' });
    expect(w.peers.stock.get(SKU)).toBe(5);
    expect(w.peers.callsOf('release')).toHaveLength(1);
    expect(w.peers.callsOf('authorize')).toEqual([]);
    expect(w.table.events().filter((e) => e.detailType === 'order.created')).toEqual([]);

    // The key was freed: the shopper checks out again (now without the promotion) with the same key.
    w.peers.quote = realQuote;
    const again = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    expect(again.kind).toBe('placed');
  });

  it('asks promotions nothing when no promotion applied', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(1);
    await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    expect(w.peers.callsOf('reservePromotions')).toEqual([]);
  });

  it('releases the promotions of a stock hold that expired without an order', async () => {
    const w = ordersWorld();
    await w.lifecycle.onReservationExpired('ord_never_placed', context);
    expect(w.peers.callsOf('releasePromotions')).toEqual([
      { orderId: 'ord_never_placed', correlationId: context.correlationId },
    ]);
  });
});
