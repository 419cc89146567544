// The promotion's one action ("Action") and the fields its kind needs: the items it targets, a reduction (a
// percentage typed in percent, or fixed amounts per currency), a set's size and price, buy and get counts, the
// shipping methods, or the tiers of a tiered discount.
import type { JSX } from 'react';
import { useFieldArray } from 'react-hook-form';
import { Field } from '../../ui/field.tsx';
import { MoneyRows, TargetFields, errorOf, type PromotionFormApi } from './promotion-inputs.tsx';
import { ACTION_LABELS, emptyTier, type ActionKind } from './promotion-values.ts';

const MAX_TIERS = 10;
const TARGETED: readonly ActionKind[] = ['items-off', 'set-price', 'buy-x-get-y', 'tiered'];
const REDUCED: readonly ActionKind[] = ['items-off', 'order-off', 'shipping-off'];

/** What a fixed reduction means for each kind that has one. */
const FIXED_HINTS: Partial<Record<ActionKind, string>> = {
  'items-off': 'Off each matching unit.',
  'order-off': 'Off the order, spread over its lines.',
  'shipping-off': 'Off the shipping amount.',
};

export function ActionFields({ form }: { form: PromotionFormApi }): JSX.Element {
  const { register } = form;
  const kind = form.watch('action.kind');
  const reduction = form.watch('action.reduction');
  const whole = (
    label: string,
    name: 'action.size' | 'action.buy' | 'action.get' | 'action.maxSets',
    hint?: string,
  ) => (
    <Field label={label} error={errorOf(form, name)} hint={hint}>
      {(c) => <input {...c} inputMode="numeric" {...register(name)} />}
    </Field>
  );
  return (
    <fieldset>
      <legend>Action</legend>
      <div className="row">
        <Field label="Action" error={errorOf(form, 'action.kind')}>
          {(c) => (
            <select {...c} {...register('action.kind')}>
              {Object.entries(ACTION_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        {REDUCED.includes(kind) && (
          <Field label="Reduction" error={errorOf(form, 'action.reduction')}>
            {(c) => (
              <select {...c} {...register('action.reduction')}>
                <option value="percentage">Percentage</option>
                <option value="fixed">Fixed amount</option>
              </select>
            )}
          </Field>
        )}
        {((REDUCED.includes(kind) && reduction === 'percentage') || kind === 'buy-x-get-y') && (
          <Field
            label="Percent off"
            error={errorOf(form, 'action.percent')}
            hint={kind === 'buy-x-get-y' ? 'Off each "get" unit; 100: free.' : '10 for 10 %; 100: free.'}
          >
            {(c) => <input {...c} inputMode="decimal" {...register('action.percent')} />}
          </Field>
        )}
        {kind === 'set-price' && whole('Set size', 'action.size', 'Units in one set: 3 in "3 for 20.00".')}
        {kind === 'buy-x-get-y' && (
          <>
            {whole('Buy', 'action.buy', 'Units bought at full price in each set.')}
            {whole('Get', 'action.get', 'Units discounted in each set.')}
            <Field label="Discounted units" error={errorOf(form, 'action.pick')}>
              {(c) => (
                <select {...c} {...register('action.pick')}>
                  <option value="cheapest">The cheapest of each set</option>
                  <option value="most-expensive">The most expensive of each set</option>
                </select>
              )}
            </Field>
          </>
        )}
        {(kind === 'set-price' || kind === 'buy-x-get-y') &&
          whole('Maximum sets', 'action.maxSets', 'Empty: as many as the basket holds.')}
        {kind === 'shipping-off' && (
          <Field
            label="Shipping methods"
            error={errorOf(form, 'action.methods')}
            hint="Method ids, comma-separated; empty: every method."
          >
            {(c) => <input {...c} autoComplete="off" {...register('action.methods')} />}
          </Field>
        )}
        {kind === 'tiered' && (
          <Field label="Tiers by" error={errorOf(form, 'action.by')}>
            {(c) => (
              <select {...c} {...register('action.by')}>
                <option value="subtotal">Subtotal of the matching items</option>
                <option value="quantity">Quantity of the matching items</option>
              </select>
            )}
          </Field>
        )}
      </div>
      {((REDUCED.includes(kind) && reduction === 'fixed') || kind === 'set-price') && (
        <MoneyRows
          form={form}
          name="action.amounts"
          label="Action amount"
          hint={
            kind === 'set-price'
              ? 'What one set costs. A basket in a currency not listed gets nothing.'
              : `${FIXED_HINTS[kind] ?? ''} A basket in a currency not listed gets nothing.`
          }
        />
      )}
      {TARGETED.includes(kind) && <TargetFields form={form} at="action.target" label="Action" />}
      {kind === 'tiered' && <Tiers form={form} />}
    </fieldset>
  );
}

/** The tiers of a tiered action: each a threshold (a quantity, or a subtotal per currency) and its percent. */
function Tiers({ form }: { form: PromotionFormApi }) {
  const rows = useFieldArray({ control: form.control, name: 'action.tiers' });
  const by = form.watch('action.by');
  return (
    <fieldset>
      <legend>Tiers</legend>
      <p className="hint">The highest tier the matching items reach gives its percentage.</p>
      {rows.fields.map((field, k) => {
        const n = k + 1;
        return (
          <div key={field.id} className="variant">
            {by === 'subtotal' && (
              <MoneyRows
                form={form}
                name={`action.tiers.${k}.amounts`}
                label={`Tier ${n} minimum subtotal`}
              />
            )}
            <div className="row">
              {by === 'quantity' && (
                <Field
                  label={`Tier ${n} minimum quantity`}
                  error={errorOf(form, `action.tiers.${k}.quantity`)}
                >
                  {(c) => (
                    <input {...c} inputMode="numeric" {...form.register(`action.tiers.${k}.quantity`)} />
                  )}
                </Field>
              )}
              <Field
                label={`Tier ${n} percent off`}
                error={errorOf(form, `action.tiers.${k}.percent`)}
                hint="10 for 10 %."
              >
                {(c) => <input {...c} inputMode="decimal" {...form.register(`action.tiers.${k}.percent`)} />}
              </Field>
            </div>
            {rows.fields.length > 1 && (
              <button type="button" className="link-button" onClick={() => rows.remove(k)}>
                Remove tier {n}
              </button>
            )}
          </div>
        );
      })}
      {rows.fields.length < MAX_TIERS && (
        <button type="button" onClick={() => rows.append(emptyTier())}>
          Add tier
        </button>
      )}
    </fieldset>
  );
}
