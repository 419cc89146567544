// Reindex (GET /search/reindex, POST for admins): the latest rebuild of the search index and "Reindex now",
// read again every 2 s while a job runs. Shoppers read the old index until the new one is complete.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { Saved } from '../../ui/form-failure.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView, errorText, statusOf } from '../../ui/status-views.tsx';

type ReindexJob = components['schemas']['ReindexJob'];

const reindexKey = ['search', 'reindex'] as const;
const POLL_MS = 2_000;

const STATUS_TEXT: Record<ReindexJob['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed (the old index stays live)',
};

export function Reindex(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const canStart = mayCall(session.groups, 'POST', '/search/reindex');
  const job = useQuery({
    queryKey: reindexKey,
    queryFn: async (): Promise<ReindexJob | null> => {
      const result = await client.GET('/search/reindex');
      // 404 until the first job: a state to show, not a failure.
      return result.response.status === 404 ? null : must(result);
    },
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const start = useMutation({
    mutationFn: async () => must(await client.POST('/search/reindex')),
    onSuccess: (started) => queryClient.setQueryData(reindexKey, started),
    // A 409 means one is running already: read it, so its status shows and is followed.
    onError: () => queryClient.invalidateQueries({ queryKey: reindexKey }),
  });

  return (
    <section aria-labelledby="reindex-title" className="panel">
      <div className="title-row">
        <h2 id="reindex-title">Reindex</h2>
        {canStart && (
          <button
            type="button"
            className="primary"
            onClick={() => start.mutate()}
            // Not disabled while a job shows as running: the API alone knows whether that job went stale
            // (its worker died) and may be replaced; it answers 409 otherwise.
            disabled={start.isPending}
          >
            Reindex now
          </button>
        )}
      </div>
      <p className="hint">
        Rebuilds the index from the catalog, pricing and inventory into a new index and switches to it when
        complete. Synonyms and rules never need one.
      </p>
      <Saved message={start.isSuccess ? `Reindex ${start.data.id} started.` : null} />
      {start.isError && (
        <p role="alert" className="alert alert-error">
          {statusOf(start.error) === 409
            ? 'A reindex is running already: its status is below.'
            : `Could not start a reindex: ${errorText(start.error)}`}
        </p>
      )}
      <QueryView query={job} what="the latest reindex">
        {(latest) => (latest ? <JobFacts job={latest} /> : <p className="empty">No reindex has run yet.</p>)}
      </QueryView>
    </section>
  );
}

function JobFacts({ job }: { job: ReindexJob }) {
  return (
    <dl className="facts">
      <div>
        <dt>Status</dt>
        <dd>{STATUS_TEXT[job.status]}</dd>
      </div>
      <div>
        <dt>Documents</dt>
        <dd>{job.documents}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{formatDateTime(job.startedAt)}</dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>{job.finishedAt ? formatDateTime(job.finishedAt) : '—'}</dd>
      </div>
      <div>
        <dt>Index</dt>
        <dd>
          <code>{job.index}</code>
        </dd>
      </div>
      {job.error && (
        <div>
          <dt>Error</dt>
          <dd>{job.error}</dd>
        </div>
      )}
    </dl>
  );
}
