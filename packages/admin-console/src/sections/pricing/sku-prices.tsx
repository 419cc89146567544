// A SKU's prices (GET/PUT /prices/{sku}): a base price per currency and its sales, replaced as a whole with
// the version read (0 for a SKU never priced); a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import {
  useFieldArray,
  useForm,
  type Control,
  type UseFormRegister,
  type FieldErrors,
} from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved } from '../../ui/form-failure.tsx';
import { SaveActions, useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime, fromLocalInput, toLocalInput, toMajorText, toMinorUnits } from '../../ui/money.ts';
import { SkuPage } from '../../ui/sku-picker.tsx';
import { QueryView } from '../../ui/status-views.tsx';
import { CURRENCIES } from './currencies.ts';

type SkuPrices = components['schemas']['SkuPrices'];
type PricesBody = components['schemas']['SetSkuPricesRequest']['prices'];

interface SaleValues {
  amount: string;
  validFrom: string;
  validUntil: string;
}
interface PriceValues {
  currency: string;
  amount: string;
  sales: SaleValues[];
}
interface PricesForm {
  prices: PriceValues[];
}

const routeApi = getRouteApi('/prices');

export function SkuPrices(): JSX.Element {
  const { sku } = routeApi.useSearch();
  const navigate = useNavigate();
  return (
    <SkuPage
      titleId="prices-title"
      title="Prices"
      sku={sku}
      onPick={(next) => void navigate({ to: '/prices', search: { sku: next } })}
      prompt="Enter a SKU to see and change its prices."
    >
      {(picked) => <PricesOf sku={picked} />}
    </SkuPage>
  );
}

function PricesOf({ sku }: { sku: string }) {
  const { client } = useConsole();
  const query = useQuery({
    queryKey: ['prices', sku],
    queryFn: async () => {
      const result = await client.GET('/prices/{sku}', { params: { path: { sku } } });
      // Never priced: an empty book at version 0, which is what a first PUT must send.
      if (result.response.status === 404) return null;
      return must(result);
    },
  });
  // Kept here: a save reloads the prices and remounts the editor at the new version.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <QueryView query={query} what={`the prices of ${sku}`}>
      {(prices) => (
        <PricesEditor
          key={prices?.version ?? 0}
          sku={sku}
          prices={prices}
          saved={saved}
          onSaved={setSaved}
          onReload={() => void query.refetch()}
        />
      )}
    </QueryView>
  );
}

function formValues(prices: SkuPrices | null): PricesForm {
  return {
    prices: Object.entries(prices?.prices ?? {}).map(([currency, p]) => ({
      currency,
      amount: toMajorText(p.amount, currency),
      sales: p.sales.map((s) => ({
        amount: toMajorText(s.amount, currency),
        validFrom: toLocalInput(s.validFrom),
        validUntil: toLocalInput(s.validUntil),
      })),
    })),
  };
}

function PricesEditor(props: {
  sku: string;
  prices: SkuPrices | null;
  saved: string | null;
  onSaved: (message: string | null) => void;
  onReload: () => void;
}) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useForm<PricesForm>({ defaultValues: formValues(props.prices) });
  const rows = useFieldArray({ control: form.control, name: 'prices' });
  const canSave = mayCall(session.groups, 'PUT', '/prices/{sku}');
  const version = props.prices?.version ?? 0;

  // The API names fields by currency (`prices.EUR.amount`); the form holds currencies as rows.
  const resolve = (name: string) => {
    const match = /^prices\.([A-Z]{3})(?:\.(amount|sales)(?:\.(\d+)\.(amount|validFrom|validUntil))?)?/.exec(
      name,
    );
    const index = match ? form.getValues('prices').findIndex((p) => p.currency === match[1]) : -1;
    if (!match || index < 0) return undefined;
    if (match[3] !== undefined && match[4]) return `prices.${index}.sales.${match[3]}.${match[4]}`;
    return `prices.${index}.${match[2] === 'amount' ? 'amount' : 'currency'}`;
  };

  const save = useFormSave(form, {
    mutationFn: async (body: PricesBody) =>
      must(
        await client.PUT('/prices/{sku}', {
          params: { path: { sku: props.sku } },
          body: { version, prices: body },
        }),
      ),
    onSuccess: (next) => {
      props.onSaved(`Saved (version ${next.version}).`);
      return queryClient.invalidateQueries({ queryKey: ['prices', props.sku] });
    },
    resolve,
  });

  const request = (values: PricesForm) => {
    const body: PricesBody = {};
    let valid = true;
    values.prices.forEach((p, i) => {
      const amount = toMinorUnits(p.amount, p.currency);
      if (amount === undefined) {
        form.setError(`prices.${i}.amount`, { message: `An amount in ${p.currency}, e.g. 19.99.` });
        valid = false;
      }
      if (body[p.currency]) {
        form.setError(`prices.${i}.currency`, { message: 'This currency is listed twice.' });
        valid = false;
      }
      const sales = p.sales.map((s, j) => {
        const saleAmount = toMinorUnits(s.amount, p.currency);
        const validFrom = fromLocalInput(s.validFrom);
        if (saleAmount === undefined)
          form.setError(`prices.${i}.sales.${j}.amount`, { message: 'An amount.' });
        if (validFrom === undefined)
          form.setError(`prices.${i}.sales.${j}.validFrom`, { message: 'When it starts.' });
        if (saleAmount === undefined || validFrom === undefined) valid = false;
        const validUntil = fromLocalInput(s.validUntil);
        return { amount: saleAmount ?? 0, validFrom: validFrom ?? '', ...(validUntil ? { validUntil } : {}) };
      });
      body[p.currency] = { amount: amount ?? 0, sales };
    });
    return valid ? body : undefined;
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        props.onSaved(null);
        save.onSubmit(request)(event);
      }}
      aria-labelledby="sku-prices-title"
    >
      <h2 id="sku-prices-title">Prices of {props.sku}</h2>
      <p className="hint">
        {props.prices
          ? `Version ${props.prices.version}, updated ${formatDateTime(props.prices.updatedAt)}.`
          : 'This SKU has no prices yet.'}{' '}
        A currency removed here is no longer sold.
      </p>
      <Saved message={props.saved} />
      <fieldset disabled={!canSave} className="plain">
        {rows.fields.map((field, i) => (
          <fieldset key={field.id} className="currency-row">
            <legend>Price {i + 1}</legend>
            <div className="row">
              <Field
                label={`Price ${i + 1} currency`}
                error={form.formState.errors.prices?.[i]?.currency?.message}
              >
                {(c) => (
                  <select {...c} {...form.register(`prices.${i}.currency`)}>
                    {CURRENCIES.map((cur) => (
                      <option key={cur}>{cur}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label={`Price ${i + 1} base amount`}
                error={form.formState.errors.prices?.[i]?.amount?.message}
              >
                {(c) => <input {...c} inputMode="decimal" {...form.register(`prices.${i}.amount`)} />}
              </Field>
              <button type="button" className="link-button" onClick={() => rows.remove(i)}>
                Remove price {i + 1}
              </button>
            </div>
            <Sales index={i} control={form.control} register={form.register} errors={form.formState.errors} />
          </fieldset>
        ))}
        <button type="button" onClick={() => rows.append({ currency: 'EUR', amount: '', sales: [] })}>
          Add currency
        </button>
      </fieldset>
      <FormAlert failure={save.failure} onReload={props.onReload} />
      {canSave && <SaveActions pending={save.mutation.isPending} />}
    </form>
  );
}

function Sales(props: {
  index: number;
  control: Control<PricesForm>;
  register: UseFormRegister<PricesForm>;
  errors: FieldErrors<PricesForm>;
}) {
  const { index: i } = props;
  const sales = useFieldArray({ control: props.control, name: `prices.${i}.sales` });
  const errorsOf = (j: number) => props.errors.prices?.[i]?.sales?.[j];
  return (
    <div className="sales">
      {sales.fields.map((field, j) => (
        <div key={field.id} className="row">
          <Field label={`Price ${i + 1} sale ${j + 1} amount`} error={errorsOf(j)?.amount?.message}>
            {(c) => <input {...c} inputMode="decimal" {...props.register(`prices.${i}.sales.${j}.amount`)} />}
          </Field>
          <Field label={`Price ${i + 1} sale ${j + 1} from`} error={errorsOf(j)?.validFrom?.message}>
            {(c) => (
              <input {...c} type="datetime-local" {...props.register(`prices.${i}.sales.${j}.validFrom`)} />
            )}
          </Field>
          <Field
            label={`Price ${i + 1} sale ${j + 1} until`}
            error={errorsOf(j)?.validUntil?.message}
            hint="Empty: open-ended."
          >
            {(c) => (
              <input {...c} type="datetime-local" {...props.register(`prices.${i}.sales.${j}.validUntil`)} />
            )}
          </Field>
          <button type="button" className="link-button" onClick={() => sales.remove(j)}>
            Remove sale {j + 1} of price {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => sales.append({ amount: '', validFrom: '', validUntil: '' })}>
        Add sale to price {i + 1}
      </button>
    </div>
  );
}
