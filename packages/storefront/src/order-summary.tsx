// An order as the shopper sees it on the confirmation and in their order history: lines, totals and where
// it goes.
import type { Order } from './checkout-attempt.ts';
import { countryName } from './countries.ts';
import { formatMoney } from './money.ts';
import { NumberCell, NumberHeader } from './number-cells.tsx';
import { Totals } from './totals.tsx';

const ORDER_STATUS_TEXT: Record<Order['status'], string> = {
  pending_payment: 'Waiting for payment',
  paid: 'Paid',
  fulfilling: 'Being packed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

/** The order's state in words; an order waiting for its capture has its payment authorized already. */
export function orderStatusText(order: Order): string {
  if (order.status === 'pending_payment' && order.payment.status === 'authorized')
    return 'Payment authorized';
  return ORDER_STATUS_TEXT[order.status];
}

function Address({ address }: { address: Order['shippingAddress'] }) {
  return (
    <address>
      {address.name}
      <br />
      {address.company && (
        <>
          {address.company}
          <br />
        </>
      )}
      {address.line1}
      <br />
      {address.line2 && (
        <>
          {address.line2}
          <br />
        </>
      )}
      {address.postalCode} {address.city}
      {address.region && `, ${address.region}`}
      <br />
      {countryName(address.country)}
    </address>
  );
}

export function OrderSummary({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <div className="order-summary">
      <table className="lines">
        <caption className="visually-hidden">Items in order {order.number}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <NumberHeader>Price</NumberHeader>
            <NumberHeader>Quantity</NumberHeader>
            <NumberHeader>Total</NumberHeader>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.sku}>
              <th scope="row">
                {line.title}
                <div className="sku">SKU {line.sku}</div>
              </th>
              <NumberCell column="Price">{money(line.unitPrice)}</NumberCell>
              <NumberCell column="Quantity">{line.quantity}</NumberCell>
              <NumberCell column="Total">{money(line.lineTotal)}</NumberCell>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="order-facts">
        <section aria-labelledby={`${order.id}-totals`}>
          <h2 id={`${order.id}-totals`}>Totals</h2>
          <Totals totals={order.totals} currency={order.currency} />
        </section>
        <section aria-labelledby={`${order.id}-address`}>
          <h2 id={`${order.id}-address`}>Shipping to</h2>
          <Address address={order.shippingAddress} />
          <p>Confirmation sent to {order.email}.</p>
        </section>
      </div>
    </div>
  );
}
