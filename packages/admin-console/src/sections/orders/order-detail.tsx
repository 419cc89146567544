// One order (GET /orders/{id}): its status as text, lines, totals, payment with refunds, shipment, addresses
// and status history; cancel and refund where the route table and the order's state allow them.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { formatDateTime, formatMoney } from '../../ui/money.ts';
import { CancelOrder, RefundOrder, canCancel, refundable } from './order-actions.tsx';
import { statusLabel } from './order-status.ts';

type Order = components['schemas']['Order'];
type Line = Order['lines'][number];
type Refund = NonNullable<Order['refunds']>[number];
type Step = Order['history'][number];
type Address = components['schemas']['PostalAddress'];

const routeApi = getRouteApi('/orders/$id');

export function OrderDetail(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="order-title"
      crumb={<Link to="/orders">Order list</Link>}
      noun="order"
      id={id}
      queryKey={['orders', 'one', id]}
      load={async (client) => must(await client.GET('/orders/{id}', { params: { path: { id } } }))}
    >
      {(order) => <OrderView order={order} />}
    </DetailPage>
  );
}

function OrderView({ order }: { order: Order }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const money = (minor: number) => formatMoney(minor, order.currency);
  // Kept here: the action forms start afresh with each new version of the order, their message would go.
  const [notice, setNotice] = useState<string | null>(null);
  const updated = (next: Order, message: string) => {
    setNotice(message);
    queryClient.setQueryData(['orders', 'one', order.id], next);
    void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
  };
  const lineColumn = columnsOf<Line>();
  const lineColumns = lineColumn.columns([
    lineColumn.accessor('sku', { header: 'SKU' }),
    lineColumn.accessor('title', { header: 'Item' }),
    lineColumn.accessor('quantity', { header: 'Quantity' }),
    lineColumn.accessor('unitPrice', { header: 'Unit price', cell: (i) => money(i.getValue()) }),
    lineColumn.accessor('discount', { header: 'Discount', cell: (i) => money(i.getValue()) }),
    lineColumn.accessor('tax', { header: 'Tax', cell: (i) => money(i.getValue()) }),
    lineColumn.accessor('lineTotal', { header: 'Total', cell: (i) => money(i.getValue()) }),
  ]);
  const refundColumn = columnsOf<Refund>();
  const refundColumns = refundColumn.columns([
    refundColumn.accessor('requestedAt', { header: 'Asked', cell: (i) => formatDateTime(i.getValue()) }),
    refundColumn.accessor('amount', { header: 'Amount', cell: (i) => money(i.getValue()) }),
    refundColumn.accessor('status', { header: 'Result' }),
    refundColumn.accessor('actor', { header: 'By' }),
    refundColumn.accessor((r) => r.failure ?? '', { id: 'failure', header: 'Failure' }),
  ]);
  const stepColumn = columnsOf<Step>();
  const stepColumns = stepColumn.columns([
    stepColumn.accessor('at', { header: 'When', cell: (i) => formatDateTime(i.getValue()) }),
    stepColumn.accessor('status', { header: 'Status', cell: (i) => statusLabel(i.getValue()) }),
    stepColumn.accessor((s) => s.reason ?? '', { id: 'reason', header: 'Reason' }),
    stepColumn.accessor((s) => s.actor ?? '', { id: 'actor', header: 'By' }),
  ]);

  const mayCancel = mayCall(session.groups, 'POST', '/orders/{id}/cancel') && canCancel(order);
  const mayRefund = mayCall(session.groups, 'POST', '/orders/{id}/refunds') && refundable(order) > 0;

  return (
    <>
      <h1 id="order-title">Order {order.number}</h1>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd id="order-status" data-status={order.status}>
            {statusLabel(order.status)}
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>{formatDateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{order.contact.email}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            {order.customerId ? (
              mayCall(session.groups, 'GET', '/customers/{id}') ? (
                <Link to="/customers/$id" params={{ id: order.customerId }}>
                  Customer profile
                </Link>
              ) : (
                order.customerId
              )
            ) : (
              'Guest'
            )}
          </dd>
        </div>
        <div>
          <dt>Shipping method</dt>
          <dd>{order.shippingMethod}</dd>
        </div>
      </dl>

      <DataTable caption="Lines" data={order.lines} columns={lineColumns} rowId={(l) => l.sku} />

      <div className="two-columns">
        <section aria-labelledby="totals-title" className="panel">
          <h2 id="totals-title">Totals</h2>
          <dl className="sums">
            <dt>Subtotal</dt>
            <dd>{money(order.totals.subtotal)}</dd>
            <dt>Discounts</dt>
            <dd>{money(order.totals.discountTotal)}</dd>
            <dt>Shipping</dt>
            <dd>{money(order.totals.shipping)}</dd>
            <dt>Tax{order.totals.taxIncluded ? ' (included)' : ''}</dt>
            <dd>{money(order.totals.taxTotal)}</dd>
            <dt>Grand total</dt>
            <dd>
              <strong>{money(order.totals.grandTotal)}</strong>
            </dd>
          </dl>
        </section>
        <section aria-labelledby="payment-title" className="panel">
          <h2 id="payment-title">Payment</h2>
          <dl className="sums">
            <dt>Payment status</dt>
            <dd>{statusLabel(order.payment.status)}</dd>
            <dt>Provider</dt>
            <dd>{order.payment.provider}</dd>
            <dt>Authorized</dt>
            <dd>{money(order.payment.authorizedAmount)}</dd>
            <dt>Captured</dt>
            <dd>{money(order.payment.capturedAmount)}</dd>
            <dt>Refunded</dt>
            <dd>{money(order.payment.refundedAmount)}</dd>
          </dl>
        </section>
      </div>

      {(order.refunds ?? []).length > 0 && (
        <DataTable caption="Refunds" data={order.refunds ?? []} columns={refundColumns} rowId={(r) => r.id} />
      )}

      <div className="two-columns">
        <AddressView title="Shipping address" address={order.shippingAddress} />
        <AddressView title="Billing address" address={order.billingAddress} />
      </div>

      {order.shipment && (
        <section aria-labelledby="shipment-title" className="panel">
          <h2 id="shipment-title">Shipment</h2>
          <p>
            {order.shipment.carrier} · tracking {order.shipment.trackingNumber} ·{' '}
            {statusLabel(order.shipment.status)}
          </p>
        </section>
      )}

      <DataTable
        caption="Status history"
        data={order.history}
        columns={stepColumns}
        rowId={(s) => `${s.at}-${s.status}`}
      />

      <p role="status" className="saved">
        {notice}
      </p>
      {mayRefund && <RefundOrder key={`refund-${order.version}`} order={order} onDone={updated} />}
      {mayCancel && <CancelOrder key={`cancel-${order.version}`} order={order} onDone={updated} />}
    </>
  );
}

function AddressView({ title, address }: { title: string; address: Address }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <address>
        {address.name}
        {address.company && <>, {address.company}</>}
        <br />
        {address.line1}
        {address.line2 && <>, {address.line2}</>}
        <br />
        {address.postalCode} {address.city}
        {address.region && <>, {address.region}</>}
        <br />
        {address.country}
        {address.phone && (
          <>
            <br />
            {address.phone}
          </>
        )}
      </address>
    </section>
  );
}
