// /checkout: the guest's email, the shipping address and method (saved on the cart, which answers its
// shipping options and totals priced for that address), then payment and "Place order".
import { ApiProblem } from '@commerce/web-kit';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useCart, useCartChange, type Cart } from '../cart.ts';
import { countryName, SHIPPING_COUNTRIES } from '../countries.ts';
import { applyProblem, SelectField, TextField } from '../form-fields.tsx';
import { formatMoney } from '../money.ts';
import { useSession } from '../shop.tsx';
import { useSkuLabels } from '../sku-labels.ts';
import { errorText, LoadError, Loading } from '../status.tsx';
import { Totals } from '../totals.tsx';
import { lineName } from './cart.tsx';
import { PaymentForm } from './checkout-payment.tsx';

interface AddressValues {
  email: string;
  shippingAddress: {
    name: string;
    company: string;
    line1: string;
    line2: string;
    postalCode: string;
    city: string;
    region: string;
    country: string;
    phone: string;
  };
}

const ADDRESS_FIELDS = [
  'email',
  'shippingAddress.name',
  'shippingAddress.company',
  'shippingAddress.line1',
  'shippingAddress.line2',
  'shippingAddress.postalCode',
  'shippingAddress.city',
  'shippingAddress.region',
  'shippingAddress.country',
  'shippingAddress.phone',
] as const;

function initialValues(cart: Cart): AddressValues {
  const a = cart.shippingAddress;
  return {
    email: cart.email ?? '',
    shippingAddress: {
      name: a?.name ?? '',
      company: a?.company ?? '',
      line1: a?.line1 ?? '',
      line2: a?.line2 ?? '',
      postalCode: a?.postalCode ?? '',
      city: a?.city ?? '',
      region: a?.region ?? '',
      country: a?.country ?? (cart.currency === 'USD' ? 'US' : 'DE'),
      phone: a?.phone ?? '',
    },
  };
}

/** Optional fields left empty are left out: the API refuses blank text. */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

function AddressForm({ cart, guest }: { cart: Cart; guest: boolean }) {
  const change = useCartChange();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<AddressValues>({
    defaultValues: initialValues(cart),
  });
  const { errors } = formState;
  const required = (what: string) => ({ required: `Enter ${what}.` });

  const save = handleSubmit(async (values) => {
    setFormMessage(null);
    setConflict(false);
    const a = values.shippingAddress;
    try {
      await change.mutateAsync({
        kind: 'update',
        body: {
          ...(guest ? { email: values.email.trim() } : {}),
          shippingAddress: {
            name: a.name.trim(),
            line1: a.line1.trim(),
            city: a.city.trim(),
            postalCode: a.postalCode.trim(),
            country: a.country,
            ...optional('company', a.company),
            ...optional('line2', a.line2),
            ...optional('region', a.region.toUpperCase()),
            ...optional('phone', a.phone.replaceAll(' ', '')),
          },
          billingAddress: null,
        },
      });
    } catch (error) {
      if (!(error instanceof ApiProblem)) return setFormMessage(errorText(error));
      setConflict(error.problem.status === 409);
      setFormMessage(applyProblem(error.problem, setError, ADDRESS_FIELDS));
    }
  });

  const address = errors.shippingAddress;
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="address-heading" className="panel">
      <h2 id="address-heading">Shipping address</h2>
      {guest && (
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          hint="For your order confirmation."
          error={errors.email?.message}
          {...register('email', required('your email address'))}
        />
      )}
      <TextField
        label="Full name"
        autoComplete="name"
        error={address?.name?.message}
        {...register('shippingAddress.name', required('your name'))}
      />
      <TextField
        label="Company (optional)"
        autoComplete="organization"
        error={address?.company?.message}
        {...register('shippingAddress.company')}
      />
      <TextField
        label="Street address"
        autoComplete="address-line1"
        error={address?.line1?.message}
        {...register('shippingAddress.line1', required('your street address'))}
      />
      <TextField
        label="Address line 2 (optional)"
        autoComplete="address-line2"
        error={address?.line2?.message}
        {...register('shippingAddress.line2')}
      />
      <div className="field-row">
        <TextField
          label="Postal code"
          autoComplete="postal-code"
          error={address?.postalCode?.message}
          {...register('shippingAddress.postalCode', required('your postal code'))}
        />
        <TextField
          label="City"
          autoComplete="address-level2"
          error={address?.city?.message}
          {...register('shippingAddress.city', required('your city'))}
        />
      </div>
      <div className="field-row">
        <SelectField
          label="Country"
          autoComplete="country"
          error={address?.country?.message}
          {...register('shippingAddress.country')}
        >
          {SHIPPING_COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Region (optional)"
          hint="ISO code, such as US-NY or DE-BE."
          error={address?.region?.message}
          {...register('shippingAddress.region')}
        />
      </div>
      <TextField
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        hint="With country code, such as +4930123456."
        error={address?.phone?.message}
        {...register('shippingAddress.phone')}
      />
      {formMessage && (
        <div className="alert" role="alert">
          <p>{formMessage}</p>
          {conflict && (
            <button type="button" className="secondary" onClick={() => window.location.reload()}>
              Reload
            </button>
          )}
        </div>
      )}
      <div aria-live="polite">
        {change.isSuccess && !formState.isDirty && <p className="notice">Address saved.</p>}
      </div>
      <button type="submit" disabled={formState.isSubmitting}>
        Save address
      </button>
    </form>
  );
}

function ShippingMethods({ cart }: { cart: Cart }) {
  const change = useCartChange();
  // Shown checked at once, while the cart saves the choice (the cart's answer then agrees, or it failed).
  const [choosing, setChoosing] = useState<string | null>(null);
  const selected = choosing ?? cart.shippingMethod;
  const choose = (methodId: string) => {
    setChoosing(methodId);
    change.mutate(
      { kind: 'update', body: { shippingMethod: methodId } },
      { onSettled: () => setChoosing(null) },
    );
  };
  if (!cart.shippingAddress) {
    return (
      <section aria-labelledby="shipping-heading" className="panel">
        <h2 id="shipping-heading">Shipping method</h2>
        <p>Save your address to see how we can ship to you.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="shipping-heading" className="panel">
      <h2 id="shipping-heading">Shipping method</h2>
      {cart.shippingOptions.length === 0 ? (
        <p className="notice">
          We do not ship to {countryName(cart.shippingAddress.country)} in {cart.currency}.
        </p>
      ) : (
        <fieldset className="choices">
          <legend>Shipping method</legend>
          {cart.shippingOptions.map((option) => (
            <label key={option.methodId} className="choice">
              <input
                type="radio"
                name="shipping-method"
                value={option.methodId}
                checked={selected === option.methodId}
                onChange={() => choose(option.methodId)}
              />
              <span>
                {option.name}: {option.free ? 'Free' : formatMoney(option.price, cart.currency)} (
                {option.minDays}–{option.maxDays} business days)
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {change.isError && (
        <p className="alert" role="alert">
          {errorText(change.error)}
        </p>
      )}
    </section>
  );
}

function Summary({ cart }: { cart: Cart }) {
  const labels = useSkuLabels();
  return (
    <section aria-labelledby="summary-heading" className="panel">
      <h2 id="summary-heading">Your order</h2>
      <ul className="summary-lines">
        {cart.lines.map((line) => (
          <li key={line.sku}>
            <span>
              {line.quantity} × {lineName(line.sku, labels[line.sku])}
            </span>
            <span>{line.lineTotal === undefined ? '—' : formatMoney(line.lineTotal, cart.currency)}</span>
          </li>
        ))}
      </ul>
      {cart.totals ? (
        <Totals totals={cart.totals} currency={cart.currency} estimated={cart.totals.estimated} />
      ) : (
        <p className="notice">The total is shown once every item can be priced.</p>
      )}
      <p>
        <Link to="/cart">Change your cart</Link>
      </p>
    </section>
  );
}

export function CheckoutPage() {
  const cart = useCart();
  const session = useSession();
  if (cart.isPending) return <Loading what="your cart" />;
  if (cart.isError)
    return <LoadError what="your cart" error={cart.error} retry={() => void cart.refetch()} />;
  if (!cart.data || cart.data.lines.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <p>Your cart is empty.</p>
        <p>
          <Link to="/">Continue shopping</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Checkout</h1>
      {session ? (
        <p>Signed in as {session.email}: your order confirmation goes there.</p>
      ) : (
        <p className="hint">Checking out as a guest. Sign in to see your orders later.</p>
      )}
      <div className="checkout">
        <div>
          <AddressForm key={cart.data.id} cart={cart.data} guest={!session} />
          <ShippingMethods cart={cart.data} />
        </div>
        <div>
          <Summary cart={cart.data} />
          <PaymentForm cart={cart.data} />
        </div>
      </div>
    </>
  );
}
