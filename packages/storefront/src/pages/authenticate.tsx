// /checkout/authenticate: the stand-in for the bank's 3-D Secure page. The shopper confirms or fails the
// challenge at the sandbox gateway; then the page replays the checkout (same key, same body) every second
// until the API answers the order paid, and shows the confirmation.
import { must } from '@commerce/web-kit';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import {
  checkoutAttempt,
  keepPlacedOrder,
  sendCheckout,
  type CheckoutAttempt,
  type Order,
} from '../checkout-attempt.ts';
import { formatMoney } from '../money.ts';
import { SHOP_NAME } from '../layout.tsx';
import { useShop, type Shop } from '../shop.tsx';
import { errorText } from '../status.tsx';

const POLL_INTERVAL_MS = 1000;
const POLL_LIMIT_MS = 20_000;

type Phase =
  | { readonly kind: 'challenge' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'error'; readonly message: string };

/** The gateway's reference: the last path segment of the challenge URL it gave. */
function providerRefOf(url: string): string {
  return new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
}

function settled(order: Order): boolean {
  return order.status !== 'cancelled' && ['authorized', 'captured'].includes(order.payment.status);
}

/**
 * One look at the order: the replayed checkout answers it once the payment settled; a customer can also
 * read their order. Answers the paid order, 'cancelled', or null while it still waits.
 */
async function lookAtOrder(
  shop: Shop,
  attempt: CheckoutAttempt,
  orderId: string,
): Promise<Order | 'cancelled' | null> {
  const answer = await sendCheckout(shop.api, attempt);
  if (answer.kind !== 'problem') {
    const { order } = answer.result;
    if (settled(order)) return order;
    if (order.status === 'cancelled' || answer.kind === 'placed') return 'cancelled';
  }
  if (answer.kind === 'problem' && answer.problem.status !== 409 && answer.problem.status < 500) {
    throw new Error(answer.problem.detail ?? answer.problem.title);
  }
  if (attempt.cart.kind === 'customer') {
    const order = must(await shop.api.GET('/me/orders/{id}', { params: { path: { id: orderId } } }));
    if (order.status === 'cancelled') return 'cancelled';
    if (settled(order)) return order;
  }
  return null;
}

export function AuthenticatePage() {
  const shop = useShop();
  const navigate = useNavigate();
  // A copy for this page: the stored attempt is cleared once the challenge is answered either way.
  const [attempt] = useState(() => checkoutAttempt.get());
  const [phase, setPhase] = useState<Phase>({ kind: 'challenge' });
  const polling = useRef(false);
  const challenge = attempt?.challenge;
  const challengeUrl = shop.config.sandboxChallengeUrl;

  useEffect(() => {
    if (phase.kind !== 'waiting' || !attempt || !challenge || polling.current) return;
    polling.current = true;
    let stopped = false;
    const deadline = Date.now() + POLL_LIMIT_MS;
    const poll = async () => {
      while (!stopped && Date.now() < deadline) {
        const seen = await lookAtOrder(shop, attempt, challenge.orderId).catch((error: unknown) => {
          setPhase({ kind: 'error', message: errorText(error) });
          return 'stop' as const;
        });
        if (seen === 'stop') return;
        if (seen === 'cancelled') return setPhase({ kind: 'failed' });
        if (seen) {
          keepPlacedOrder(seen);
          checkoutAttempt.clear();
          await navigate({ to: '/orders/$id/confirmation', params: { id: seen.id } });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
      if (!stopped) setPhase({ kind: 'timed-out' });
    };
    void poll().finally(() => {
      polling.current = false;
    });
    return () => {
      stopped = true;
    };
  }, [phase.kind, attempt, challenge, shop, navigate]);

  if (!attempt || !challenge) {
    return (
      <>
        <h1>Payment authentication</h1>
        <p>There is no payment waiting for authentication.</p>
        <p>
          <Link to="/cart">Go to your cart</Link>
        </p>
      </>
    );
  }

  const amount = formatMoney(challenge.amount, challenge.currency);
  const answer = async (outcome: 'authenticated' | 'failed') => {
    if (!challengeUrl) return;
    setPhase({ kind: 'sending' });
    try {
      const response = await fetch(`${challengeUrl.replace(/\/$/, '')}/${providerRefOf(challenge.url)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      });
      if (!response.ok) throw new Error(`The sandbox gateway answered ${response.status}.`);
      if (outcome === 'failed') {
        // The gateway reports the failure to the shop, which cancels the order; nothing to wait for here.
        checkoutAttempt.clear();
        setPhase({ kind: 'failed' });
      } else {
        setPhase({ kind: 'waiting' });
      }
    } catch (error) {
      setPhase({ kind: 'error', message: errorText(error) });
    }
  };

  return (
    <section className="challenge panel" aria-labelledby="challenge-heading">
      <h1 id="challenge-heading">Confirm your payment</h1>
      <p className="hint">Sandbox bank: this page stands in for your bank’s 3-D Secure check.</p>
      <p>
        Please confirm a payment of <strong>{amount}</strong> to {SHOP_NAME}.
      </p>
      {!challengeUrl ? (
        <p className="alert" role="alert">
          The sandbox challenge is not available in this stage, so this payment cannot be confirmed here.
        </p>
      ) : (
        phase.kind !== 'failed' && (
          <div className="actions">
            <button
              type="button"
              disabled={phase.kind !== 'challenge' && phase.kind !== 'error'}
              onClick={() => void answer('authenticated')}
            >
              Confirm payment
            </button>
            <button
              type="button"
              className="secondary"
              disabled={phase.kind !== 'challenge' && phase.kind !== 'error'}
              onClick={() => void answer('failed')}
            >
              Fail authentication
            </button>
          </div>
        )
      )}
      <div aria-live="polite">
        {phase.kind === 'sending' && <p className="status">Contacting your bank…</p>}
        {phase.kind === 'waiting' && <p className="status">Payment confirmed. Waiting for the shop…</p>}
      </div>
      {phase.kind === 'failed' && (
        <div className="alert" role="alert">
          <p>
            Authentication failed: the payment was declined and the order will be cancelled. Nothing was
            charged.
          </p>
          <p>
            <Link to="/">Continue shopping</Link>
          </p>
        </div>
      )}
      {phase.kind === 'timed-out' && (
        <div className="alert" role="alert">
          <p>The payment is taking longer than usual. Your order is waiting for it.</p>
          <button type="button" className="secondary" onClick={() => setPhase({ kind: 'waiting' })}>
            Check again
          </button>
        </div>
      )}
      {phase.kind === 'error' && (
        <p className="alert" role="alert">
          {phase.message}
        </p>
      )}
    </section>
  );
}
