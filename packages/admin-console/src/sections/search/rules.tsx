// Merchandising rules (GET /search/rules, PUT and DELETE /search/rules/{id}): the table of rules, the editor
// under it (rule-editor.tsx) and a delete that asks first. Rules carry no version: a save replaces the rule.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Saved } from '../../ui/form-failure.tsx';
import { QueryView, errorText } from '../../ui/status-views.tsx';
import { flatten, useCategories } from '../catalog/category-query.ts';
import { RuleEditor, rulesKey } from './rule-editor.tsx';

type Rule = components['schemas']['MerchandisingRule'];

const column = columnsOf<Rule>();
const count = (ids: readonly string[]) => (ids.length === 0 ? '—' : String(ids.length));

export function MerchandisingRules(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const canSave = mayCall(session.groups, 'PUT', '/search/rules/{id}');
  const canDelete = mayCall(session.groups, 'DELETE', '/search/rules/{id}');
  const rules = useQuery({
    queryKey: rulesKey,
    queryFn: async () => must(await client.GET('/search/rules')).items,
  });
  // Only to show a category's path instead of its id; the table works without it.
  const categories = useCategories();
  const flat = flatten(categories.data ?? []);
  const categoryName = (id: string) => flat.find((c) => c.node.id === id)?.path ?? id;
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const columns = column.columns([
    column.accessor('id', { header: 'Id', cell: (i) => <span className="mono">{i.getValue()}</span> }),
    column.accessor((r) => r.query ?? '—', { id: 'query', header: 'Query' }),
    column.accessor((r) => (r.category ? categoryName(r.category) : '—'), {
      id: 'category',
      header: 'Category',
    }),
    column.accessor((r) => count(r.pin), { id: 'pin', header: 'Pinned' }),
    column.accessor((r) => count(r.boost), { id: 'boost', header: 'Boosted' }),
    column.accessor((r) => count(r.hide), { id: 'hide', header: 'Hidden' }),
    ...(canSave || canDelete
      ? [
          column.display({
            id: 'change',
            header: 'Change',
            cell: (i) => (
              <>
                {canSave && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setDeleting(null);
                      setEditing(i.row.original);
                    }}
                  >
                    Edit rule {i.row.original.id}
                  </button>
                )}
                {canDelete && (
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={() => {
                      setEditing(null);
                      setDeleting(i.row.original);
                    }}
                  >
                    Delete rule {i.row.original.id}
                  </button>
                )}
              </>
            ),
          }),
        ]
      : []),
  ]);

  return (
    <section aria-labelledby="rules-title" className="panel">
      <div className="title-row">
        <h2 id="rules-title">Merchandising rules</h2>
        {canSave && (
          <button
            type="button"
            onClick={() => {
              setDeleting(null);
              setEditing('new');
            }}
          >
            New rule
          </button>
        )}
      </div>
      <p className="hint">
        Per normalized query, category or both: pinned products come first in the order given (relevance sort
        only), boosted ones rank higher, hidden ones never show. Hidden wins over pinned.
      </p>
      <Saved message={saved} />
      <QueryView query={rules} what="merchandising rules">
        {(items) => (
          <DataTable
            caption="Rules"
            data={items}
            columns={columns}
            rowId={(r) => r.id}
            empty="No rules yet."
          />
        )}
      </QueryView>
      {deleting && (
        <ConfirmDelete
          key={deleting.id}
          rule={deleting}
          onDone={(message) => {
            setSaved(message);
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
      {editing && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          item={editing === 'new' ? null : editing}
          takenIds={(rules.data ?? []).map((r) => r.id)}
          categories={categories}
          onClose={() => setEditing(null)}
          onSaved={(rule) => {
            setSaved(`Saved rule ${rule.id}.`);
            setEditing(null);
          }}
          onReload={async () => {
            await rules.refetch();
          }}
        />
      )}
    </section>
  );
}

/** The question before a delete, which cannot be undone; focus moves to it so a keyboard user hears it. */
function ConfirmDelete(props: { rule: Rule; onDone: (message: string) => void; onCancel: () => void }) {
  const { rule } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const remove = useMutation({
    mutationFn: async () => {
      const result = await client.DELETE('/search/rules/{id}', { params: { path: { id: rule.id } } });
      // Already gone (someone else deleted it): what the person wanted is done.
      if (result.response.status !== 404) must(result);
    },
    onSuccess: async () => {
      props.onDone(`Deleted rule ${rule.id}.`);
      await queryClient.invalidateQueries({ queryKey: rulesKey });
    },
  });
  return (
    <div ref={panel} tabIndex={-1} role="group" aria-labelledby="delete-rule-title" className="panel danger">
      <h3 id="delete-rule-title">Delete rule {rule.id}?</h3>
      <p>Searches stop applying it within seconds. This cannot be undone.</p>
      {remove.isError && (
        <p role="alert" className="alert alert-error">
          Could not delete: {errorText(remove.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          Confirm deletion
        </button>
        <button type="button" onClick={props.onCancel}>
          Keep the rule
        </button>
      </div>
    </div>
  );
}
