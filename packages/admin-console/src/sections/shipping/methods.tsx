// Shipping methods (GET /shipping/methods, PUT /shipping/methods/{id}): per zone and currency, a flat or
// weight-bracket rate, a free-shipping threshold and delivery days; version 0 creates, a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, failureOf, type FormFailure } from '../../ui/form-failure.tsx';
import { formatMoney, toMajorText, toMinorUnits } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';
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

export function Methods(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const [editing, setEditing] = useState<Method | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canSave = mayCall(session.groups, 'PUT', '/shipping/methods/{id}');
  const methods = useQuery({
    queryKey: ['shipping', 'methods'],
    queryFn: async () => must(await client.GET('/shipping/methods')).items,
  });
  const zones = useQuery({
    queryKey: ['shipping', 'zones'],
    queryFn: async () => must(await client.GET('/shipping/zones')).items,
  });
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
    ...(canSave
      ? [
          column.display({
            id: 'edit',
            header: 'Change',
            cell: (i) => (
              <button type="button" className="link-button" onClick={() => setEditing(i.row.original)}>
                Edit method {i.row.original.id}
              </button>
            ),
          }),
        ]
      : []),
  ]);
  return (
    <section aria-labelledby="methods-title">
      <div className="title-row">
        <h1 id="methods-title">Shipping methods</h1>
        {canSave && (
          <button type="button" onClick={() => setEditing('new')}>
            New method
          </button>
        )}
      </div>
      <Saved message={saved} />
      <QueryView query={methods} what="shipping methods">
        {(items) => <DataTable caption="Methods" data={items} columns={columns} rowId={(m) => m.id} />}
      </QueryView>
      {editing && (
        <MethodEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          method={editing === 'new' ? null : editing}
          zones={zones.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setSaved(`Saved method ${m.id} (version ${m.version}).`);
            setEditing(null);
          }}
          onReload={async () => {
            const fresh = await methods.refetch();
            setEditing(editing === 'new' ? null : (fresh.data?.find((m) => m.id === editing.id) ?? null));
          }}
        />
      )}
    </section>
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

function MethodEditor(props: {
  method: Method | null;
  zones: readonly Zone[];
  onClose: () => void;
  onSaved: (m: Method) => void;
  onReload: () => Promise<void>;
}) {
  const { method } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<MethodForm>({ defaultValues: defaults(method, props.zones) });
  const brackets = useFieldArray({ control: form.control, name: 'brackets' });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const rateType = form.watch('rateType');
  const errors = form.formState.errors;

  const save = useMutation({
    mutationFn: async (v: { id: string; body: PutBody }) =>
      must(await client.PUT('/shipping/methods/{id}', { params: { path: { id: v.id } }, body: v.body })),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: ['shipping'] });
      props.onSaved(m);
    },
    onError: (e) => setFailure(failureOf(e, form.setError, resolveField)),
  });

  const submit = form.handleSubmit((v) => {
    setFailure(null);
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
    if (valid) save.mutate({ id: v.id.trim(), body });
  });

  return (
    <form className="panel" noValidate aria-labelledby="method-editor-title" onSubmit={(e) => void submit(e)}>
      <h2 id="method-editor-title">{method ? `Method ${method.id}` : 'New method'}</h2>
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
      <FormAlert failure={failure} onReload={() => void props.onReload()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save
        </button>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
