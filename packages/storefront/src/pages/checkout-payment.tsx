// Payment and "Place order": the sandbox's test cards as a radio group, then the checkout request with its
// Idempotency-Key, retried with the same key while nothing was decided, and each answer turned into the
// next page (confirmation, 3-D Secure) or a message the shopper can act on.
import type { Problem } from '@commerce/web-kit';
import { problemMessage, problemSlug } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { hasCodeIssues } from '../cart-promotions.tsx';
import { guestCart, useCartOwner, type Cart } from '../cart.ts';
import {
  attemptFor,
  checkoutAttempt,
  keepPlacedOrder,
  retryable,
  sendCheckout,
  TEST_CARDS,
  type CheckoutAnswer,
  type CheckoutAttempt,
} from '../checkout-attempt.ts';
import { applyProblem } from '../form-fields.tsx';
import { useShop } from '../shop.tsx';
import { errorText } from '../status.tsx';

interface PaymentValues {
  payment: { token: string };
}

/** How often one attempt is sent again while its outcome is unknown (lost answer, still running). */
const MAX_TRIES = 4;
const RETRY_DELAY_MS = 1000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the attempt until the API decides; the same key each time, so it places at most one order. */
async function placeOnce(send: () => Promise<CheckoutAnswer>): Promise<CheckoutAnswer> {
  for (let tries = 1; ; tries++) {
    try {
      const answer = await send();
      if (answer.kind !== 'problem' || !retryable(answer.problem) || tries >= MAX_TRIES) return answer;
    } catch (error) {
      if (tries >= MAX_TRIES) throw error;
    }
    await wait(RETRY_DELAY_MS * tries);
  }
}

interface Outcome {
  readonly message: string;
  /** The order the cart was checked out to already (409 cart-checked-out), for a link. */
  readonly orderId?: string | undefined;
}

function problemOutcome(problem: Problem): Outcome {
  switch (problemSlug(problem)) {
    case 'payment-declined':
      return {
        message:
          `Your payment was declined${problem.failureCode ? ` (${problem.failureCode})` : ''}. The order was ` +
          'cancelled and nothing was charged. Your cart is still here: choose another card and place the order again.',
      };
    case 'payment-gateway-unavailable':
      return {
        message:
          'The payment service could not be reached. The order was cancelled and nothing was charged; please try again.',
      };
    case 'insufficient-stock': {
      const skus = (problem.shortages ?? []).map((s) => s.sku).join(', ');
      return {
        message: `Not enough stock for ${skus || 'an item'}. Lower the quantity in your cart and try again.`,
      };
    }
    case 'cart-checked-out':
      return { message: 'This cart was ordered already.', orderId: problem.orderId };
    case 'cart-checkout-in-progress':
      return { message: 'Another checkout of this cart is still running. Wait a moment and try again.' };
    case 'reservation-expired':
      return { message: 'The items were held too long and were released. Please place the order again.' };
    default:
      return { message: problemMessage(problem) };
  }
}

export function PaymentForm({ cart }: { cart: Cart }) {
  const { api } = useShop();
  const owner = useCartOwner();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<PaymentValues>({
    defaultValues: { payment: { token: TEST_CARDS[0].token } },
  });

  const finish = async (attempt: CheckoutAttempt, answer: CheckoutAnswer) => {
    if (answer.kind === 'problem') {
      // Decided: the next click is a new attempt with a new key (docs/orders.md: a declined cart is kept
      // for another try with a new key). Undecided (still running, or our fault): the next click retries.
      if (!retryable(answer.problem)) checkoutAttempt.clear();
      const slug = problemSlug(answer.problem);
      if (slug === 'cart-checked-out' && attempt.cart.kind === 'guest') guestCart.clear();
      const shown = problemOutcome(answer.problem);
      const message = applyProblem(answer.problem, setError, ['payment.token']);
      setOutcome({
        ...shown,
        message: shown.message === problemMessage(answer.problem) ? message : shown.message,
      });
      await queries.invalidateQueries({ queryKey: ['cart'] });
      return;
    }
    const { order, payment } = answer.result;
    keepPlacedOrder(order);
    // The checkout closed the cart: a guest's next line starts a new one.
    if (attempt.cart.kind === 'guest') guestCart.clear();
    queries.removeQueries({ queryKey: ['cart'] });
    if (answer.kind === 'requires-action') {
      if (payment.nextAction?.type !== 'redirect') {
        checkoutAttempt.clear();
        setOutcome({ message: 'This payment needs a step this shop cannot show. The order was not paid.' });
        return;
      }
      checkoutAttempt.set({
        ...attempt,
        challenge: {
          url: payment.nextAction.url,
          orderId: order.id,
          amount: order.totals.grandTotal,
          currency: order.currency,
        },
      });
      await navigate({ to: '/checkout/authenticate' });
      return;
    }
    checkoutAttempt.clear();
    await navigate({ to: '/orders/$id/confirmation', params: { id: order.id } });
  };

  const place = handleSubmit(async (values) => {
    setOutcome(null);
    if (!owner) return setOutcome({ message: 'Your cart could not be found. Please reload the page.' });
    const attempt = attemptFor(owner, {
      payment: { token: values.payment.token, provider: 'sandbox' },
      smsUpdates: false,
    });
    try {
      const answer = await placeOnce(() => sendCheckout(api, attempt));
      await finish(attempt, answer);
    } catch (error) {
      setOutcome({ message: `${errorText(error)} Your order may not have been placed; try again.` });
    }
  });

  const tokenError = formState.errors.payment?.token?.message;
  // A promotion code that gives nothing: the order would be refused until it is removed in the cart.
  const blocked = hasCodeIssues(cart);
  return (
    <form onSubmit={(e) => void place(e)} noValidate aria-labelledby="payment-heading" className="panel">
      <h2 id="payment-heading">Payment</h2>
      <fieldset
        className="choices"
        aria-describedby={tokenError ? 'payment-token-error' : 'payment-token-hint'}
        aria-invalid={tokenError ? true : undefined}
      >
        <legend>Test card</legend>
        <p id="payment-token-hint" className="hint">
          The sandbox gateway: no real card, nothing is charged.
        </p>
        {TEST_CARDS.map((card) => (
          <label key={card.token} className="choice">
            <input type="radio" value={card.token} {...register('payment.token')} />
            <span>{card.label}</span>
          </label>
        ))}
        {tokenError && (
          <span id="payment-token-error" className="field-error">
            {tokenError}
          </span>
        )}
      </fieldset>
      {cart.issues.length > 0 && (
        <ul id="order-issues" className="notice" aria-label="Before you can order">
          {cart.issues.map((issue) => (
            <li key={`${issue.code}-${issue.sku ?? ''}-${issue.promotionCode ?? ''}`}>{issue.detail}</li>
          ))}
        </ul>
      )}
      {outcome && (
        <div className="alert" role="alert">
          <p>{outcome.message}</p>
          {outcome.orderId && owner?.kind === 'customer' && (
            <Link to="/account/orders/$id" params={{ id: outcome.orderId }}>
              See the order
            </Link>
          )}
        </div>
      )}
      <div aria-live="polite">{formState.isSubmitting && <p className="status">Placing your order…</p>}</div>
      <button
        type="submit"
        disabled={formState.isSubmitting || blocked}
        aria-describedby={blocked ? 'order-issues' : undefined}
      >
        Place order
      </button>
    </form>
  );
}
