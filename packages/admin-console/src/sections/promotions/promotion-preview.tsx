// The promotion editor's Preview panel (POST /promotions/preview): the promotion as the form holds it, not
// saved, against a sample basket (lines of SKU, quantity and unit price in major units, a currency, and
// optionally shipping and its country). It answers "Applies: −€4.00" with the amount per line and shipping,
// or "Does not apply:" and why. A preview counts none of the promotion's usage and takes a draft as active.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useState } from 'react';
import { useFieldArray, useForm, type UseFormSetError } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, type FieldResolver } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatMoney, toMinorUnits } from '../../ui/money.ts';
import { bodyOf } from './promotion-body.ts';
import { CurrencySelect, type PromotionFormApi } from './promotion-inputs.tsx';
import { CONDITION_LABELS, type ConditionKind } from './promotion-values.ts';

type PreviewRequest = components['schemas']['PreviewPromotionRequest'];
type Basket = PreviewRequest['basket'];
type Preview = components['schemas']['PromotionPreview'];
type Reason = Extract<Preview['verdict'], { applied: false }>['reason'];

const MAX_LINES = 20;
const SKU = /^[A-Za-z0-9._-]{1,64}$/;

interface SampleLine {
  sku: string;
  quantity: string;
  unitPrice: string;
}

interface SampleForm {
  currency: string;
  lines: SampleLine[];
  shippingMethod: string;
  shippingAmount: string;
  shippingCountry: string;
}

const emptyLine = (): SampleLine => ({ sku: '', quantity: '1', unitPrice: '' });

/** The API's basket fields → the sample form's (`basket.lines.0.unitPrice` → `lines.0.unitPrice`). */
const basketField: FieldResolver = (name) => {
  const line = /^basket\.lines\.(\d+)\.(sku|quantity|unitPrice)$/.exec(name);
  if (line) return `lines.${line[1]}.${line[2]}`;
  if (name === 'basket.currency') return 'currency';
  if (name === 'basket.shippingCountry') return 'shippingCountry';
  const shipping = /^basket\.shipping\.(method|amount)$/.exec(name);
  if (shipping) return shipping[1] === 'method' ? 'shippingMethod' : 'shippingAmount';
  return undefined;
};

/** The basket from the sample form, or undefined after naming every field that cannot be sent. */
function basketOf(v: SampleForm, setError: UseFormSetError<SampleForm>): Basket | undefined {
  let ok = true;
  const fail = (path: Parameters<typeof setError>[0], message: string) => {
    setError(path, { message });
    ok = false;
  };
  const lines = v.lines.map((line, i) => {
    const sku = line.sku.trim();
    if (!SKU.test(sku)) fail(`lines.${i}.sku`, 'A SKU: letters, digits, ".", "-" or "_".');
    const quantity = /^\d+$/.test(line.quantity.trim()) ? Number(line.quantity) : Number.NaN;
    if (!(quantity >= 1 && quantity <= 10_000))
      fail(`lines.${i}.quantity`, 'A whole number from 1 to 10000.');
    const unitPrice = toMinorUnits(line.unitPrice, v.currency);
    if (unitPrice === undefined) fail(`lines.${i}.unitPrice`, `An amount in ${v.currency}.`);
    return { sku, quantity, unitPrice: unitPrice ?? 0 };
  });
  let shipping: Basket['shipping'];
  if (v.shippingAmount.trim()) {
    const amount = toMinorUnits(v.shippingAmount, v.currency);
    const method = v.shippingMethod.trim();
    if (amount === undefined) fail('shippingAmount', `An amount in ${v.currency}.`);
    if (!SKU.test(method)) fail('shippingMethod', 'The method id shipping would quote, e.g. de-standard.');
    shipping = { method, amount: amount ?? 0 };
  }
  const country = v.shippingCountry.trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) fail('shippingCountry', 'An ISO country code, e.g. DE.');
  if (!ok) return undefined;
  return {
    currency: v.currency,
    lines,
    ...(shipping ? { shipping } : {}),
    ...(country ? { shippingCountry: country } : {}),
  };
}

/** Why the promotion does not apply, in a sentence. */
function reasonText(reason: Reason): string {
  const detail = typeof reason['detail'] === 'string' ? reason['detail'] : undefined;
  switch (reason.code) {
    case 'condition-failed': {
      const kind = String(reason['condition']);
      const label = kind in CONDITION_LABELS ? CONDITION_LABELS[kind as ConditionKind] : kind;
      return `Condition ${Number(reason['index']) + 1} (${label}): ${detail ?? 'not met.'}`;
    }
    case 'inactive':
      return 'It is archived.';
    case 'not-started':
      return 'It has not started yet.';
    case 'ended':
      return 'It has ended.';
    case 'other-currency':
      return `Its budget is in ${String(reason['currency'])}: it applies in that currency only.`;
    case 'limit-reached':
      return reason['limit'] === 'budget'
        ? 'This discount alone is more than its budget.'
        : `Its ${String(reason['limit'])} limit is reached.`;
    case 'code-used':
      return 'The code is used by another order.';
    default:
      return detail ?? `It gives nothing (${reason.code}).`;
  }
}

function PreviewResult({ preview, basket }: { preview: Preview; basket: Basket }) {
  const money = (minor: number) => formatMoney(minor, basket.currency);
  const { verdict } = preview;
  return (
    <>
      {verdict.applied ? (
        <>
          <p>
            <strong>Applies: −{money(verdict.amount)}</strong>
          </p>
          <ul>
            {verdict.lines.map((amount, i) => (
              <li key={i}>
                Line {i + 1} ({basket.lines[i]?.sku}): −{money(amount)}
              </li>
            ))}
            {basket.shipping && <li>Shipping: −{money(verdict.shipping)}</li>}
          </ul>
        </>
      ) : (
        <p>
          <strong>Does not apply:</strong> {reasonText(verdict.reason)}
        </p>
      )}
      {preview.unknownSkus.length > 0 && (
        <p className="hint">
          Not in the catalog: {preview.unknownSkus.join(', ')}. They match only a target naming their SKU.
        </p>
      )}
    </>
  );
}

/** The Preview panel; shown to whoever may call the preview route. */
export function PromotionPreview({ promotionForm }: { promotionForm: PromotionFormApi }): JSX.Element | null {
  const session = useSession();
  if (!mayCall(session.groups, 'POST', '/promotions/preview')) return null;
  return <SamplePanel promotionForm={promotionForm} />;
}

function SamplePanel({ promotionForm }: { promotionForm: PromotionFormApi }) {
  const { client } = useConsole();
  const form = useForm<SampleForm>({
    defaultValues: {
      currency: 'EUR',
      lines: [emptyLine()],
      shippingMethod: '',
      shippingAmount: '',
      shippingCountry: '',
    },
  });
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const currency = form.watch('currency');
  const errors = form.formState.errors;
  // The promotion's own fields are checked as a save checks them, and named on the promotion form.
  const [promotionProblem, setPromotionProblem] = useState(false);
  const preview = useFormSave(form, {
    mutationFn: async (body: PreviewRequest) => ({
      preview: must(await client.POST('/promotions/preview', { body })),
      basket: body.basket,
    }),
    resolve: basketField,
  });
  const prepare = (values: SampleForm): PreviewRequest | undefined => {
    promotionForm.clearErrors();
    const { body: promotion, problems } = bodyOf(promotionForm.getValues());
    for (const [path, message] of problems) promotionForm.setError(path, { message });
    setPromotionProblem(problems.length > 0);
    const basket = basketOf(values, form.setError);
    return problems.length === 0 && basket ? { promotion, basket } : undefined;
  };
  return (
    <section aria-labelledby="preview-title" className="panel">
      <h2 id="preview-title">Preview</h2>
      <p className="hint">
        What the promotion as edited above, saved or not, gives a sample basket. A preview counts none of its
        usage and takes a draft as active.
      </p>
      <form
        noValidate
        aria-label="Sample basket"
        onSubmit={(event) => {
          // Errors on sample lines removed since the last attempt would block this one.
          form.clearErrors();
          preview.onSubmit(prepare)(event);
        }}
      >
        <Field label="Sample currency" error={errors.currency?.message}>
          {(c) => <CurrencySelect control={{ ...c, ...form.register('currency') }} current={currency} />}
        </Field>
        {lines.fields.map((field, i) => {
          const n = i + 1;
          const error = errors.lines?.[i];
          return (
            <div key={field.id} className="row">
              <Field label={`Sample line ${n} SKU`} error={error?.sku?.message}>
                {(c) => <input {...c} autoComplete="off" {...form.register(`lines.${i}.sku`)} />}
              </Field>
              <Field label={`Sample line ${n} quantity`} error={error?.quantity?.message}>
                {(c) => <input {...c} inputMode="numeric" {...form.register(`lines.${i}.quantity`)} />}
              </Field>
              <Field label={`Sample line ${n} unit price (${currency})`} error={error?.unitPrice?.message}>
                {(c) => <input {...c} inputMode="decimal" {...form.register(`lines.${i}.unitPrice`)} />}
              </Field>
              {lines.fields.length > 1 && (
                <button type="button" className="link-button" onClick={() => lines.remove(i)}>
                  Remove sample line {n}
                </button>
              )}
            </div>
          );
        })}
        {lines.fields.length < MAX_LINES && (
          <button type="button" onClick={() => lines.append(emptyLine())}>
            Add sample line
          </button>
        )}
        <div className="row">
          <Field
            label={`Sample shipping amount (${currency})`}
            error={errors.shippingAmount?.message}
            hint="Optional: what shipping costs."
          >
            {(c) => <input {...c} inputMode="decimal" {...form.register('shippingAmount')} />}
          </Field>
          <Field
            label="Sample shipping method"
            error={errors.shippingMethod?.message}
            hint="With a shipping amount: its method id, e.g. de-standard."
          >
            {(c) => <input {...c} autoComplete="off" {...form.register('shippingMethod')} />}
          </Field>
          <Field
            label="Sample shipping country"
            error={errors.shippingCountry?.message}
            hint="Optional: an ISO code, e.g. DE."
          >
            {(c) => <input {...c} autoComplete="off" {...form.register('shippingCountry')} />}
          </Field>
        </div>
        {promotionProblem && (
          <p role="alert" className="alert alert-error">
            Correct the promotion’s highlighted fields first.
          </p>
        )}
        <FormAlert failure={preview.failure} />
        <div className="actions">
          <button type="submit" className="primary" disabled={preview.mutation.isPending}>
            Preview
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {preview.mutation.isPending && <p>Previewing…</p>}
        {preview.mutation.data && !preview.mutation.isPending && (
          <PreviewResult preview={preview.mutation.data.preview} basket={preview.mutation.data.basket} />
        )}
      </div>
    </section>
  );
}
