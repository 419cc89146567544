// Shipping methods (GET /shipping/methods, PUT /shipping/methods/{id}): per zone and currency, a flat or
// weight-bracket rate, a free-shipping threshold and delivery days; version 0 creates, a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { useQuery } from '@tanstack/react-query';
import type { JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { EditableList, EditorPanel, useEditorSave, type EditorProps } from '../../ui/editable-list.tsx';
import { Field } from '../../ui/field.tsx';
import { formatMoney, toMajorText, toMinorUnits } from '../../ui/money.ts';
import { CURRENCIES } from '../pricing/currencies.ts';

type Method = components['schemas']['ShippingMethod'];
type Zone = components['schemas']['ShippingZone'];
type PutBody = components['schemas']['PutMethodRequest'];

interface MethodForm {
  id: string;
  zoneId: string;
  name: string;
  carrier: string;
  currency: string;
  rateType: 'flat' | 'weight';
  flatAmount: string;
  brackets: { upToGrams: string; amount: string }[];
  freeOver: string;
  minDays: string;
  maxDays: string;
}

const column = columnsOf<Method>();

function rateText(m: Method): string {
  if (m.rate.type === 'flat') return formatMoney(m.rate.amount, m.currency);
  return m.rate.brackets
    .map(
      (b) =>
        `${b.upToGrams === undefined ? 'heavier' : `≤ ${b.upToGrams} g`}: ${formatMoney(b.amount, m.currency)}`,
    )
    .join('; ');
}

const columns = column.columns([
  column.accessor('id', { header: 'Id' }),
  column.accessor('name', { header: 'Name' }),
  column.accessor('zoneId', { header: 'Zone' }),
  column.accessor('carrier', { header: 'Carrier' }),
  column.accessor((m) => rateText(m), { id: 'rate', header: 'Rate' }),
  column.accessor((m) => (m.freeOver === undefined ? '' : formatMoney(m.freeOver, m.currency)), {
    id: 'freeOver',
    header: 'Free from',
  }),
  column.accessor((m) => `${m.minDays}–${m.maxDays}`, { id: 'days', header: 'Days' }),
]);

export function Methods(): JSX.Element {
  const { client } = useConsole();
  const zones = useQuery({
    queryKey: ['shipping', 'zones'],
    queryFn: async () => must(await client.GET('/shipping/zones')).items,
  });
  return (
    <EditableList
      titleId="methods-title"
      title="Shipping methods"
      newLabel="New method"
      putRoute="/shipping/methods/{id}"
      queryKey={['shipping', 'methods']}
      load={async (client) => must(await client.GET('/shipping/methods')).items}
      what="shipping methods"
      caption="Methods"
      columns={columns}
      rowId={(m) => m.id}
      name={(m) => `method ${m.id}`}
      editor={(props) => <MethodEditor {...props} zones={zones.data ?? []} />}
    />
  );
}

function defaults(m: Method | null, zones: readonly Zone[]): MethodForm {
  const currency = m?.currency ?? 'EUR';
  return {
    id: m?.id ?? '',
    zoneId: m?.zoneId ?? zones[0]?.id ?? '',
    name: m?.name ?? '',
    carrier: m?.carrier ?? '',
    currency,
    rateType: m?.rate.type ?? 'flat',
    flatAmount: m?.rate.type === 'flat' ? toMajorText(m.rate.amount, currency) : '',
    brackets:
      m?.rate.type === 'weight'
        ? m.rate.brackets.map((b) => ({
            upToGrams: b.upToGrams?.toString() ?? '',
            amount: toMajorText(b.amount, currency),
          }))
        : [],
    freeOver: m?.freeOver === undefined ? '' : toMajorText(m.freeOver, currency),
    minDays: String(m?.minDays ?? 1),
    maxDays: String(m?.maxDays ?? 3),
  };
}

/** API field (body or the rate table's `methods.N.…`) → this form's field. */
function resolveField(name: string): string | undefined {
  const path = name.replace(/^methods\.\d+\./, '');
  if (/^(id|zoneId|name|carrier|currency|freeOver|minDays|maxDays)$/.test(path)) return path;
  if (path === 'rate.amount') return 'flatAmount';
  const bracket = /^rate\.brackets\.(\d+)\.(upToGrams|amount)$/.exec(path);
  if (bracket) return `brackets.${bracket[1]}.${bracket[2]}`;
  return path.startsWith('rate') ? 'rateType' : undefined;
}

function MethodEditor(props: EditorProps<Method> & { zones: readonly Zone[] }) {
  const { item: method } = props;
  const { client } = useConsole();
  const form = useForm<MethodForm>({ defaultValues: defaults(method, props.zones) });
  const brackets = useFieldArray({ control: form.control, name: 'brackets' });
  const rateType = form.watch('rateType');
  const errors = form.formState.errors;

  const save = useEditorSave(form, props, {
    mutationFn: async (v: { id: string; body: PutBody }) =>
      must(await client.PUT('/shipping/methods/{id}', { params: { path: { id: v.id } }, body: v.body })),
    listKey: ['shipping'],
    resolve: resolveField,
  });

  const request = (v: MethodForm) => {
    let valid = true;
    const money = (text: string, field: Parameters<typeof form.setError>[0]) => {
      const minor = toMinorUnits(text, v.currency);
      if (minor === undefined) {
        form.setError(field, { message: `An amount in ${v.currency}.` });
        valid = false;
      }
      return minor ?? 0;
    };
    const rate: PutBody['rate'] =
      v.rateType === 'flat'
        ? { type: 'flat', amount: money(v.flatAmount, 'flatAmount') }
        : {
            type: 'weight',
            brackets: v.brackets.map((b, i) => ({
              ...(b.upToGrams.trim() ? { upToGrams: Number(b.upToGrams) } : {}),
              amount: money(b.amount, `brackets.${i}.amount`),
            })),
          };
    const body: PutBody = {
      version: method?.version ?? 0,
      zoneId: v.zoneId,
      name: v.name.trim(),
      ...(v.carrier.trim() ? { carrier: v.carrier.trim() } : {}),
      currency: v.currency,
      rate,
      ...(v.freeOver.trim() ? { freeOver: money(v.freeOver, 'freeOver') } : {}),
      minDays: Number(v.minDays),
      maxDays: Number(v.maxDays),
    };
    return valid ? { id: v.id.trim(), body } : undefined;
  };

  return (
    <EditorPanel
      titleId="method-editor-title"
      title={method ? `Method ${method.id}` : 'New method'}
      save={save}
      prepare={request}
      editor={props}
    >
      <div className="row">
        <Field label="Method id" error={errors.id?.message} hint="e.g. de-standard">
          {(c) => (
            <input {...c} readOnly={method !== null} {...form.register('id', { required: 'Required.' })} />
          )}
        </Field>
        <Field label="Method name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'Required.' })} />}
        </Field>
        <Field label="Zone" error={errors.zoneId?.message}>
          {(c) => (
            <select {...c} {...form.register('zoneId', { required: 'Choose a zone.' })}>
              {props.zones.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.name} ({z.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Carrier" error={errors.carrier?.message} hint="Empty: the stage's default carrier.">
          {(c) => <input {...c} {...form.register('carrier')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message}>
          {(c) => (
            <select {...c} {...form.register('currency')}>
              {CURRENCIES.map((cur) => (
                <option key={cur}>{cur}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Rate type" error={errors.rateType?.message}>
          {(c) => (
            <select {...c} {...form.register('rateType')}>
              <option value="flat">Flat</option>
              <option value="weight">By weight</option>
            </select>
          )}
        </Field>
      </div>
      {rateType === 'flat' ? (
        <Field label="Flat rate amount" error={errors.flatAmount?.message}>
          {(c) => <input {...c} inputMode="decimal" {...form.register('flatAmount')} />}
        </Field>
      ) : (
        <fieldset>
          <legend>Weight brackets</legend>
          {brackets.fields.map((field, i) => (
            <div key={field.id} className="row">
              <Field
                label={`Bracket ${i + 1} up to grams`}
                error={errors.brackets?.[i]?.upToGrams?.message}
                hint="Empty on the last: heavier."
              >
                {(c) => <input {...c} inputMode="numeric" {...form.register(`brackets.${i}.upToGrams`)} />}
              </Field>
              <Field label={`Bracket ${i + 1} amount`} error={errors.brackets?.[i]?.amount?.message}>
                {(c) => <input {...c} inputMode="decimal" {...form.register(`brackets.${i}.amount`)} />}
              </Field>
              <button type="button" className="link-button" onClick={() => brackets.remove(i)}>
                Remove bracket {i + 1}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => brackets.append({ upToGrams: '', amount: '' })}>
            Add bracket
          </button>
        </fieldset>
      )}
      <div className="row">
        <Field label="Free from subtotal" error={errors.freeOver?.message} hint="Optional.">
          {(c) => <input {...c} inputMode="decimal" {...form.register('freeOver')} />}
        </Field>
        <Field label="Minimum days" error={errors.minDays?.message}>
          {(c) => <input {...c} inputMode="numeric" {...form.register('minDays')} />}
        </Field>
        <Field label="Maximum days" error={errors.maxDays?.message}>
          {(c) => <input {...c} inputMode="numeric" {...form.register('maxDays')} />}
        </Field>
      </div>
    </EditorPanel>
  );
}
