// The inputs the promotion editor repeats: amounts per currency (one row each, the amount's label naming its
// currency: "Action amount (EUR)"), the items a condition or an action targets, and the lookup of a field's
// error at any depth of the form.
import type { JSX } from 'react';
import { useFieldArray, type UseFormRegisterReturn, type UseFormReturn } from 'react-hook-form';
import { Field, type ControlProps } from '../../ui/field.tsx';
import { CURRENCIES } from '../pricing/currencies.ts';
import { PROMOTION_STATUSES, statusLabel } from './promotion-status.ts';
import { moneyRow, type FormPath, type PromotionForm } from './promotion-values.ts';

export type PromotionFormApi = UseFormReturn<PromotionForm>;

/** One option per promotion status (the list's filter and the form's Status). */
export function StatusOptions(): JSX.Element {
  return (
    <>
      {PROMOTION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {statusLabel(s)}
        </option>
      ))}
    </>
  );
}

/** The message of a field's error, wherever the field sits. */
export function errorOf(form: PromotionFormApi, path: FormPath): string | undefined {
  return form.getFieldState(path, form.formState).error?.message;
}

/** The currencies pricing sells in, plus `current` when it is another (so opening a promotion keeps it). */
export function CurrencySelect(props: {
  control: ControlProps & UseFormRegisterReturn;
  current: string;
}): JSX.Element {
  const options = CURRENCIES.some((c) => c === props.current) ? CURRENCIES : [props.current, ...CURRENCIES];
  return (
    <select {...props.control}>
      {options.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  );
}

export type MoneyListPath =
  `conditions.${number}.amounts` | 'action.amounts' | `action.tiers.${number}.amounts`;

interface MoneyRowsProps {
  form: PromotionFormApi;
  name: MoneyListPath;
  label: string;
  hint?: string;
}

/**
 * Amounts per currency under `name`, one row per currency; at least one row stays. `label` names them:
 * "Action amount" gives "Action amount 1 currency" and "Action amount (EUR)".
 */
export function MoneyRows(props: MoneyRowsProps): JSX.Element {
  // Keyed by the path: when a condition or tier above is removed, this list's path moves, and a field array
  // does not follow a changed name.
  return <MoneyRowList key={props.name} {...props} />;
}

function MoneyRowList(props: MoneyRowsProps) {
  const { form, name, label } = props;
  const rows = useFieldArray({ control: form.control, name });
  const values = form.watch(name);
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  const unused = CURRENCIES.find((c) => !values.some((r) => r.currency === c));
  return (
    <div>
      {rows.fields.map((field, j) => {
        const currency = values[j]?.currency ?? 'EUR';
        return (
          <div key={field.id} className="row">
            <Field label={`${label} ${j + 1} currency`} error={errorOf(form, `${name}.${j}.currency`)}>
              {(c) => (
                <CurrencySelect
                  control={{ ...c, ...form.register(`${name}.${j}.currency`) }}
                  current={currency}
                />
              )}
            </Field>
            <Field
              label={`${label} (${currency})`}
              error={errorOf(form, `${name}.${j}.amount`)}
              hint={props.hint}
            >
              {(c) => <input {...c} inputMode="decimal" {...form.register(`${name}.${j}.amount`)} />}
            </Field>
            {rows.fields.length > 1 && (
              <button type="button" className="link-button" onClick={() => rows.remove(j)}>
                Remove {currency} from {lower}
              </button>
            )}
          </div>
        );
      })}
      {unused && (
        <button type="button" onClick={() => rows.append(moneyRow(unused))}>
          Add a currency to {lower}
        </button>
      )}
    </div>
  );
}

/** The items a condition or action counts: SKUs, product ids and category ids, comma-separated. */
export function TargetFields(props: {
  form: PromotionFormApi;
  at: 'action.target' | `conditions.${number}.target`;
  /** "Action" or "Condition 2": the inputs are "Action SKUs", "Condition 2 category ids"… */
  label: string;
}): JSX.Element {
  const { form, at, label } = props;
  return (
    <div className="row">
      <Field
        label={`${label} SKUs`}
        error={errorOf(form, `${at}.skus`)}
        hint="Comma-separated. Items match when any list holds them; all three empty: every item."
      >
        {(c) => <input {...c} autoComplete="off" {...form.register(`${at}.skus`)} />}
      </Field>
      <Field label={`${label} product ids`} error={errorOf(form, `${at}.productIds`)}>
        {(c) => <input {...c} autoComplete="off" {...form.register(`${at}.productIds`)} />}
      </Field>
      <Field
        label={`${label} category ids`}
        error={errorOf(form, `${at}.categoryIds`)}
        hint="A category matches its subcategories too."
      >
        {(c) => <input {...c} autoComplete="off" {...form.register(`${at}.categoryIds`)} />}
      </Field>
    </div>
  );
}
