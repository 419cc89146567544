// Segment price lists (GET /price-lists, PUT /price-lists/{segment}): each segment's priority and its SKU
// prices per currency, replaced as a whole with the version read (0 creates); a 409 offers "Reload".
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { EditableList, EditorPanel, useEditorSave, type EditorProps } from '../../ui/editable-list.tsx';
import { Field } from '../../ui/field.tsx';
import { fieldsNamed } from '../../ui/form-failure.tsx';
import { formatDateTime, toMajorText, toMinorUnits } from '../../ui/money.ts';
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

const columns = column.columns([
  column.accessor('segment', { header: 'Segment' }),
  column.accessor('priority', { header: 'Priority' }),
  column.accessor((l) => l.entries.length, { id: 'entries', header: 'Entries' }),
  column.accessor('updatedAt', { header: 'Updated', cell: (i) => formatDateTime(i.getValue()) }),
]);

export function PriceLists(): JSX.Element {
  return (
    <EditableList
      titleId="price-lists-title"
      title="Price lists"
      newLabel="New price list"
      putRoute="/price-lists/{segment}"
      queryKey={['price-lists']}
      load={async (client) => must(await client.GET('/price-lists')).items}
      what="price lists"
      caption="Segment price lists"
      columns={columns}
      rowId={(l) => l.segment}
      name={(l) => l.segment}
      editor={(props) => <ListEditor {...props} />}
    />
  );
}

function ListEditor(props: EditorProps<PriceList>) {
  const { item: list } = props;
  const { client } = useConsole();
  const form = useForm<ListForm>({
    defaultValues: {
      segment: list?.segment ?? '',
      priority: String(list?.priority ?? 0),
      entries: (list?.entries ?? []).map((e) => ({ ...e, amount: toMajorText(e.amount, e.currency) })),
    },
  });
  const entries = useFieldArray({ control: form.control, name: 'entries' });
  const errors = form.formState.errors;

  const save = useEditorSave(form, props, {
    mutationFn: async (v: { segment: string; priority: number; entries: Entry[] }) =>
      must(
        await client.PUT('/price-lists/{segment}', {
          params: { path: { segment: v.segment } },
          body: { version: list?.version ?? 0, priority: v.priority, entries: v.entries },
        }),
      ),
    listKey: ['price-lists'],
    resolve: resolveField,
  });

  const request = (v: ListForm) => {
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
    return valid ? { segment: v.segment.trim(), priority, entries: parsed } : undefined;
  };

  return (
    <EditorPanel
      titleId="price-list-editor-title"
      title={list ? `Price list ${list.segment}` : 'New price list'}
      save={save}
      prepare={request}
      editor={props}
    >
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
    </EditorPanel>
  );
}
