// Shelf prices: what one unit costs in the chosen currency, as the tax mode of its market reads it (gross
// with VAT included in Germany, net with sales tax added at the till in the United States).
import type { DisplayPrice, ProductPrice } from './catalog-data.ts';
import { formatMoney } from './money.ts';

function taxNote(mode: ProductPrice['taxMode']): string {
  return mode === 'inclusive' ? 'incl. VAT' : 'plus tax';
}

/** The amount a shopper compares: gross where tax is included, net where it is added on top. */
export function shelfAmount(item: DisplayPrice, mode: ProductPrice['taxMode']): number {
  return mode === 'inclusive' ? item.total : item.effective;
}

export function UnitPrice({ item, prices }: { item: DisplayPrice; prices: ProductPrice }) {
  const onSale = item.source === 'sale' && item.original > item.effective;
  return (
    <span className="price">
      {onSale && (
        <s className="price-was">
          <span className="visually-hidden">was </span>
          {formatMoney(item.original, prices.currency)}
        </s>
      )}{' '}
      <strong>{formatMoney(shelfAmount(item, prices.taxMode), prices.currency)}</strong>{' '}
      <small>{taxNote(prices.taxMode)}</small>
    </span>
  );
}

/** A card's price: the cheapest variant, "from" when the variants differ. */
export function FromPrice({ prices }: { prices: ProductPrice }) {
  const amounts = prices.items.map((item) => shelfAmount(item, prices.taxMode));
  if (amounts.length === 0) return <span className="price">Not sold in {prices.currency}</span>;
  const lowest = Math.min(...amounts);
  const varies = amounts.some((amount) => amount !== lowest);
  return (
    <span className="price">
      {varies && 'from '}
      <strong>{formatMoney(lowest, prices.currency)}</strong> <small>{taxNote(prices.taxMode)}</small>
    </span>
  );
}
