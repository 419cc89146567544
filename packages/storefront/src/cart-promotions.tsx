// The cart's promotions as shoppers see them: the "Promotion code" field with the codes entered and the state
// of each (applied, or why it gives nothing now), and what promotions take off each line. Automatic
// promotions that do not apply are the shop's own business and are not shown; a code the shopper entered
// always is. A code that gives nothing keeps the cart from checkout (the cart's `issues` say so).
import { ApiProblem, fieldErrors } from '@commerce/web-kit';
import { useId, useState, type FormEvent } from 'react';
import { useCartChange, type Cart } from './cart.ts';
import { formatMoney } from './money.ts';
import { errorText } from './status.tsx';

type CartLine = Cart['lines'][number];
type CartCode = Cart['codes'][number];

/** The issues about a code the shopper entered: remove the code, or change the cart until it applies. */
const CODE_ISSUES = new Set(['promotion-code-unknown', 'promotion-code-not-applied']);

export function hasCodeIssues(cart: Cart): boolean {
  return cart.issues.some((issue) => CODE_ISSUES.has(issue.code));
}

/** Why the API refused a code: the field's own message (a malformed code), else the problem's detail. */
function refusalText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return errorText(error);
  return fieldErrors(error.problem).get('code') ?? error.problem.detail ?? error.message;
}

/** A code's state in words: what its promotion takes off, or why it gives nothing now. */
function codeState(cart: Cart, entry: CartCode): string {
  switch (entry.status) {
    case 'applied': {
      const applied = cart.promotions.applied.find((p) => p.code === entry.code);
      return applied ? `Applied: −${formatMoney(applied.amount, cart.currency)}` : 'Applied';
    }
    case 'unknown':
      return 'Unknown code';
    case 'pending':
      return 'Checked once every item can be priced';
    case 'not-applied':
      return (
        cart.promotions.notApplied.find((p) => p.code === entry.code)?.reason.detail ??
        'It does not apply to this cart.'
      );
  }
}

function CodeRow({ cart, entry }: { cart: Cart; entry: CartCode }) {
  const remove = useCartChange();
  return (
    <li className={`code code-${entry.status}`}>
      <span>
        <strong className="code-text">{entry.code}</strong>: {codeState(cart, entry)}
      </span>{' '}
      <button
        type="button"
        className="link-button"
        aria-label={`Remove code ${entry.code}`}
        disabled={remove.isPending}
        onClick={() => remove.mutate({ kind: 'remove-code', code: entry.code })}
      >
        Remove
      </button>
      {remove.isError && (
        <span className="field-error" role="alert">
          {errorText(remove.error)}
        </span>
      )}
    </li>
  );
}

/** The "Promotion code" field with "Apply", and the codes entered with their state and "Remove". */
export function PromotionCodes({ cart }: { cart: Cart }) {
  const id = useId();
  const errorId = `${id}-error`;
  const add = useCartChange();
  const [code, setCode] = useState('');
  const [blank, setBlank] = useState(false);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const entered = code.trim();
    setBlank(entered === '');
    if (entered === '') {
      add.reset();
      return;
    }
    // A refusal keeps the text for the shopper to correct; an accepted code empties the field.
    add.mutate({ kind: 'add-code', code: entered }, { onSuccess: () => setCode('') });
  };
  const error = blank ? 'Enter a promotion code.' : add.isError ? refusalText(add.error) : undefined;
  return (
    <section aria-labelledby={`${id}-heading`} className="promotion-codes">
      <h2 id={`${id}-heading`}>Promotion codes</h2>
      <form onSubmit={apply} noValidate className="field-row">
        <div className="field">
          <label htmlFor={id}>Promotion code</label>
          <input
            id={id}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <button type="submit" disabled={add.isPending}>
          Apply
        </button>
      </form>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {cart.codes.length > 0 && (
        <ul className="codes" aria-label="Codes entered">
          {cart.codes.map((entry) => (
            <CodeRow key={entry.code} cart={cart} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each promotion on a line: "<name> −<amount>". */
export function LinePromotions({ line, currency, name }: { line: CartLine; currency: string; name: string }) {
  const promotions = line.promotions ?? [];
  if (promotions.length === 0) return null;
  return (
    <ul className="line-promotions" aria-label={`Promotions on ${name}`}>
      {promotions.map((p) => (
        <li key={p.promotionId}>
          {p.name} −{formatMoney(p.amount, currency)}
        </li>
      ))}
    </ul>
  );
}

/** The line's total; with a discount, the price before it struck through. */
export function LineTotal({ line, currency }: { line: CartLine; currency: string }) {
  if (line.lineTotal === undefined) return <>—</>;
  const discount = line.discount ?? 0;
  if (discount === 0) return <>{formatMoney(line.lineTotal, currency)}</>;
  return (
    <>
      <s className="price-was">
        <span className="visually-hidden">was </span>
        {formatMoney(line.lineTotal + discount, currency)}
      </s>{' '}
      <span className="visually-hidden">now </span>
      {formatMoney(line.lineTotal, currency)}
    </>
  );
}
