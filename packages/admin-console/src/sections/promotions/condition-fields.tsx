// The promotion's conditions, all of which must hold: one row each ("Condition 1 kind"), showing the fields
// its kind needs: a minimum subtotal per currency, a minimum quantity of matching items, segments, currencies
// or shipping countries. First order and signed in need none.
import type { JSX } from 'react';
import { useFieldArray } from 'react-hook-form';
import { Field } from '../../ui/field.tsx';
import { MoneyRows, TargetFields, errorOf, type PromotionFormApi } from './promotion-inputs.tsx';
import { CONDITION_LABELS, emptyCondition, type ConditionKind } from './promotion-values.ts';

const MAX_CONDITIONS = 10;

/** The lists typed as text, comma-separated, per kind. */
const VALUE_FIELDS: Partial<Record<ConditionKind, { label: string; hint: string }>> = {
  segment: { label: 'segments', hint: 'Any of these customer segments, comma-separated: vip, staff.' },
  currency: { label: 'currencies', hint: 'Any of these currencies, comma-separated: EUR, CHF.' },
  'shipping-country': {
    label: 'countries',
    hint: 'Any of these ISO country codes, comma-separated: DE, AT.',
  },
};

export function ConditionFields({ form }: { form: PromotionFormApi }): JSX.Element {
  const rows = useFieldArray({ control: form.control, name: 'conditions' });
  const kinds = form.watch('conditions').map((c) => c.kind);
  return (
    <fieldset>
      <legend>Conditions</legend>
      {rows.fields.length === 0 && <p className="hint">No conditions: any basket qualifies.</p>}
      {rows.fields.map((field, i) => {
        const n = i + 1;
        const kind = kinds[i] ?? 'subtotal-at-least';
        const values = VALUE_FIELDS[kind];
        return (
          <div key={field.id} className="variant">
            <div className="row">
              <Field label={`Condition ${n} kind`} error={errorOf(form, `conditions.${i}.kind`)}>
                {(c) => (
                  <select {...c} {...form.register(`conditions.${i}.kind`)}>
                    {Object.entries(CONDITION_LABELS).map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {kind === 'quantity-at-least' && (
                <Field
                  label={`Condition ${n} minimum quantity`}
                  error={errorOf(form, `conditions.${i}.quantity`)}
                  hint="Units of the matching items."
                >
                  {(c) => <input {...c} inputMode="numeric" {...form.register(`conditions.${i}.quantity`)} />}
                </Field>
              )}
              {values && (
                <Field
                  label={`Condition ${n} ${values.label}`}
                  error={errorOf(form, `conditions.${i}.values`)}
                  hint={values.hint}
                >
                  {(c) => <input {...c} autoComplete="off" {...form.register(`conditions.${i}.values`)} />}
                </Field>
              )}
            </div>
            {kind === 'subtotal-at-least' && (
              <MoneyRows
                form={form}
                name={`conditions.${i}.amounts`}
                label={`Condition ${n} minimum subtotal`}
                hint="A basket in a currency not listed does not qualify."
              />
            )}
            {kind === 'quantity-at-least' && (
              <TargetFields form={form} at={`conditions.${i}.target`} label={`Condition ${n}`} />
            )}
            <button type="button" className="link-button" onClick={() => rows.remove(i)}>
              Remove condition {n}
            </button>
          </div>
        );
      })}
      {rows.fields.length < MAX_CONDITIONS && (
        <button type="button" onClick={() => rows.append(emptyCondition())}>
          Add condition
        </button>
      )}
    </fieldset>
  );
}
