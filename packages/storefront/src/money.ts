// Money as the API gives it (integer minor units of a currency) shown as people read it.
const formats = new Map<string, Intl.NumberFormat>();

function formatFor(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    // The pages are in English; a fixed locale also keeps the text the browser tests read stable.
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/** 2500 EUR → "€25.00", 500 JPY → "¥500": the currency's own number of decimals. */
export function formatMoney(minor: number, currency: string): string {
  const format = formatFor(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
