// Shelf prices: what one unit costs in the chosen currency, as the tax mode of its market reads it (gross
// with VAT included in Germany, net with sales tax added at the till in the United States), with the badge
// of a catalogue promotion that lowers it and the price it lowers struck through.
import type { DisplayPrice, ProductPrice } from './catalog-data.ts';
import { formatMoney } from './money.ts';
import type { SearchHit } from './search-data.ts';

type TaxMode = ProductPrice['taxMode'];

function taxNote(mode: TaxMode): string {
  return mode === 'inclusive' ? 'incl. VAT' : 'plus tax';
}

/**
 * The amount a shopper compares: gross where tax is included, net where it is added on top; after a
 * catalogue promotion (its `final` reads like `effective`, which is gross where tax is included).
 */
export function shelfAmount(item: DisplayPrice, mode: TaxMode): number {
  if (item.promotion) return item.promotion.final;
  return mode === 'inclusive' ? item.total : item.effective;
}

/** A catalogue promotion's badge ("Sale"), beside the price it lowers. */
export function Badge({ text }: { text: string }) {
  return <span className="badge">{text}</span>;
}

export function UnitPrice({ item, prices }: { item: DisplayPrice; prices: ProductPrice }) {
  const reduced = item.original > shelfAmount(item, prices.taxMode);
  return (
    <span className="price">
      {item.promotion && (
        <>
          <Badge text={item.promotion.badge} />{' '}
        </>
      )}
      {reduced && (
        <s className="price-was">
          <span className="visually-hidden">was </span>
          {formatMoney(item.original, prices.currency)}
        </s>
      )}{' '}
      {reduced && <span className="visually-hidden">now </span>}
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

/**
 * A search result's price: the lowest its variants cost the shopper, with the base price it is reduced from
 * struck through. Price-book amounts are shelf amounts already (gross where tax is included, net where it is
 * added), so only the note depends on `taxMode`, shown once it is known.
 */
export function OfferPrice({
  price,
  taxMode,
}: {
  price: NonNullable<SearchHit['price']>;
  taxMode?: TaxMode;
}) {
  const was =
    price.listAmount !== undefined && price.listAmount > price.amount ? price.listAmount : undefined;
  return (
    <span className="price">
      {price.badge !== undefined && (
        <>
          <Badge text={price.badge} />{' '}
        </>
      )}
      {was !== undefined && (
        <>
          <s className="price-was">
            <span className="visually-hidden">was </span>
            {formatMoney(was, price.currency)}
          </s>{' '}
          <span className="visually-hidden">now </span>
        </>
      )}
      <strong>{formatMoney(price.amount, price.currency)}</strong>
      {taxMode && (
        <>
          {' '}
          <small>{taxNote(taxMode)}</small>
        </>
      )}
    </span>
  );
}
