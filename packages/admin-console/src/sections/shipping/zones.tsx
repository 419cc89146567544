// Shipping zones (GET /shipping/zones, PUT /shipping/zones/{id}): where methods apply, by countries and
// optionally regions; version 0 creates, the version read replaces (a 409 offers "Reload").
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, failureOf, type FormFailure } from '../../ui/form-failure.tsx';
import { QueryView } from '../../ui/status-views.tsx';

type Zone = components['schemas']['ShippingZone'];
interface ZoneForm {
  id: string;
  name: string;
  countries: string;
  regions: string;
}

const codes = (text: string) =>
  text
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

const column = columnsOf<Zone>();

export function Zones(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const [editing, setEditing] = useState<Zone | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canSave = mayCall(session.groups, 'PUT', '/shipping/zones/{id}');
  const query = useQuery({
    queryKey: ['shipping', 'zones'],
    queryFn: async () => must(await client.GET('/shipping/zones')).items,
  });
  const columns = column.columns([
    column.accessor('id', { header: 'Id' }),
    column.accessor('name', { header: 'Name' }),
    column.accessor((z) => z.countries.join(', '), { id: 'countries', header: 'Countries' }),
    column.accessor((z) => (z.regions ?? []).join(', '), { id: 'regions', header: 'Regions' }),
    ...(canSave
      ? [
          column.display({
            id: 'edit',
            header: 'Change',
            cell: (i) => (
              <button type="button" className="link-button" onClick={() => setEditing(i.row.original)}>
                Edit zone {i.row.original.id}
              </button>
            ),
          }),
        ]
      : []),
  ]);
  return (
    <section aria-labelledby="zones-title">
      <div className="title-row">
        <h1 id="zones-title">Shipping zones</h1>
        {canSave && (
          <button type="button" onClick={() => setEditing('new')}>
            New zone
          </button>
        )}
      </div>
      <Saved message={saved} />
      <QueryView query={query} what="shipping zones">
        {(items) => <DataTable caption="Zones" data={items} columns={columns} rowId={(z) => z.id} />}
      </QueryView>
      {editing && (
        <ZoneEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          zone={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(z) => {
            setSaved(`Saved zone ${z.id} (version ${z.version}).`);
            setEditing(null);
          }}
          onReload={async () => {
            const fresh = await query.refetch();
            setEditing(editing === 'new' ? null : (fresh.data?.find((z) => z.id === editing.id) ?? null));
          }}
        />
      )}
    </section>
  );
}

function ZoneEditor(props: {
  zone: Zone | null;
  onClose: () => void;
  onSaved: (z: Zone) => void;
  onReload: () => Promise<void>;
}) {
  const { zone } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<ZoneForm>({
    defaultValues: {
      id: zone?.id ?? '',
      name: zone?.name ?? '',
      countries: zone?.countries.join(', ') ?? '',
      regions: (zone?.regions ?? []).join(', '),
    },
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const save = useMutation({
    mutationFn: async (v: ZoneForm) => {
      const regions = codes(v.regions);
      return must(
        await client.PUT('/shipping/zones/{id}', {
          params: { path: { id: v.id.trim() } },
          body: {
            version: zone?.version ?? 0,
            name: v.name.trim(),
            countries: codes(v.countries),
            ...(regions.length ? { regions } : {}),
          },
        }),
      );
    },
    onSuccess: async (z) => {
      await queryClient.invalidateQueries({ queryKey: ['shipping'] });
      props.onSaved(z);
    },
    // The rate table check names fields inside the whole table (`zones.0.countries`); the list fields show them.
    onError: (e) =>
      setFailure(
        failureOf(e, form.setError, (n) => {
          const field = /(?:^|\.)(name|countries|regions)(?:\.\d+)?$/.exec(n)?.[1];
          return field ?? (n === 'id' ? 'id' : undefined);
        }),
      ),
  });
  const errors = form.formState.errors;
  return (
    <form
      className="panel"
      noValidate
      aria-labelledby="zone-editor-title"
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setFailure(null);
          save.mutate(v);
        })(e)
      }
    >
      <h2 id="zone-editor-title">{zone ? `Zone ${zone.id}` : 'New zone'}</h2>
      <div className="row">
        <Field label="Zone id" error={errors.id?.message} hint="e.g. de">
          {(c) => (
            <input {...c} readOnly={zone !== null} {...form.register('id', { required: 'Required.' })} />
          )}
        </Field>
        <Field label="Zone name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'Required.' })} />}
        </Field>
        <Field label="Countries" error={errors.countries?.message} hint="Comma-separated ISO codes: DE, AT">
          {(c) => <input {...c} {...form.register('countries', { required: 'At least one country.' })} />}
        </Field>
        <Field label="Regions" error={errors.regions?.message} hint="Optional ISO 3166-2 codes: US-AK, US-HI">
          {(c) => <input {...c} {...form.register('regions')} />}
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
