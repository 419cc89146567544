// One customer (GET /customers/{id}): profile, consents and addresses, and their price segments
// (PUT /customers/{id}/segments with the version read; a 409 offers "Reload").
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime } from '../../ui/money.ts';

type Customer = components['schemas']['CustomerWithAddresses'];
const routeApi = getRouteApi('/customers/$id');

export function CustomerDetail(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="customer-title"
      crumb={<Link to="/customers">Customer list</Link>}
      noun="customer"
      id={id}
      queryKey={['customers', 'one', id]}
      load={async (client) => must(await client.GET('/customers/{id}', { params: { path: { id } } }))}
    >
      {(customer, reload) => <CustomerView customer={customer} onReload={reload} />}
    </DetailPage>
  );
}

function CustomerView({ customer, onReload }: { customer: Customer; onReload: () => void }) {
  const session = useSession();
  const name = [customer.givenName, customer.familyName].filter(Boolean).join(' ');
  return (
    <>
      <h1 id="customer-title">{name || customer.email}</h1>
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd>{customer.email}</dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{customer.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>Locale</dt>
          <dd>{customer.locale ?? '—'}</dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{customer.preferredCurrency ?? '—'}</dd>
        </div>
        <div>
          <dt>Marketing</dt>
          <dd>
            email {customer.marketingConsent.email ? 'yes' : 'no'}, SMS{' '}
            {customer.marketingConsent.sms ? 'yes' : 'no'}
          </dd>
        </div>
        <div>
          <dt>Since</dt>
          <dd>{formatDateTime(customer.createdAt)}</dd>
        </div>
      </dl>
      {mayCall(session.groups, 'GET', '/orders') && (
        <p>
          <Link to="/orders" search={{ q: customer.email }}>
            Order history of {customer.email}
          </Link>
        </p>
      )}
      <Segments key={customer.version} customer={customer} onReload={onReload} />
      <section aria-labelledby="addresses-title">
        <h2 id="addresses-title">Addresses</h2>
        {customer.addresses.length === 0 ? (
          <p>No addresses.</p>
        ) : (
          <ul className="cards">
            {customer.addresses.map((a) => (
              <li key={a.id} className="card">
                <address>
                  {a.name}
                  <br />
                  {a.line1}
                  {a.line2 && <>, {a.line2}</>}
                  <br />
                  {a.postalCode} {a.city}
                  {a.region && <>, {a.region}</>}, {a.country}
                </address>
                {a.id === customer.defaultShippingAddressId && <p className="hint">Default shipping</p>}
                {a.id === customer.defaultBillingAddressId && <p className="hint">Default billing</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Segments({ customer, onReload }: { customer: Customer; onReload: () => void }) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useForm<{ segments: string }>({ defaultValues: { segments: customer.segments.join(', ') } });
  const canSave = mayCall(session.groups, 'PUT', '/customers/{id}/segments');
  const save = useFormSave(form, {
    mutationFn: async (segments: string[]) =>
      must(
        await client.PUT('/customers/{id}/segments', {
          params: { path: { id: customer.id } },
          body: { version: customer.version, segments },
        }),
      ),
    savedMessage: (profile) => `Saved: ${profile.segments.join(', ') || 'no segments'}.`,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
    // The API names each segment (`segments.0`); they all show at the one text field.
    resolve: (n) => (n.startsWith('segments') ? 'segments' : undefined),
  });
  return (
    <form
      className="panel"
      aria-labelledby="segments-title"
      noValidate
      onSubmit={save.onSubmit((v) =>
        v.segments
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )}
    >
      <h2 id="segments-title">Price segments</h2>
      <Field
        label="Segments"
        error={form.formState.errors.segments?.message}
        hint="Comma-separated, e.g. vip, wholesale: the customer gets those price lists."
      >
        {(c) => <input {...c} readOnly={!canSave} {...form.register('segments')} />}
      </Field>
      <FormAlert failure={save.failure} onReload={onReload} />
      <Saved message={save.saved} />
      {canSave && (
        <button type="submit" className="primary" disabled={save.mutation.isPending}>
          Save
        </button>
      )}
    </form>
  );
}
