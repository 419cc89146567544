// Warehouses (GET /warehouses, PUT /warehouses/{id}): the list, a new warehouse (no version) and a change of
// name or country (the version read; a 409 offers "Reload").
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { EditableList, EditorPanel, useEditorSave, type EditorProps } from '../../ui/editable-list.tsx';
import { Field } from '../../ui/field.tsx';
import { fieldsNamed } from '../../ui/form-failure.tsx';
import { formatDateTime } from '../../ui/money.ts';

type Warehouse = components['schemas']['Warehouse'];
interface WarehouseForm {
  id: string;
  name: string;
  country: string;
}

const column = columnsOf<Warehouse>();
const columns = column.columns([
  column.accessor('id', { header: 'Id' }),
  column.accessor('name', { header: 'Name' }),
  column.accessor((w) => w.country ?? '', { id: 'country', header: 'Country' }),
  column.accessor('updatedAt', { header: 'Updated', cell: (i) => formatDateTime(i.getValue()) }),
]);
const resolveField = fieldsNamed('name', 'country', 'id');

export function Warehouses(): JSX.Element {
  return (
    <EditableList
      titleId="warehouses-title"
      title="Warehouses"
      newLabel="New warehouse"
      putRoute="/warehouses/{id}"
      queryKey={['warehouses']}
      load={async (client) => must(await client.GET('/warehouses')).items}
      what="warehouses"
      caption="Warehouses"
      columns={columns}
      rowId={(w) => w.id}
      name={(w) => w.name}
      editor={(props) => <WarehouseEditor {...props} />}
    />
  );
}

function WarehouseEditor(props: EditorProps<Warehouse>) {
  const { item: warehouse } = props;
  const { client } = useConsole();
  const form = useForm<WarehouseForm>({
    defaultValues: {
      id: warehouse?.id ?? '',
      name: warehouse?.name ?? '',
      country: warehouse?.country ?? '',
    },
  });
  const save = useEditorSave(form, props, {
    mutationFn: async (v: WarehouseForm) =>
      must(
        await client.PUT('/warehouses/{id}', {
          params: { path: { id: v.id.trim() } },
          body: {
            name: v.name.trim(),
            ...(v.country.trim() ? { country: v.country.trim().toUpperCase() } : {}),
            ...(warehouse ? { version: warehouse.version } : {}),
          },
        }),
      ),
    listKey: ['warehouses'],
    resolve: resolveField,
  });
  const errors = form.formState.errors;
  return (
    <EditorPanel
      titleId="warehouse-editor-title"
      title={warehouse ? `Warehouse ${warehouse.id}` : 'New warehouse'}
      save={save}
      prepare={(v) => v}
      editor={props}
    >
      <div className="row">
        <Field
          label="Warehouse id"
          error={errors.id?.message}
          hint="Letters, digits and hyphens, e.g. berlin."
        >
          {(c) => (
            <input {...c} readOnly={warehouse !== null} {...form.register('id', { required: 'Required.' })} />
          )}
        </Field>
        <Field label="Name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'Required.' })} />}
        </Field>
        <Field label="Country" error={errors.country?.message} hint="Optional, ISO code: DE.">
          {(c) => <input {...c} {...form.register('country')} />}
        </Field>
      </div>
    </EditorPanel>
  );
}
