// The page of a small list whose rows are edited in a panel under it (warehouses, shipping zones and
// methods, price lists): title with "New …", the Saved message, the table with an Edit button per row, and
// the editor, which starts afresh for each row version and, after a 409, edits the row's current version.
import { mayCall, type CommerceClient } from '@commerce/web-kit';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Fragment, useState, type JSX, type ReactNode } from 'react';
import type { FieldValues, UseFormHandleSubmit, UseFormSetError } from 'react-hook-form';
import { useConsole, useSession } from '../app/console.tsx';
import { DataTable, columnsOf, type Columns } from './data-table.tsx';
import { FormAlert, Saved, type FieldResolver } from './form-failure.tsx';
import { SaveActions, useFormSave, type FormSave } from './form-save.tsx';
import { QueryView } from './status-views.tsx';

/** What the page hands its editor. */
export interface EditorProps<T> {
  /** The row to change, or null for a new one. */
  readonly item: T | null;
  readonly onClose: () => void;
  readonly onSaved: (saved: T) => void;
  readonly onReload: () => Promise<void>;
}

export function EditableList<T extends { readonly version: number }>(props: {
  titleId: string;
  title: string;
  /** The button that opens an empty editor, e.g. "New warehouse". */
  newLabel: string;
  /** The route that writes a row: whoever the route table refuses gets no "New …" and no Edit buttons. */
  putRoute: string;
  queryKey: QueryKey;
  load: (client: CommerceClient) => Promise<T[]>;
  /** For the loading and error views: "Loading shipping zones…". */
  what: string;
  caption: string;
  columns: Columns<T>;
  rowId: (row: T) => string;
  /** How buttons and messages name a row: "Edit zone de", "Saved zone de (version 2)." */
  name: (row: T) => string;
  /** The editor as an element, `(p) => <ZoneEditor {...p} />`: called in this render, so no hooks here. */
  editor: (props: EditorProps<T>) => ReactNode;
}): JSX.Element {
  const { rowId, name } = props;
  const { client } = useConsole();
  const session = useSession();
  const canSave = mayCall(session.groups, 'PUT', props.putRoute);
  const query = useQuery({ queryKey: props.queryKey, queryFn: () => props.load(client) });
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const column = columnsOf<T>();
  const columns = canSave
    ? column.columns([
        ...props.columns,
        column.display({
          id: 'edit',
          header: 'Change',
          cell: (i) => (
            <button type="button" className="link-button" onClick={() => setEditing(i.row.original)}>
              Edit {name(i.row.original)}
            </button>
          ),
        }),
      ])
    : props.columns;
  return (
    <section aria-labelledby={props.titleId}>
      <div className="title-row">
        <h1 id={props.titleId}>{props.title}</h1>
        {canSave && (
          <button type="button" onClick={() => setEditing('new')}>
            {props.newLabel}
          </button>
        )}
      </div>
      <Saved message={saved} />
      <QueryView query={query} what={props.what}>
        {(items) => <DataTable caption={props.caption} data={items} columns={columns} rowId={rowId} />}
      </QueryView>
      {editing && (
        // Keyed by row and version: a reloaded row remounts the editor, its form filled with the new values.
        <Fragment key={editing === 'new' ? 'new' : `${rowId(editing)}-${editing.version}`}>
          {props.editor({
            item: editing === 'new' ? null : editing,
            onClose: () => setEditing(null),
            onSaved: (row) => {
              setSaved(`Saved ${name(row)} (version ${row.version}).`);
              setEditing(null);
            },
            onReload: async () => {
              const fresh = await query.refetch();
              setEditing(
                editing === 'new' ? null : (fresh.data?.find((row) => rowId(row) === rowId(editing)) ?? null),
              );
            },
          })}
        </Fragment>
      )}
    </section>
  );
}

/** An editor's write: once saved, the page's list (`listKey`) is read again, then the editor reports it. */
export function useEditorSave<V extends FieldValues, A, T>(
  form: { handleSubmit: UseFormHandleSubmit<V>; setError: UseFormSetError<V> },
  editor: EditorProps<T>,
  options: { mutationFn: (variables: A) => Promise<T>; listKey: QueryKey; resolve: FieldResolver },
): FormSave<V, A, T> {
  const queryClient = useQueryClient();
  return useFormSave(form, {
    mutationFn: options.mutationFn,
    onSuccess: async (saved: T) => {
      await queryClient.invalidateQueries({ queryKey: options.listKey });
      editor.onSaved(saved);
    },
    resolve: options.resolve,
  });
}

/** The editor's panel: a titled form with the write's failure (and "Reload" on a 409), Save and Close. */
export function EditorPanel<V extends FieldValues, A, R>(props: {
  titleId: string;
  title: string;
  save: FormSave<V, A, R>;
  /** What the form sends: `prepare` of useFormSave's onSubmit. */
  prepare: (values: V) => A | undefined;
  /** The page's side: Reload (after a 409) and Close. */
  editor: { readonly onReload: () => Promise<void> | void; readonly onClose: () => void };
  children: ReactNode;
}): JSX.Element {
  const { save, editor } = props;
  return (
    <form
      className="panel"
      noValidate
      aria-labelledby={props.titleId}
      onSubmit={save.onSubmit(props.prepare)}
    >
      <h2 id={props.titleId}>{props.title}</h2>
      {props.children}
      <FormAlert failure={save.failure} onReload={() => void editor.onReload()} />
      <SaveActions pending={save.mutation.isPending} onClose={editor.onClose} />
    </form>
  );
}
