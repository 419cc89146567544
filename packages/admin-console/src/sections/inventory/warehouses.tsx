// Warehouses (GET /warehouses, PUT /warehouses/{id}): the list, a new warehouse (no version) and a change of
// name or country (the version read; a 409 offers "Reload").
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, failureOf, fieldsNamed, type FormFailure } from '../../ui/form-failure.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';

type Warehouse = components['schemas']['Warehouse'];
interface WarehouseForm {
  id: string;
  name: string;
  country: string;
}

const column = columnsOf<Warehouse>();
const resolveField = fieldsNamed('name', 'country', 'id');

export function Warehouses(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canSave = mayCall(session.groups, 'PUT', '/warehouses/{id}');
  const query = useQuery({
    queryKey: ['warehouses'],
    queryFn: async () => must(await client.GET('/warehouses')).items,
  });
  const columns = column.columns([
    column.accessor('id', { header: 'Id' }),
    column.accessor('name', { header: 'Name' }),
    column.accessor((w) => w.country ?? '', { id: 'country', header: 'Country' }),
    column.accessor('updatedAt', { header: 'Updated', cell: (i) => formatDateTime(i.getValue()) }),
    ...(canSave
      ? [
          column.display({
            id: 'edit',
            header: 'Change',
            cell: (i) => (
              <button type="button" className="link-button" onClick={() => setEditing(i.row.original)}>
                Edit {i.row.original.name}
              </button>
            ),
          }),
        ]
      : []),
  ]);
  return (
    <section aria-labelledby="warehouses-title">
      <div className="title-row">
        <h1 id="warehouses-title">Warehouses</h1>
        {canSave && (
          <button type="button" onClick={() => setEditing('new')}>
            New warehouse
          </button>
        )}
      </div>
      <Saved message={saved} />
      <QueryView query={query} what="warehouses">
        {(items) => <DataTable caption="Warehouses" data={items} columns={columns} rowId={(w) => w.id} />}
      </QueryView>
      {editing && (
        <WarehouseEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          warehouse={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(w) => {
            setSaved(`Saved ${w.name} (version ${w.version}).`);
            setEditing(null);
          }}
          onReload={async () => {
            const fresh = await query.refetch();
            setEditing(editing === 'new' ? null : (fresh.data?.find((w) => w.id === editing.id) ?? null));
          }}
        />
      )}
    </section>
  );
}

function WarehouseEditor(props: {
  warehouse: Warehouse | null;
  onClose: () => void;
  onSaved: (w: Warehouse) => void;
  onReload: () => Promise<void>;
}) {
  const { warehouse } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<WarehouseForm>({
    defaultValues: {
      id: warehouse?.id ?? '',
      name: warehouse?.name ?? '',
      country: warehouse?.country ?? '',
    },
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const save = useMutation({
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
    onSuccess: async (w) => {
      await queryClient.invalidateQueries({ queryKey: ['warehouses'] });
      props.onSaved(w);
    },
    onError: (e) => setFailure(failureOf(e, form.setError, resolveField)),
  });
  const errors = form.formState.errors;
  return (
    <form
      className="panel"
      noValidate
      aria-labelledby="warehouse-editor-title"
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setFailure(null);
          save.mutate(v);
        })(e)
      }
    >
      <h2 id="warehouse-editor-title">{warehouse ? `Warehouse ${warehouse.id}` : 'New warehouse'}</h2>
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
