// The cart: its lines with quantities to change or remove and what promotions take off them, the promotion
// codes, the totals priced now, and the way to checkout (closed while a code gives nothing).
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { hasCodeIssues, LinePromotions, LineTotal, PromotionCodes } from '../cart-promotions.tsx';
import { useCart, useCartChange, type Cart } from '../cart.ts';
import { useCurrency } from '../currency.ts';
import { formatMoney } from '../money.ts';
import { NumberCell, NumberHeader } from '../number-cells.tsx';
import { useSession } from '../shop.tsx';
import { useSkuLabels, type SkuLabel } from '../sku-labels.ts';
import { errorText, LoadError, Loading } from '../status.tsx';
import { Totals } from '../totals.tsx';

type CartLine = Cart['lines'][number];

/** Issues the checkout page resolves (address, method) are not the cart page's business. */
const CHECKOUT_ISSUES = new Set(['shipping-address-missing', 'shipping-method-missing']);

export function lineName(sku: string, label: SkuLabel | undefined): string {
  if (!label) return sku;
  return label.variant ? `${label.title} (${label.variant})` : label.title;
}

function QuantityForm({ line, name }: { line: CartLine; name: string }) {
  const id = useId();
  const change = useCartChange();
  const [draft, setDraft] = useState(String(line.quantity));
  const commit = (event?: FormEvent) => {
    event?.preventDefault();
    const quantity = Math.trunc(Number(draft));
    if (!Number.isFinite(quantity) || quantity < 1) {
      setDraft(String(line.quantity));
      return;
    }
    if (quantity !== line.quantity) change.mutate({ kind: 'set', sku: line.sku, quantity });
  };
  return (
    <form onSubmit={commit} className="quantity-form">
      <label htmlFor={id} className="visually-hidden">
        Quantity of {name}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit()}
      />
      {change.isError && (
        <span className="field-error" role="alert">
          {errorText(change.error)}
        </span>
      )}
    </form>
  );
}

function LineRow({ line, currency }: { line: CartLine; currency: string }) {
  const labels = useSkuLabels();
  const label = labels[line.sku];
  const name = lineName(line.sku, label);
  const remove = useCartChange();
  return (
    <tr>
      <th scope="row">
        {label ? (
          <Link to="/products/$handle" params={{ handle: label.handle }}>
            {name}
          </Link>
        ) : (
          name
        )}
        <div className="sku">SKU {line.sku}</div>
        <LinePromotions line={line} currency={currency} name={name} />
      </th>
      <NumberCell column="Price">
        {line.unitPrice === undefined ? '—' : formatMoney(line.unitPrice, currency)}
      </NumberCell>
      <td>
        <QuantityForm key={line.quantity} line={line} name={name} />
      </td>
      <NumberCell column="Total">
        <LineTotal line={line} currency={currency} />
      </NumberCell>
      <td>
        <button
          type="button"
          className="secondary"
          aria-label={`Remove ${name}`}
          disabled={remove.isPending}
          onClick={() => remove.mutate({ kind: 'remove', sku: line.sku })}
        >
          Remove
        </button>
        {remove.isError && (
          <span className="field-error" role="alert">
            {errorText(remove.error)}
          </span>
        )}
      </td>
    </tr>
  );
}

export function CartLines({ cart }: { cart: Cart }) {
  return (
    <table className="lines">
      <caption className="visually-hidden">Items in your cart</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <NumberHeader>Price</NumberHeader>
          <th scope="col">Quantity</th>
          <NumberHeader>Total</NumberHeader>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {cart.lines.map((line) => (
          <LineRow key={line.sku} line={line} currency={cart.currency} />
        ))}
      </tbody>
    </table>
  );
}

export function CartPage() {
  const cart = useCart();
  const session = useSession();
  const currency = useCurrency();
  const navigate = useNavigate();
  if (cart.isPending) return <Loading what="your cart" />;
  if (cart.isError)
    return <LoadError what="your cart" error={cart.error} retry={() => void cart.refetch()} />;
  const data = cart.data;
  if (!data || data.lines.length === 0) {
    return (
      <>
        <h1>Your cart</h1>
        <p>Your cart is empty.</p>
        <p>
          <Link to="/">Continue shopping</Link>
        </p>
      </>
    );
  }
  const issues = data.issues.filter((issue) => !CHECKOUT_ISSUES.has(issue.code));
  const blocked = hasCodeIssues(data);
  return (
    <>
      <h1>Your cart</h1>
      {data.currency !== currency && (
        <p className="notice">Your cart is priced in {data.currency}, the currency it was started in.</p>
      )}
      <CartLines cart={data} />
      <PromotionCodes cart={data} />
      {issues.length > 0 && (
        <ul className="alert" role="alert">
          {issues.map((issue) => (
            <li key={`${issue.code}-${issue.sku ?? ''}-${issue.promotionCode ?? ''}`}>{issue.detail}</li>
          ))}
        </ul>
      )}
      {data.totals ? (
        <Totals totals={data.totals} currency={data.currency} estimated={data.totals.estimated} />
      ) : (
        <p className="notice">The total is shown once every item can be priced.</p>
      )}
      {!session && <p className="hint">Guests can hold up to 10 of an item; sign in for more.</p>}
      {blocked && (
        <p id="checkout-blocked" className="hint">
          Remove the codes that give nothing, or change your cart so that they apply, to check out.
        </p>
      )}
      <div className="actions">
        <Link to="/">Continue shopping</Link>
        <button
          type="button"
          disabled={blocked}
          aria-describedby={blocked ? 'checkout-blocked' : undefined}
          onClick={() => void navigate({ to: '/checkout' })}
        >
          Checkout
        </button>
      </div>
    </>
  );
}
