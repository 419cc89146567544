// One promotion (GET /promotions/{id}): what it has used of its limits (GET /promotions/{id}/usage), a code
// promotion's single-use codes (code-batches.tsx), and the promotion form, saved whole with the version it
// was read at (PUT /promotions/{id}; a 409 offers "Reload"), with its preview against a sample basket.
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { Saved } from '../../ui/form-failure.tsx';
import { formatDateTime, formatMoney } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';
import { CodeBatches } from './code-batches.tsx';
import { PromotionEditor, usePromotionForm, usePromotionSave } from './promotion-form.tsx';
import { PromotionPreview } from './promotion-preview.tsx';
import { statusLabel, triggerLabel } from './promotion-status.ts';
import { valuesOf, type Promotion } from './promotion-values.ts';

const routeApi = getRouteApi('/promotions/$id');

export function PromotionEdit(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="promotion-title"
      crumb={<Link to="/promotions">Promotion list</Link>}
      noun="promotion"
      id={id}
      queryKey={['promotions', 'one', id]}
      load={async (client) => must(await client.GET('/promotions/{id}', { params: { path: { id } } }))}
    >
      {(p, reload) => <PromotionPage promotion={p} onReload={reload} />}
    </DetailPage>
  );
}

function PromotionPage({ promotion, onReload }: { promotion: Promotion; onReload: () => void }) {
  const session = useSession();
  // Kept here, above the form that starts afresh with each version, so a save's message outlives it.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <h1 id="promotion-title">{promotion.name}</h1>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>{statusLabel(promotion.status)}</dd>
        </div>
        <div>
          <dt>Trigger</dt>
          <dd>{triggerLabel(promotion.trigger)}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{promotion.id}</code>
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{promotion.version}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatDateTime(promotion.updatedAt)}</dd>
        </div>
      </dl>
      {mayCall(session.groups, 'GET', '/promotions/{id}/usage') && <Usage promotion={promotion} />}
      {promotion.trigger === 'code' && mayCall(session.groups, 'GET', '/promotions/{id}/code-batches') && (
        <CodeBatches promotionId={promotion.id} />
      )}
      <Saved message={saved} />
      <VersionEditor
        key={promotion.version}
        promotion={promotion}
        canSave={mayCall(session.groups, 'PUT', '/promotions/{id}')}
        onReload={onReload}
        onSaved={setSaved}
      />
    </>
  );
}

/** The form of one version of the promotion, saved with that version (a reload or a save remounts it). */
function VersionEditor(props: {
  promotion: Promotion;
  canSave: boolean;
  onReload: () => void;
  onSaved: (message: string | null) => void;
}) {
  const { promotion } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = usePromotionForm(valuesOf(promotion));
  const save = usePromotionSave(form, {
    write: async (body) =>
      must(
        await client.PUT('/promotions/{id}', {
          params: { path: { id: promotion.id } },
          body: { ...body, version: promotion.version },
        }),
      ),
    onSuccess: async (next) => {
      props.onSaved(`Saved (version ${next.version}).`);
      queryClient.setQueryData(['promotions', 'one', promotion.id], next);
      await queryClient.invalidateQueries({ queryKey: ['promotions', 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['promotions', 'usage', promotion.id] });
    },
  });
  return (
    <>
      <PromotionEditor
        form={form}
        save={save}
        submitLabel="Save promotion"
        canSave={props.canSave}
        onSubmit={() => props.onSaved(null)}
        onReload={props.onReload}
      />
      <PromotionPreview promotionForm={form} />
    </>
  );
}

/** Redemptions (reserved and committed) and budget used, each with what its limit leaves. */
function Usage({ promotion }: { promotion: Promotion }) {
  const { client } = useConsole();
  const query = useQuery({
    queryKey: ['promotions', 'usage', promotion.id],
    queryFn: async () =>
      must(await client.GET('/promotions/{id}/usage', { params: { path: { id: promotion.id } } })),
  });
  const budget = promotion.limits.budget;
  return (
    <section aria-labelledby="usage-title" className="panel">
      <h2 id="usage-title">Usage</h2>
      <QueryView query={query} what="the usage">
        {(usage) => (
          <>
            <p>
              {`Redemptions: ${usage.redemptions} (${
                usage.redemptionsLeft === undefined ? 'no limit' : `${usage.redemptionsLeft} left`
              })`}
            </p>
            <p>
              {budget
                ? `Budget used: ${formatMoney(usage.budgetUsed, budget.currency)} (${
                    usage.budgetLeft === undefined
                      ? 'no limit'
                      : `${formatMoney(usage.budgetLeft, budget.currency)} left`
                  })`
                : 'Budget used: no budget set.'}
            </p>
            <p className="hint">
              Reserved and paid redemptions; one comes back when its order is never paid.
            </p>
          </>
        )}
      </QueryView>
    </section>
  );
}
