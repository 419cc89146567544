// Money as integer minor units of an ISO 4217 currency, and the one rounding rule pricing and promotions
// follow. Pure; no AWS.
//
// Rounding rule: a value that falls between two minor units is rounded to the nearer one, and an exact half
// goes up (round half up; every amount here is non-negative, so this is also half away from zero). It is
// the "commercial" rounding that VAT practice in the EU and UK accepts for tax amounts, and the one a
// customer or an auditor reproduces by hand; banker's rounding (half to even) only pays off when very many
// rounded values are summed, and tax authorities do not ask for it. Divisions run on BigInt, so no step passes
// through floating point, and every result is checked to be a safe integer.
import { UnprocessableError } from './errors.ts';

export interface Money {
  /** Integer number of minor units (cents, pence, yen), never negative in pricing. */
  readonly amount: number;
  /** ISO 4217 alphabetic code, upper case. */
  readonly currency: string;
}

/** Digits after the decimal point (ISO 4217 minor unit) of the currencies pricing accepts. */
const minorUnitDigitsByCurrency: ReadonlyMap<string, number> = new Map([
  ['EUR', 2],
  ['USD', 2],
  ['GBP', 2],
  ['CHF', 2],
  ['CAD', 2],
  ['AUD', 2],
  ['SEK', 2],
  ['NOK', 2],
  ['DKK', 2],
  ['PLN', 2],
  ['CZK', 2],
  ['JPY', 0],
  ['KRW', 0],
  ['KWD', 3],
  ['BHD', 3],
]);

/** The currencies pricing accepts (ISO 4217 codes), for schemas at the boundaries. */
export const SUPPORTED_CURRENCIES: readonly string[] = [...minorUnitDigitsByCurrency.keys()];

/** The currency's minor-unit exponent; refuses a currency pricing does not support. */
export function minorUnitDigits(currency: string): number {
  const digits = minorUnitDigitsByCurrency.get(currency);
  if (digits === undefined) {
    throw new UnprocessableError(`Currency "${currency}" is not supported.`, 'unsupported-currency');
  }
  return digits;
}

export function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Refuses a result too large to stay exact in a JavaScript number. */
export function checkedAmount(value: number | bigint): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) {
    throw new UnprocessableError('An amount is too large to compute exactly.', 'amount-out-of-range');
  }
  if (amount < 0) throw new RangeError(`Amounts are never negative here, got ${amount}.`);
  return amount;
}

export function money(amount: number, currency: string): Money {
  if (!isAmount(amount))
    throw new RangeError(`${amount} is not a non-negative integer number of minor units.`);
  minorUnitDigits(currency);
  return { amount, currency };
}

export function assertSameCurrency(expected: string, actual: Money): void {
  if (actual.currency !== expected) {
    throw new UnprocessableError(
      `An amount in ${actual.currency} cannot be used in a ${expected} calculation.`,
      'currency-mismatch',
    );
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b);
  return { amount: checkedAmount(a.amount + b.amount), currency: a.currency };
}

export function times(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`${quantity} is not a non-negative integer quantity.`);
  }
  return { amount: checkedAmount(BigInt(unit.amount) * BigInt(quantity)), currency: unit.currency };
}

/** numerator / denominator rounded to the nearest integer, an exact half up; both non-negative. */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError('divideRoundingHalfUp takes a non-negative numerator and a positive denominator.');
  }
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: each part is its exact share
 * rounded down, and the units left over go one each to the parts with the largest remainders (the earlier
 * part on a tie). The parts always sum to `total`, each lies within one unit of its exact share, and a part
 * with weight 0 gets nothing.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!isAmount(total)) throw new RangeError(`${total} is not a non-negative integer to allocate.`);
  if (weights.some((w) => !isAmount(w))) throw new RangeError('Weights must be non-negative integers.');
  const weightSum = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total === 0) return weights.map(() => 0);
  if (weightSum === 0n) throw new RangeError(`Cannot allocate ${total} over weights that are all zero.`);

  const shares = weights.map((w) => BigInt(total) * BigInt(w));
  const parts = shares.map((share) => share / weightSum);
  let leftover = BigInt(total) - parts.reduce((sum, p) => sum + p, 0n);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share % weightSum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    parts[index]! += 1n;
    leftover -= 1n;
  }
  return parts.map(Number);
}

/** Splits `total` into `count` parts that sum to it and differ by at most one, larger parts first. */
export function split(total: number, count: number): number[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`Cannot split into ${count} parts.`);
  return allocate(total, new Array<number>(count).fill(1));
}

/** A catalogue promotion's reduction as pricing and search read it from promotion.started. */
export interface UnitOffer {
  readonly currencies?: readonly string[] | undefined;
  readonly reduction:
    | { readonly kind: 'percentage'; readonly basisPoints: number }
    | { readonly kind: 'fixed'; readonly amounts: Readonly<Record<string, number>> };
}

/**
 * What an offer takes off one unit of `unit` minor units in `currency` (undefined: it gives nothing in it):
 * a percentage rounded half up, or the fixed amount up to the unit. The promotions engine gives one unit
 * the same, so the display price and search show what the cart takes off.
 */
export function unitDiscount(offer: UnitOffer, currency: string, unit: number): number | undefined {
  if (offer.currencies && !offer.currencies.includes(currency)) return undefined;
  const { reduction } = offer;
  if (reduction.kind === 'percentage') {
    return Number(divideRoundingHalfUp(BigInt(unit) * BigInt(reduction.basisPoints), 10_000n));
  }
  const amount = Object.hasOwn(reduction.amounts, currency) ? reduction.amounts[currency] : undefined;
  return amount === undefined ? undefined : Math.min(amount, unit);
}
