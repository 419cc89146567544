// The money summary of a cart or an order: subtotal, discounts, shipping, tax and the grand total, with
// tax shown as contained (VAT) or added (sales tax) as the destination's mode says.
import type { components } from '@commerce/api-client';
import { formatMoney } from './money.ts';

type OrderTotals = components['schemas']['Order']['totals'];

export function Totals({
  totals,
  currency,
  estimated = false,
}: {
  totals: OrderTotals;
  currency: string;
  estimated?: boolean;
}) {
  const money = (amount: number) => formatMoney(amount, currency);
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{money(totals.subtotal)}</dd>
      </div>
      {totals.discountTotal > 0 && (
        <div>
          <dt>Discounts</dt>
          <dd>−{money(totals.discountTotal)}</dd>
        </div>
      )}
      <div>
        <dt>Shipping</dt>
        <dd>{money(totals.shipping)}</dd>
      </div>
      <div>
        <dt>
          {totals.taxIncluded ? 'Included tax' : 'Tax'}
          {estimated && ' (estimated until you give an address)'}
        </dt>
        <dd>{money(totals.taxTotal)}</dd>
      </div>
      <div className="grand-total">
        <dt>Total</dt>
        <dd>{money(totals.grandTotal)}</dd>
      </div>
    </dl>
  );
}
