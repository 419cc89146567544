// Dead-letter queues (GET /operations/queues, admins only): what each subscription failed on, the redrive that
// sends it back after a fix (POST /operations/queues/{name}/redrive) and the failed messages themselves.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Saved } from '../../ui/form-failure.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView, errorText } from '../../ui/status-views.tsx';

type Queue = components['schemas']['DeadLetterQueue'];
type Failure = components['schemas']['FailedMessage'];

const queuesKey = ['operations', 'queues'] as const;
const failuresKey = ['operations', 'failures'] as const;
const FAILURES_SHOWN = 50;
/**
 * One call moves at most 500 messages; a click keeps calling while some are left, but stops after this many
 * calls so a consumer that fails again at once cannot keep the button busy for ever.
 */
const MAX_REDRIVE_CALLS = 10;

const queueColumn = columnsOf<Queue>();
const failureColumn = columnsOf<Failure>();

const failureColumns = failureColumn.columns([
  failureColumn.accessor('subscription', { header: 'Subscription' }),
  failureColumn.accessor((f) => f.type ?? '—', { id: 'type', header: 'Event type' }),
  failureColumn.accessor((f) => f.eventId ?? '—', {
    id: 'eventId',
    header: 'Event id',
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  failureColumn.accessor((f) => (f.occurredAt ? formatDateTime(f.occurredAt) : '—'), {
    id: 'occurredAt',
    header: 'Occurred',
  }),
  failureColumn.accessor('receiveCount', { header: 'Tries' }),
  failureColumn.accessor('firstSentAt', { header: 'First sent', cell: (i) => formatDateTime(i.getValue()) }),
]);

export function DeadLetterQueues(): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const canRedrive = mayCall(session.groups, 'POST', '/operations/queues/{name}/redrive');
  const canReadFailures = mayCall(session.groups, 'GET', '/operations/failures');
  const queues = useQuery({
    queryKey: queuesKey,
    queryFn: async () => must(await client.GET('/operations/queues')).items,
  });
  const failures = useQuery({
    queryKey: [...failuresKey, FAILURES_SHOWN],
    queryFn: async () =>
      must(await client.GET('/operations/failures', { params: { query: { limit: FAILURES_SHOWN } } })).items,
    enabled: canReadFailures,
  });
  const redrive = useMutation({
    mutationFn: async (name: string) => {
      let moved = 0;
      let waiting = 0;
      for (let call = 0; call < MAX_REDRIVE_CALLS; call++) {
        const step = must(
          await client.POST('/operations/queues/{name}/redrive', { params: { path: { name } } }),
        );
        moved += step.moved;
        waiting = step.waiting;
        // SQS counts are approximate: a call that moved nothing means nothing more can be moved now.
        if (waiting === 0 || step.moved === 0) break;
      }
      return { moved, waiting };
    },
    onMutate: () => setResult(null),
    onSuccess: ({ moved, waiting }) => setResult(`Moved ${moved}, ${waiting} left`),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queuesKey }),
        queryClient.invalidateQueries({ queryKey: failuresKey }),
      ]);
    },
  });
  const refreshing = queues.isFetching || failures.isFetching;

  const queueColumns = queueColumn.columns([
    queueColumn.accessor('name', { header: 'Subscription' }),
    queueColumn.accessor('service', { header: 'Service' }),
    queueColumn.accessor('waiting', { header: 'Waiting' }),
    queueColumn.accessor('inQueue', { header: 'In queue' }),
    ...(canRedrive
      ? [
          queueColumn.display({
            id: 'redrive',
            header: 'Action',
            cell: (i) =>
              i.row.original.waiting > 0 ? (
                <button
                  type="button"
                  onClick={() => redrive.mutate(i.row.original.name)}
                  disabled={redrive.isPending}
                  aria-busy={redrive.isPending && redrive.variables === i.row.original.name}
                >
                  Redrive {i.row.original.name}
                </button>
              ) : null,
          }),
        ]
      : []),
  ]);

  return (
    <section aria-labelledby="dlq-title">
      <div className="title-row">
        <h1 id="dlq-title">Dead-letter queues</h1>
        <button
          type="button"
          disabled={refreshing}
          onClick={() => {
            void queues.refetch();
            if (canReadFailures) void failures.refetch();
          }}
        >
          Refresh
        </button>
      </div>
      <p className="hint">
        Messages a subscription could not handle after its retries wait in its dead-letter queue. Fix the
        cause first, then redrive them: consumers skip events they already handled. Counts are approximate.
      </p>
      <Saved message={result} />
      {redrive.isError && (
        <p role="alert" className="alert alert-error">
          Could not redrive {redrive.variables}: {errorText(redrive.error)}
        </p>
      )}
      <QueryView query={queues} what="dead-letter queues">
        {(items) => (
          <DataTable
            caption="Subscriptions"
            data={items}
            columns={queueColumns}
            rowId={(q) => q.name}
            empty="No subscriptions."
          />
        )}
      </QueryView>
      {canReadFailures && (
        <>
          <h2>Recent failures</h2>
          <p className="hint">
            The newest {FAILURES_SHOWN} failed messages, read without taking them from their queues.
          </p>
          <QueryView query={failures} what="recent failures">
            {(items) => (
              <DataTable
                caption="Recent failures"
                data={items}
                columns={failureColumns}
                rowId={(f) => `${f.subscription}/${f.messageId}`}
                empty="No failed messages."
              />
            )}
          </QueryView>
        </>
      )}
    </section>
  );
}
