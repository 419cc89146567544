// Money for people: integer minor units shown in the reader's locale with Intl, without floating point.
// The number of minor digits comes from the currency (Intl knows ISO 4217: EUR 2, JPY 0, KWD 3), and the
// amount reaches Intl as an exact decimal string, so large amounts stay exact to the last unit.

export interface Money {
  /** Integer minor units (cents, yen). */
  readonly amount: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** `amount` minor units as a decimal string with `digits` decimals: (1234, 2) → "12.34". */
export function minorToDecimal(amount: number, digits: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${amount} is not an integer of minor units.`);
  const sign = amount < 0 ? '-' : '';
  const units = BigInt(Math.abs(amount)).toString();
  if (digits === 0) return `${sign}${units}`;
  const padded = units.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** 1234 EUR in "de" → "12,34 €" (with a no-break space, as Intl writes it); 1234 JPY in "en" → "¥1,234". */
export function formatMoney(money: Money, locale: string): string {
  if (!/^[A-Z]{3}$/.test(money.currency))
    throw new RangeError(`"${money.currency}" is not an ISO 4217 code.`);
  const formatter = formatterFor(locale, money.currency);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minorToDecimal(money.amount, digits) as Intl.StringNumericLiteral);
}
