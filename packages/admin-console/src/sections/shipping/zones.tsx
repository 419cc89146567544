// Shipping zones (GET /shipping/zones, PUT /shipping/zones/{id}): where methods apply, by countries and
// optionally regions; version 0 creates, the version read replaces (a 409 offers "Reload").
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { EditableList, EditorPanel, useEditorSave, type EditorProps } from '../../ui/editable-list.tsx';
import { Field } from '../../ui/field.tsx';

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
const columns = column.columns([
  column.accessor('id', { header: 'Id' }),
  column.accessor('name', { header: 'Name' }),
  column.accessor((z) => z.countries.join(', '), { id: 'countries', header: 'Countries' }),
  column.accessor((z) => (z.regions ?? []).join(', '), { id: 'regions', header: 'Regions' }),
]);

export function Zones(): JSX.Element {
  return (
    <EditableList
      titleId="zones-title"
      title="Shipping zones"
      newLabel="New zone"
      putRoute="/shipping/zones/{id}"
      queryKey={['shipping', 'zones']}
      load={async (client) => must(await client.GET('/shipping/zones')).items}
      what="shipping zones"
      caption="Zones"
      columns={columns}
      rowId={(z) => z.id}
      name={(z) => `zone ${z.id}`}
      editor={(props) => <ZoneEditor {...props} />}
    />
  );
}

// The rate table check names fields inside the whole table (`zones.0.countries`); the list fields show them.
function resolveField(name: string): string | undefined {
  const field = /(?:^|\.)(name|countries|regions)(?:\.\d+)?$/.exec(name)?.[1];
  return field ?? (name === 'id' ? 'id' : undefined);
}

function ZoneEditor(props: EditorProps<Zone>) {
  const { item: zone } = props;
  const { client } = useConsole();
  const form = useForm<ZoneForm>({
    defaultValues: {
      id: zone?.id ?? '',
      name: zone?.name ?? '',
      countries: zone?.countries.join(', ') ?? '',
      regions: (zone?.regions ?? []).join(', '),
    },
  });
  const save = useEditorSave(form, props, {
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
    listKey: ['shipping'],
    resolve: resolveField,
  });
  const errors = form.formState.errors;
  return (
    <EditorPanel
      titleId="zone-editor-title"
      title={zone ? `Zone ${zone.id}` : 'New zone'}
      save={save}
      prepare={(v) => v}
      editor={props}
    >
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
    </EditorPanel>
  );
}
