// Segment price lists (GET /price-lists, PUT /price-lists/{segment}): each segment's priority and its SKU
// prices per currency, replaced as a whole with the version read (0 creates); a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, failureOf, fieldsNamed, type FormFailure } from '../../ui/form-failure.tsx';
import { formatDateTime, toMajorText, toMinorUnits } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';
import { CURRENCIES, isCurrency, type Currency } from './currencies.ts';

type PriceList = components['schemas']['PriceList'];
type Entry = components['schemas']['SetPriceListRequest']['entries'][number];

interface ListForm {
  segment: string;
  priority: string;
  entries: { sku: string; currency: string; amount: string }[];
}

const resolveField = fieldsNamed('priority', 'entries', /entries\.\d+\.(sku|currency|amount)/);
const column = columnsOf<PriceList>();

export function PriceLists(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const [editing, setEditing] = useState<PriceList | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['price-lists'],
    queryFn: async () => must(await client.GET('/price-lists')).items,
  });
  const canSave = mayCall(session.groups, 'PUT', '/price-lists/{segment}');
  const columns = column.columns([
    column.accessor('segment', { header: 'Segment' }),
    column.accessor('priority', { header: 'Priority' }),
    column.accessor((l) => l.entries.length, { id: 'entries', header: 'Entries' }),
    column.accessor('updatedAt', { header: 'Updated', cell: (i) => formatDateTime(i.getValue()) }),
    column.display({
      id: 'edit',
      header: 'Change',
      cell: (i) => (
        <button type="button" className="link-button" onClick={() => setEditing(i.row.original)}>
          Edit {i.row.original.segment}
        </button>
      ),
    }),
  ]);
  return (
    <section aria-labelledby="price-lists-title">
      <div className="title-row">
        <h1 id="price-lists-title">Price lists</h1>
        {canSave && (
          <button type="button" onClick={() => setEditing('new')}>
            New price list
          </button>
        )}
      </div>
      <Saved message={saved} />
      <QueryView query={query} what="price lists">
        {(lists) => (
          <>
            <DataTable
              caption="Segment price lists"
              data={lists}
              columns={columns}
              rowId={(l) => l.segment}
            />
            {editing && (
              <ListEditor
                key={editing === 'new' ? 'new' : `${editing.segment}-${editing.version}`}
                list={editing === 'new' ? null : editing}
                onClose={() => setEditing(null)}
                onSaved={(next) => {
                  setSaved(`Saved ${next.segment} (version ${next.version}).`);
                  setEditing(null);
                }}
                onReload={async () => {
                  const fresh = await query.refetch();
                  const current =
                    editing === 'new' ? undefined : fresh.data?.find((l) => l.segment === editing.segment);
                  setEditing(current ?? null);
                }}
              />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function ListEditor(props: {
  list: PriceList | null;
  onClose: () => void;
  onSaved: (list: PriceList) => void;
  onReload: () => Promise<void>;
}) {
  const { list } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<ListForm>({
    defaultValues: {
      segment: list?.segment ?? '',
      priority: String(list?.priority ?? 0),
      entries: (list?.entries ?? []).map((e) => ({ ...e, amount: toMajorText(e.amount, e.currency) })),
    },
  });
  const entries = useFieldArray({ control: form.control, name: 'entries' });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const errors = form.formState.errors;

  const save = useMutation({
    mutationFn: async (v: { segment: string; priority: number; entries: Entry[] }) =>
      must(
        await client.PUT('/price-lists/{segment}', {
          params: { path: { segment: v.segment } },
          body: { version: list?.version ?? 0, priority: v.priority, entries: v.entries },
        }),
      ),
    onSuccess: async (next) => {
      await queryClient.invalidateQueries({ queryKey: ['price-lists'] });
      props.onSaved(next);
    },
    onError: (e) => setFailure(failureOf(e, form.setError, resolveField)),
  });

  const submit = form.handleSubmit((v) => {
    setFailure(null);
    let valid = true;
    const parsed = v.entries.map((e, i) => {
      const currency: Currency = isCurrency(e.currency) ? e.currency : 'EUR';
      const amount = toMinorUnits(e.amount, currency);
      if (amount === undefined) {
        form.setError(`entries.${i}.amount`, { message: `An amount in ${currency}.` });
        valid = false;
      }
      return { sku: e.sku.trim(), currency, amount: amount ?? 0 };
    });
    const priority = Number(v.priority);
    if (!Number.isInteger(priority)) {
      form.setError('priority', { message: 'A whole number.' });
      valid = false;
    }
    if (valid) save.mutate({ segment: v.segment.trim(), priority, entries: parsed });
  });

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="price-list-editor-title"
    >
      <h2 id="price-list-editor-title">{list ? `Price list ${list.segment}` : 'New price list'}</h2>
      <div className="row">
        <Field label="Segment" error={errors.segment?.message} hint="The customer segment, e.g. vip.">
          {(c) => (
            <input {...c} readOnly={list !== null} {...form.register('segment', { required: 'Required.' })} />
          )}
        </Field>
        <Field
          label="Priority"
          error={errors.priority?.message}
          hint="Among a customer's segments the higher wins."
        >
          {(c) => <input {...c} inputMode="numeric" {...form.register('priority')} />}
        </Field>
      </div>
      {entries.fields.map((field, i) => (
        <div key={field.id} className="row">
          <Field label={`Entry ${i + 1} SKU`} error={errors.entries?.[i]?.sku?.message}>
            {(c) => <input {...c} {...form.register(`entries.${i}.sku`, { required: 'Required.' })} />}
          </Field>
          <Field label={`Entry ${i + 1} currency`} error={errors.entries?.[i]?.currency?.message}>
            {(c) => (
              <select {...c} {...form.register(`entries.${i}.currency`)}>
                {CURRENCIES.map((cur) => (
                  <option key={cur}>{cur}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`Entry ${i + 1} amount`} error={errors.entries?.[i]?.amount?.message}>
            {(c) => <input {...c} inputMode="decimal" {...form.register(`entries.${i}.amount`)} />}
          </Field>
          <button type="button" className="link-button" onClick={() => entries.remove(i)}>
            Remove entry {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => entries.append({ sku: '', currency: 'EUR', amount: '' })}>
        Add entry
      </button>
      {errors.entries?.message && <small className="field-error">{errors.entries.message}</small>}
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
