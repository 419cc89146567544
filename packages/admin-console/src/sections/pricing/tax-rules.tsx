// The tax table (GET/PUT /tax-rules): rates per country or region and tax class, and each destination's
// display mode, replaced as a whole with the version read (0 until first set); a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved } from '../../ui/form-failure.tsx';
import { SaveActions, useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime, formatScaled, parseScaled } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';

type TaxTable = components['schemas']['TaxTable'];
type Mode = TaxTable['modes'][number]['mode'];

interface TaxForm {
  rules: { country: string; region: string; taxClass: string; percent: string }[];
  modes: { country: string; region: string; mode: Mode }[];
}

// Rates are parts per million: a percentage with up to four decimals is exactly that many ppm.
const PERCENT_DIGITS = 4;

export function TaxRules(): JSX.Element {
  const { client } = useConsole();
  const query = useQuery({
    queryKey: ['tax-rules'],
    queryFn: async () => must(await client.GET('/tax-rules')),
  });
  return (
    <section aria-labelledby="tax-title">
      <h1 id="tax-title">Tax rules</h1>
      <QueryView query={query} what="the tax table">
        {(table) => <TaxEditor key={table.version} table={table} onReload={() => void query.refetch()} />}
      </QueryView>
    </section>
  );
}

function TaxEditor({ table, onReload }: { table: TaxTable; onReload: () => void }) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useForm<TaxForm>({
    defaultValues: {
      rules: table.rules.map((r) => ({
        country: r.country,
        region: r.region ?? '',
        taxClass: r.taxClass,
        percent: formatScaled(r.ratePpm, PERCENT_DIGITS).replace(/\.?0+$/, ''),
      })),
      modes: table.modes.map((m) => ({ country: m.country, region: m.region ?? '', mode: m.mode })),
    },
  });
  const rules = useFieldArray({ control: form.control, name: 'rules' });
  const modes = useFieldArray({ control: form.control, name: 'modes' });
  const canSave = mayCall(session.groups, 'PUT', '/tax-rules');
  const errors = form.formState.errors;
  const resolve = (name: string) => {
    const m = /^(rules|modes)\.(\d+)\.(country|region|taxClass|ratePpm|mode)$/.exec(name);
    if (!m) return /^(rules|modes)(\.\d+)?$/.test(name) ? name.split('.')[0] : undefined;
    return `${m[1]}.${m[2]}.${m[3] === 'ratePpm' ? 'percent' : m[3]}`;
  };

  const save = useFormSave(form, {
    mutationFn: async (body: Omit<components['schemas']['SetTaxRulesRequest'], 'version'>) =>
      must(await client.PUT('/tax-rules', { body: { version: table.version, ...body } })),
    savedMessage: (next) => `Saved (version ${next.version}).`,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tax-rules'] }),
    resolve,
  });

  const request = (v: TaxForm) => {
    let valid = true;
    const region = (text: string) => (text.trim() ? { region: text.trim().toUpperCase() } : {});
    const parsedRules = v.rules.map((r, i) => {
      const ratePpm = parseScaled(r.percent, PERCENT_DIGITS);
      if (ratePpm === undefined) {
        form.setError(`rules.${i}.percent`, { message: 'A percentage, e.g. 19 or 8.875.' });
        valid = false;
      }
      return {
        country: r.country.trim().toUpperCase(),
        ...region(r.region),
        taxClass: r.taxClass.trim(),
        ratePpm: ratePpm ?? 0,
      };
    });
    const parsedModes = v.modes.map((m) => ({
      country: m.country.trim().toUpperCase(),
      ...region(m.region),
      mode: m.mode,
    }));
    return valid ? { rules: parsedRules, modes: parsedModes } : undefined;
  };

  return (
    <form noValidate onSubmit={save.onSubmit(request)}>
      <p className="hint">
        Version {table.version}
        {table.updatedAt ? `, updated ${formatDateTime(table.updatedAt)}` : ''}. A destination without a rate
        for a tax class, or without a display mode, cannot be sold to.
      </p>
      <Saved message={save.saved} />
      <fieldset disabled={!canSave}>
        <legend>Rates</legend>
        {rules.fields.map((field, i) => (
          <div key={field.id} className="row">
            <Field label={`Rate ${i + 1} country`} error={errors.rules?.[i]?.country?.message} hint="DE, US">
              {(c) => <input {...c} {...form.register(`rules.${i}.country`)} />}
            </Field>
            <Field
              label={`Rate ${i + 1} region`}
              error={errors.rules?.[i]?.region?.message}
              hint="Optional: US-NY"
            >
              {(c) => <input {...c} {...form.register(`rules.${i}.region`)} />}
            </Field>
            <Field label={`Rate ${i + 1} tax class`} error={errors.rules?.[i]?.taxClass?.message}>
              {(c) => <input {...c} {...form.register(`rules.${i}.taxClass`)} />}
            </Field>
            <Field label={`Rate ${i + 1} percent`} error={errors.rules?.[i]?.percent?.message}>
              {(c) => <input {...c} inputMode="decimal" {...form.register(`rules.${i}.percent`)} />}
            </Field>
            <button type="button" className="link-button" onClick={() => rules.remove(i)}>
              Remove rate {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => rules.append({ country: '', region: '', taxClass: 'standard', percent: '' })}
        >
          Add rate
        </button>
      </fieldset>
      <fieldset disabled={!canSave}>
        <legend>Display modes</legend>
        {modes.fields.map((field, i) => (
          <div key={field.id} className="row">
            <Field label={`Mode ${i + 1} country`} error={errors.modes?.[i]?.country?.message}>
              {(c) => <input {...c} {...form.register(`modes.${i}.country`)} />}
            </Field>
            <Field label={`Mode ${i + 1} region`} error={errors.modes?.[i]?.region?.message}>
              {(c) => <input {...c} {...form.register(`modes.${i}.region`)} />}
            </Field>
            <Field label={`Mode ${i + 1}`} error={errors.modes?.[i]?.mode?.message}>
              {(c) => (
                <select {...c} {...form.register(`modes.${i}.mode`)}>
                  <option value="inclusive">Inclusive (prices contain tax)</option>
                  <option value="exclusive">Exclusive (tax added on top)</option>
                </select>
              )}
            </Field>
            <button type="button" className="link-button" onClick={() => modes.remove(i)}>
              Remove mode {i + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => modes.append({ country: '', region: '', mode: 'inclusive' })}>
          Add mode
        </button>
      </fieldset>
      {(errors.rules?.message ?? errors.modes?.message) && (
        <small className="field-error">{errors.rules?.message ?? errors.modes?.message}</small>
      )}
      <FormAlert failure={save.failure} onReload={onReload} />
      {canSave && <SaveActions pending={save.mutation.isPending} />}
    </form>
  );
}
