// The promotion form used to create and to edit: name, status, schedule, priority, trigger and codes, the
// combination rule, conditions (condition-fields.tsx), the action (action-fields.tsx) and limits. Its write
// puts the API's field errors at their fields, and a code another promotion holds at "Codes".
import { ApiProblem, problemSlug } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../../ui/field.tsx';
import { FormAlert } from '../../ui/form-failure.tsx';
import { useFormSave, type FormSave } from '../../ui/form-save.tsx';
import { ActionFields } from './action-fields.tsx';
import { ConditionFields } from './condition-fields.tsx';
import { bodyOf, promotionFieldResolver } from './promotion-body.ts';
import { CurrencySelect, errorOf, StatusOptions, type PromotionFormApi } from './promotion-inputs.tsx';
import { TRIGGERS, triggerLabel } from './promotion-status.ts';
import { CLASS_LABELS, type Promotion, type PromotionBody, type PromotionForm } from './promotion-values.ts';

export type PromotionSave = FormSave<PromotionForm, PromotionBody, Promotion>;

export function usePromotionForm(defaults: PromotionForm): PromotionFormApi {
  return useForm<PromotionForm>({ defaultValues: defaults });
}

/** The form's write: `write` sends the body (POST or PUT); the rest is as every console form. */
export function usePromotionSave(
  form: PromotionFormApi,
  options: {
    write: (body: PromotionBody) => Promise<Promotion>;
    onSuccess: (saved: Promotion) => unknown;
  },
): PromotionSave {
  return useFormSave(form, {
    mutationFn: async (body: PromotionBody) => {
      try {
        return await options.write(body);
      } catch (error) {
        // A 409 that names no field: the codes are the only thing another promotion can hold.
        if (error instanceof ApiProblem && problemSlug(error.problem) === 'promotion-code-taken') {
          form.setError('codes', { type: 'server', message: 'A code here belongs to another promotion.' });
        }
        throw error;
      }
    },
    onSuccess: options.onSuccess,
    resolve: promotionFieldResolver(() => form.getValues()),
  });
}

/** The whole form: the fields, the write's failure ("Reload" after a 409) and the submit button. */
export function PromotionEditor(props: {
  form: PromotionFormApi;
  save: PromotionSave;
  submitLabel: string;
  /** False for a person the route table does not let write: the fields show, disabled, with no button. */
  canSave: boolean;
  /** Called as the form is sent, before it is checked: the page clears its "Saved" message. */
  onSubmit?: () => void;
  onReload?: () => void;
}): JSX.Element {
  const { form, save } = props;
  const prepare = (values: PromotionForm) => {
    const { body, problems } = bodyOf(values);
    for (const [path, message] of problems) form.setError(path, { message });
    return problems.length === 0 ? body : undefined;
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        // Errors of an earlier attempt may sit on fields no longer shown; left, they would block this one.
        form.clearErrors();
        props.onSubmit?.();
        save.onSubmit(prepare)(event);
      }}
    >
      <fieldset disabled={!props.canSave} className="plain">
        <PromotionFields form={form} />
      </fieldset>
      <FormAlert failure={save.failure} onReload={props.onReload} />
      {props.canSave && (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.mutation.isPending}>
            {props.submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}

function PromotionFields({ form }: { form: PromotionFormApi }) {
  const { register } = form;
  const trigger = form.watch('trigger');
  const combination = form.watch('combination');
  const budgetCurrency = form.watch('budgetCurrency');
  return (
    <>
      <fieldset>
        <legend>Promotion</legend>
        <div className="row">
          <Field label="Name" error={errorOf(form, 'name')} hint="Staff see it; carts will show it.">
            {(c) => <input {...c} {...register('name')} />}
          </Field>
          <Field label="Status" error={errorOf(form, 'status')} hint="Only an active promotion applies.">
            {(c) => (
              <select {...c} {...register('status')}>
                <StatusOptions />
              </select>
            )}
          </Field>
          <Field label="Priority" error={errorOf(form, 'priority')} hint="0-1000; higher is tried first.">
            {(c) => <input {...c} inputMode="numeric" {...register('priority')} />}
          </Field>
        </div>
        <div className="row">
          <Field label="Starts at" error={errorOf(form, 'startsAt')} hint="Your local time; empty: now.">
            {(c) => <input {...c} type="datetime-local" {...register('startsAt')} />}
          </Field>
          <Field label="Ends at" error={errorOf(form, 'endsAt')} hint="Not included; empty: no end.">
            {(c) => <input {...c} type="datetime-local" {...register('endsAt')} />}
          </Field>
        </div>
        <div className="row">
          <Field label="Trigger" error={errorOf(form, 'trigger')}>
            {(c) => (
              <select {...c} {...register('trigger')}>
                {TRIGGERS.map((t) => (
                  <option key={t} value={t}>
                    {triggerLabel(t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {trigger === 'automatic' && (
            <Field
              label="Badge"
              error={errorOf(form, 'badge')}
              hint="Shown on product and search pages with the struck-through price: only for an automatic promotion off items, with no condition but currency. Empty: none."
            >
              {(c) => <input {...c} maxLength={40} {...register('badge')} />}
            </Field>
          )}
          {trigger === 'code' && (
            <Field
              label="Codes"
              error={errorOf(form, 'codes')}
              hint='Up to 20 shared codes, comma-separated or one per line: 3-32 letters, digits, "-" or "_", any case.'
            >
              {(c) => <textarea {...c} rows={3} className="mono" {...register('codes')} />}
            </Field>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>Combination</legend>
        <Field label="Combination" error={errorOf(form, 'combination')}>
          {(c) => (
            <select {...c} {...register('combination')}>
              <option value="combinable">Combinable with the classes ticked below</option>
              <option value="exclusive">Exclusive: only when no other applied, and none after it</option>
              <option value="stop">Stop: applies after the others, then none after it</option>
            </select>
          )}
        </Field>
        {combination === 'combinable' && (
          <fieldset>
            <legend>Combines with</legend>
            <div className="checks">
              {Object.entries(CLASS_LABELS).map(([value, text]) => (
                <label key={value} className="check">
                  <input type="checkbox" value={value} {...register('combinesWith')} /> {text}
                </label>
              ))}
            </div>
            <p className="hint">
              Two promotions combine only when each ticks the other's class: order off is Order, shipping off
              Shipping, every other action Items.
            </p>
          </fieldset>
        )}
      </fieldset>

      <ConditionFields form={form} />
      <ActionFields form={form} />

      <fieldset>
        <legend>Limits</legend>
        <p className="hint">Empty: no limit.</p>
        <div className="row">
          <Field label="Total redemptions" error={errorOf(form, 'redemptions')}>
            {(c) => <input {...c} inputMode="numeric" {...register('redemptions')} />}
          </Field>
          <Field
            label="Per customer"
            error={errorOf(form, 'perCustomer')}
            hint="Uses per signed-in customer, or per guest email."
          >
            {(c) => <input {...c} inputMode="numeric" {...register('perCustomer')} />}
          </Field>
          <Field
            label="Budget currency"
            error={errorOf(form, 'budgetCurrency')}
            hint="With a budget the promotion applies in this currency only."
          >
            {(c) => (
              <CurrencySelect control={{ ...c, ...register('budgetCurrency') }} current={budgetCurrency} />
            )}
          </Field>
          <Field
            label="Budget amount"
            error={errorOf(form, 'budgetAmount')}
            hint="The most it may give in all."
          >
            {(c) => <input {...c} inputMode="decimal" {...register('budgetAmount')} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
