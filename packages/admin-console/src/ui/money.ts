// Amounts are integer minor units of their currency (cents, yen, fils); people read and type major units.
// The currency's own number of digits comes from Intl, so JPY has none and KWD three.

export function fractionDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** `12.5` with 2 digits → 1250; undefined for text that is no number or has more digits than allowed. */
export function parseScaled(text: string, digits: number): number | undefined {
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  // Built from the digits as text, never through a float, so 0.29 stays 29.
  return Number(whole + fraction.padEnd(digits, '0'));
}

/** 1250 with 2 digits → `12.50`. */
export function formatScaled(value: number, digits: number): string {
  if (digits === 0) return String(value);
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  return `${value < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** `12.5` in EUR → 1250: what a person types, in the minor units the API wants. */
export function toMinorUnits(text: string, currency: string): number | undefined {
  return parseScaled(text, fractionDigits(currency));
}

/** 1250 in EUR → `12.50`: the text a form field starts with. */
export function toMajorText(minor: number, currency: string): string {
  return formatScaled(minor, fractionDigits(currency));
}

/** An ISO timestamp as a datetime-local input's value (local time, minutes). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as the ISO timestamp the API takes; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
