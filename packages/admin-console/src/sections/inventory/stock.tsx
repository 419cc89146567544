// Stock of one SKU (GET /stock/{sku}): totals, each warehouse's level and the ledger, newest first; and an
// adjustment with its reason (POST /stock/{sku}/adjustments), whose sign must suit the reason.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { SkuPage } from '../../ui/sku-picker.tsx';
import { QueryView } from '../../ui/status-views.tsx';

type Stock = components['schemas']['Stock'];
type Level = components['schemas']['StockLevel'];
type LedgerEntry = components['schemas']['LedgerEntry'];
type Reason = components['schemas']['AdjustStockRequest']['reason'];

const REASONS: readonly { value: Reason; label: string }[] = [
  { value: 'received', label: 'Received (+)' },
  { value: 'return', label: 'Return (+)' },
  { value: 'transfer_in', label: 'Transfer in (+)' },
  { value: 'sold', label: 'Sold elsewhere (−)' },
  { value: 'damaged', label: 'Damaged (−)' },
  { value: 'lost', label: 'Lost (−)' },
  { value: 'transfer_out', label: 'Transfer out (−)' },
  { value: 'correction', label: 'Correction (±)' },
];

const routeApi = getRouteApi('/stock');
const levelColumn = columnsOf<Level>();
const levelColumns = levelColumn.columns([
  levelColumn.accessor('warehouseId', { header: 'Warehouse' }),
  levelColumn.accessor('onHand', { header: 'On hand' }),
  levelColumn.accessor('reserved', { header: 'Reserved' }),
  levelColumn.accessor('available', { header: 'Available' }),
]);
const ledgerColumn = columnsOf<LedgerEntry>();
const ledgerColumns = ledgerColumn.columns([
  ledgerColumn.accessor('at', { header: 'When', cell: (i) => formatDateTime(i.getValue()) }),
  ledgerColumn.accessor('warehouseId', { header: 'Warehouse' }),
  ledgerColumn.accessor('delta', {
    header: 'Change',
    cell: (i) => (i.getValue() > 0 ? `+${i.getValue()}` : i.getValue()),
  }),
  ledgerColumn.accessor('reason', { header: 'Reason' }),
  ledgerColumn.accessor('resultingOnHand', { header: 'On hand after' }),
  ledgerColumn.accessor('actor', { header: 'By' }),
  ledgerColumn.accessor((e) => e.note ?? '', { id: 'note', header: 'Note' }),
]);

export function StockPage(): JSX.Element {
  const { sku } = routeApi.useSearch();
  const navigate = useNavigate();
  return (
    <SkuPage
      titleId="stock-title"
      title="Stock"
      sku={sku}
      onPick={(next) => void navigate({ to: '/stock', search: { sku: next } })}
      prompt="Enter a SKU to see its stock and ledger."
    >
      {(picked) => <StockOf sku={picked} />}
    </SkuPage>
  );
}

function StockOf({ sku }: { sku: string }) {
  const { client } = useConsole();
  const session = useSession();
  const query = useQuery({
    queryKey: ['stock', sku],
    queryFn: async () => {
      const result = await client.GET('/stock/{sku}', {
        params: { path: { sku }, query: { ledgerLimit: 50 } },
      });
      // A SKU that never had stock: nothing to show yet, but it can be received.
      if (result.response.status === 404) return null;
      return must(result);
    },
  });
  return (
    <>
      <QueryView query={query} what={`the stock of ${sku}`}>
        {(stock) => (stock ? <StockView stock={stock} /> : <p>{sku} has never had stock.</p>)}
      </QueryView>
      {mayCall(session.groups, 'POST', '/stock/{sku}/adjustments') && <Adjust sku={sku} />}
    </>
  );
}

function StockView({ stock }: { stock: Stock }) {
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Availability</dt>
          <dd>{stock.availability.replaceAll('_', ' ')}</dd>
        </div>
        <div>
          <dt>On hand</dt>
          <dd>{stock.totals.onHand}</dd>
        </div>
        <div>
          <dt>Reserved</dt>
          <dd>{stock.totals.reserved}</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd>{stock.totals.available}</dd>
        </div>
      </dl>
      <DataTable
        caption="Per warehouse"
        data={stock.levels}
        columns={levelColumns}
        rowId={(l) => l.warehouseId}
      />
      <DataTable
        caption="Ledger (newest first)"
        data={stock.ledger}
        columns={ledgerColumns}
        rowId={(e) => `${e.at}-${e.warehouseId}-${e.delta}-${e.resultingOnHand}`}
        empty="No adjustments yet."
      />
    </>
  );
}

interface AdjustForm {
  warehouseId: string;
  delta: string;
  reason: Reason;
  note: string;
}

function Adjust({ sku }: { sku: string }) {
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const warehouses = useQuery({
    queryKey: ['warehouses'],
    queryFn: async () => must(await client.GET('/warehouses')).items,
  });
  const form = useForm<AdjustForm>({
    defaultValues: { warehouseId: '', delta: '', reason: 'received', note: '' },
  });
  const adjust = useFormSave(form, {
    mutationFn: async (v: AdjustForm) =>
      must(
        await client.POST('/stock/{sku}/adjustments', {
          params: { path: { sku } },
          body: {
            warehouseId: v.warehouseId,
            delta: Number(v.delta),
            reason: v.reason,
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      ),
    savedMessage: (result) => `Adjusted: ${result.level.warehouseId} now has ${result.level.onHand} on hand.`,
    onSuccess: async () => {
      form.reset({ ...form.getValues(), delta: '', note: '' });
      await queryClient.invalidateQueries({ queryKey: ['stock', sku] });
    },
    resolve: fieldsNamed('warehouseId', 'delta', 'reason', 'note'),
  });
  const errors = form.formState.errors;
  return (
    <form className="panel" noValidate aria-labelledby="adjust-title" onSubmit={adjust.onSubmit((v) => v)}>
      <h2 id="adjust-title">Adjust stock of {sku}</h2>
      <div className="row">
        <Field label="Warehouse" error={errors.warehouseId?.message}>
          {(c) => (
            <select {...c} {...form.register('warehouseId', { required: 'Choose a warehouse.' })}>
              <option value="">Choose…</option>
              {(warehouses.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Change in units" error={errors.delta?.message} hint="Signed: 10 adds, -2 removes.">
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              {...form.register('delta', {
                required: 'Required.',
                validate: (t) =>
                  (/^-?\d+$/.test(t.trim()) && Number(t) !== 0) || 'A whole number other than 0.',
              })}
            />
          )}
        </Field>
        <Field label="Reason" error={errors.reason?.message}>
          {(c) => (
            <select {...c} {...form.register('reason')}>
              {REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Note" error={errors.note?.message}>
          {(c) => <input {...c} {...form.register('note')} />}
        </Field>
      </div>
      {warehouses.isError && <p role="alert">Could not load the warehouses.</p>}
      <FormAlert
        failure={adjust.failure}
        onReload={() => void queryClient.invalidateQueries({ queryKey: ['stock', sku] })}
      />
      <Saved message={adjust.saved} />
      <button type="submit" className="primary" disabled={adjust.mutation.isPending}>
        Adjust stock
      </button>
    </form>
  );
}
