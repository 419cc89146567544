// The Codes panel of a code promotion: generate a batch of single-use codes (POST
// /promotions/{id}/code-batches, written in the background), the batches with their progress (read again
// every 2 s while one is generating) and "Download CSV", which reads every page of a batch's export into one
// file.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView, errorText } from '../../ui/status-views.tsx';
import { codesCsv, saveCsv } from './codes-download.ts';

type CodeBatch = components['schemas']['CodeBatch'];

const POLL_MS = 2_000;
const MAX_COUNT = 1_000_000;

const STATUS_TEXT: Record<CodeBatch['status'], string> = {
  generating: 'Generating',
  done: 'Done',
  failed: 'Failed (retried by itself; if it stays failed, generate another batch)',
};

const numbers = new Intl.NumberFormat();

const column = columnsOf<CodeBatch>();
const columns = column.columns([
  column.accessor('createdAt', { header: 'Created', cell: (i) => formatDateTime(i.getValue()) }),
  column.accessor((b) => b.prefix || '—', { id: 'prefix', header: 'Prefix' }),
  column.accessor((b) => `${numbers.format(b.generated)} of ${numbers.format(b.count)}`, {
    id: 'progress',
    header: 'Generated',
  }),
  column.accessor('status', { header: 'Status', cell: (i) => STATUS_TEXT[i.getValue()] }),
  column.display({ id: 'download', header: 'Export', cell: (i) => <Download batch={i.row.original} /> }),
]);

export function CodeBatches({ promotionId }: { promotionId: string }): JSX.Element {
  const { client } = useConsole();
  const session = useSession();
  const queryKey = ['promotions', 'code-batches', promotionId];
  const batches = useQuery({
    queryKey,
    queryFn: async () =>
      must(await client.GET('/promotions/{id}/code-batches', { params: { path: { id: promotionId } } }))
        .items,
    refetchInterval: (query) => (query.state.data?.some((b) => b.status === 'generating') ? POLL_MS : false),
  });
  return (
    <section aria-labelledby="codes-title" className="panel">
      <h2 id="codes-title">Single-use codes</h2>
      <p className="hint">
        Single-use codes, each good for one order, besides the promotion’s shared codes. A batch of up to a
        million is written in the background.
      </p>
      {mayCall(session.groups, 'POST', '/promotions/{id}/code-batches') && (
        <Generate promotionId={promotionId} queryKey={queryKey} />
      )}
      <QueryView query={batches} what="the code batches">
        {(items) => (
          <DataTable
            caption="Code batches (newest first)"
            data={items}
            columns={columns}
            rowId={(b) => b.id}
            empty="No single-use codes yet."
          />
        )}
      </QueryView>
    </section>
  );
}

interface GenerateForm {
  count: string;
  prefix: string;
}

function Generate({ promotionId, queryKey }: { promotionId: string; queryKey: readonly unknown[] }) {
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<GenerateForm>({ defaultValues: { count: '', prefix: '' } });
  const generate = useFormSave(form, {
    mutationFn: async (body: { count: number; prefix: string }) =>
      must(
        await client.POST('/promotions/{id}/code-batches', {
          params: { path: { id: promotionId } },
          body: { count: body.count, ...(body.prefix ? { prefix: body.prefix } : {}) },
        }),
      ),
    savedMessage: (batch) => `Generating ${numbers.format(batch.count)} codes.`,
    onSuccess: async () => {
      form.reset({ count: '', prefix: '' });
      await queryClient.invalidateQueries({ queryKey });
    },
    resolve: fieldsNamed('count', 'prefix'),
  });
  const errors = form.formState.errors;
  return (
    <form
      noValidate
      aria-label="Generate codes"
      onSubmit={generate.onSubmit((v) => ({ count: Number(v.count), prefix: v.prefix.trim().toUpperCase() }))}
    >
      <div className="row">
        <Field label="Number of codes" error={errors.count?.message} hint="1 to 1,000,000.">
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              {...form.register('count', {
                required: 'Required.',
                validate: (t) =>
                  (/^\d+$/.test(t.trim()) && Number(t) >= 1 && Number(t) <= MAX_COUNT) ||
                  'A whole number from 1 to 1,000,000.',
              })}
            />
          )}
        </Field>
        <Field
          label="Code prefix"
          error={errors.prefix?.message}
          hint="Optional: up to 8 letters and digits."
        >
          {(c) => (
            <input
              {...c}
              autoCapitalize="characters"
              {...form.register('prefix', {
                validate: (t) => /^[A-Za-z0-9]{0,8}$/.test(t.trim()) || 'Up to 8 letters and digits.',
              })}
            />
          )}
        </Field>
      </div>
      <FormAlert failure={generate.failure} />
      <Saved message={generate.saved} />
      <button type="submit" className="primary" disabled={generate.mutation.isPending}>
        Generate codes
      </button>
    </form>
  );
}

/** "Download CSV": every page of the batch's codes read, then saved as one file. */
function Download({ batch }: { batch: CodeBatch }) {
  const { client } = useConsole();
  const [read, setRead] = useState(0);
  const download = useMutation({
    mutationFn: async () => {
      setRead(0);
      const csv = await codesCsv(client, batch.promotionId, batch.id, setRead);
      saveCsv(csv, `codes-${batch.prefix ? `${batch.prefix}-` : ''}${batch.id}.csv`);
    },
  });
  if (batch.generated === 0) return <span>—</span>;
  return (
    <>
      <button
        type="button"
        onClick={() => download.mutate()}
        disabled={download.isPending}
        aria-label={`Download CSV of batch ${batch.id}`}
      >
        Download CSV
      </button>
      <span role="status">
        {download.isPending ? ` Reading codes: ${numbers.format(read)}…` : ''}
        {download.isError ? ` Could not download: ${errorText(download.error)}` : ''}
      </span>
    </>
  );
}
