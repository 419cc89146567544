// Shipping zones, methods and their rates, and the rate quote for a cart. Pure; no AWS.
//
// Every amount is an integer of minor units of the method's currency and never negative; weights are whole
// grams. The rules of a quote:
// - the destination falls in at most one zone: a zone that lists the destination's region beats a zone that
//   covers its whole country; no zone means nothing ships there (an empty list, not an error);
// - only the methods of that zone in the cart's currency are offered (no exchange rates here);
// - a flat rate costs its amount; a weight rate costs the amount of the first bracket whose `upToGrams`
//   is at or above the cart's weight (inclusive), and a cart heavier than the last closed bracket cannot
//   use the method;
// - a method with `freeOver` costs 0 when the cart's subtotal is at or above that threshold;
// - the offers are sorted by price, then by the fastest delivery, then by method id.
import {
  RuleViolationError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from '@commerce/lambda-kit/errors';

export interface Zone {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly countries: readonly string[];
  /**
   * ISO 3166-2 codes ('US-AK', 'DE-BY'), each of one of `countries`. A zone with regions covers exactly
   * those regions; a zone without covers its countries wholly, except regions another zone names.
   */
  readonly regions?: readonly string[];
}

export interface FlatRate {
  readonly type: 'flat';
  readonly amount: number;
}

export interface WeightBracket {
  /** Inclusive upper bound in grams; absent on the last bracket means "and anything heavier". */
  readonly upToGrams?: number;
  readonly amount: number;
}

export interface WeightRate {
  readonly type: 'weight';
  /** Ascending by `upToGrams`; only the last bracket may be open-ended. */
  readonly brackets: readonly WeightBracket[];
}

export type Rate = FlatRate | WeightRate;

export interface Method {
  readonly id: string;
  readonly zoneId: string;
  readonly name: string;
  /** The carrier that ships it ('sandbox', 'dhl', ...). */
  readonly carrier: string;
  /** ISO 4217; the method is offered to carts in this currency only. */
  readonly currency: string;
  readonly rate: Rate;
  /** Subtotal (minor units, same currency) at or above which the method costs nothing. */
  readonly freeOver?: number;
  /** Business days from dispatch, the promise shown at checkout. */
  readonly minDays: number;
  readonly maxDays: number;
}

export interface ShippingDestination {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** ISO 3166-2, as the address carries it. */
  readonly region?: string;
}

export interface RateCart {
  readonly currency: string;
  /** The merchandise value the free-shipping threshold is measured against (after discounts). */
  readonly subtotal: number;
  readonly totalWeightGrams: number;
  readonly destination: ShippingDestination;
}

export interface RateOffer {
  readonly methodId: string;
  readonly zoneId: string;
  readonly name: string;
  readonly carrier: string;
  readonly currency: string;
  /** What the customer pays; 0 when the free-shipping threshold is met. */
  readonly price: number;
  /** What the rate table asks before the threshold; equal to `price` unless `free`. */
  readonly regularPrice: number;
  /** True when the price is 0 because of `freeOver`. */
  readonly free: boolean;
  readonly minDays: number;
  readonly maxDays: number;
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;
const CURRENCY = /^[A-Z]{3}$/;

function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Everything wrong with a rate table, as field errors with JSON pointers into `{ zones, methods }`. */
export function rateTableProblems(zones: readonly Zone[], methods: readonly Method[]): FieldError[] {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });

  const zoneIds = new Set<string>();
  const wholeCountries = new Map<string, string>();
  const regions = new Map<string, string>();
  zones.forEach((zone, z) => {
    if (zoneIds.has(zone.id)) at(`/zones/${z}/id`, `Zone "${zone.id}" is defined twice.`);
    zoneIds.add(zone.id);
    if (zone.countries.length === 0) at(`/zones/${z}/countries`, 'A zone needs at least one country.');
    zone.countries.forEach((country, c) => {
      if (!COUNTRY.test(country)) at(`/zones/${z}/countries/${c}`, 'Must be an ISO 3166-1 alpha-2 code.');
    });
    if (zone.regions === undefined) {
      zone.countries.forEach((country, c) => {
        const other = wholeCountries.get(country);
        if (other !== undefined)
          at(`/zones/${z}/countries/${c}`, `${country} is already in zone "${other}".`);
        wholeCountries.set(country, zone.id);
      });
      return;
    }
    if (zone.regions.length === 0) at(`/zones/${z}/regions`, 'Leave regions out to cover whole countries.');
    zone.regions.forEach((region, r) => {
      const pointer = `/zones/${z}/regions/${r}`;
      const country = REGION.exec(region)?.[1];
      if (country === undefined) at(pointer, 'Must be an ISO 3166-2 code such as "US-AK".');
      else if (!zone.countries.includes(country))
        at(pointer, `${country} is not one of the zone's countries.`);
      const other = regions.get(region);
      if (other !== undefined) at(pointer, `${region} is already in zone "${other}".`);
      regions.set(region, zone.id);
    });
  });

  const methodIds = new Set<string>();
  methods.forEach((method, m) => {
    const pointer = `/methods/${m}`;
    if (methodIds.has(method.id)) at(`${pointer}/id`, `Method "${method.id}" is defined twice.`);
    methodIds.add(method.id);
    if (!zoneIds.has(method.zoneId)) at(`${pointer}/zoneId`, `There is no zone "${method.zoneId}".`);
    if (!CURRENCY.test(method.currency)) at(`${pointer}/currency`, 'Must be an ISO 4217 code.');
    if (method.freeOver !== undefined && !isAmount(method.freeOver)) {
      at(`${pointer}/freeOver`, 'Must be a non-negative integer of minor units.');
    }
    if (!isAmount(method.minDays)) at(`${pointer}/minDays`, 'Must be a non-negative integer.');
    if (!isAmount(method.maxDays)) at(`${pointer}/maxDays`, 'Must be a non-negative integer.');
    else if (method.maxDays < method.minDays) at(`${pointer}/maxDays`, 'Must not be below minDays.');

    const { rate } = method;
    if (rate.type === 'flat') {
      if (!isAmount(rate.amount))
        at(`${pointer}/rate/amount`, 'Must be a non-negative integer of minor units.');
      return;
    }
    if (rate.brackets.length === 0)
      at(`${pointer}/rate/brackets`, 'A weight rate needs at least one bracket.');
    let previous = 0;
    rate.brackets.forEach((bracket, b) => {
      const bracketPointer = `${pointer}/rate/brackets/${b}`;
      if (!isAmount(bracket.amount)) {
        at(`${bracketPointer}/amount`, 'Must be a non-negative integer of minor units.');
      }
      if (bracket.upToGrams === undefined) {
        if (b !== rate.brackets.length - 1) {
          at(`${bracketPointer}/upToGrams`, 'Only the last bracket may be open-ended.');
        }
        return;
      }
      if (!Number.isSafeInteger(bracket.upToGrams) || bracket.upToGrams <= previous) {
        at(`${bracketPointer}/upToGrams`, `Must be an integer above ${previous} (brackets ascend).`);
      } else {
        previous = bracket.upToGrams;
      }
    });
  });
  return errors;
}

/** Refuses a rate table that breaks a rule a schema cannot check; for the admin write path. */
export function assertValidRateTable(zones: readonly Zone[], methods: readonly Method[]): void {
  const errors = rateTableProblems(zones, methods);
  if (errors.length > 0) throw new RuleViolationError(errors);
}

/** The one zone the destination falls in, or null when nothing ships there. */
export function zoneFor(zones: readonly Zone[], destination: ShippingDestination): Zone | null {
  const inCountry = zones.filter((zone) => zone.countries.includes(destination.country));
  const { region } = destination;
  const byRegion = region === undefined ? [] : inCountry.filter((zone) => zone.regions?.includes(region));
  const found = byRegion.length > 0 ? byRegion : inCountry.filter((zone) => zone.regions === undefined);
  if (found.length > 1) {
    // Validation refuses overlapping zones; a table that slipped past it must not pick one at random.
    throw new UnprocessableError(
      `${found.length} shipping zones cover ${destination.country}${region === undefined ? '' : `/${region}`}.`,
      'ambiguous-shipping-zone',
    );
  }
  return found[0] ?? null;
}

/** The price of a method for a weight before any threshold, or null when the cart is too heavy for it. */
export function ratePrice(rate: Rate, weightGrams: number): number | null {
  if (rate.type === 'flat') return rate.amount;
  const bracket = rate.brackets.find((b) => b.upToGrams === undefined || weightGrams <= b.upToGrams);
  return bracket?.amount ?? null;
}

function assertValidCart(cart: RateCart): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  if (!CURRENCY.test(cart.currency)) at('/currency', 'Must be an ISO 4217 code.');
  if (!isAmount(cart.subtotal)) at('/subtotal', 'Must be a non-negative integer of minor units.');
  if (!isAmount(cart.totalWeightGrams)) at('/totalWeightGrams', 'Must be a non-negative integer of grams.');
  if (!COUNTRY.test(cart.destination.country)) {
    at('/destination/country', 'Must be an ISO 3166-1 alpha-2 code.');
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/** The shipping methods available for a cart, each with its price, cheapest first. */
export function quoteRates(cart: RateCart, zones: readonly Zone[], methods: readonly Method[]): RateOffer[] {
  assertValidCart(cart);
  if (rateTableProblems(zones, methods).length > 0) {
    throw new UnprocessableError('The shipping rate table is not valid.', 'invalid-rate-table');
  }
  const zone = zoneFor(zones, cart.destination);
  if (zone === null) return [];

  const offers: RateOffer[] = [];
  for (const method of methods) {
    if (method.zoneId !== zone.id || method.currency !== cart.currency) continue;
    const regularPrice = ratePrice(method.rate, cart.totalWeightGrams);
    if (regularPrice === null) continue;
    const free = method.freeOver !== undefined && cart.subtotal >= method.freeOver;
    offers.push({
      methodId: method.id,
      zoneId: zone.id,
      name: method.name,
      carrier: method.carrier,
      currency: method.currency,
      price: free ? 0 : regularPrice,
      regularPrice,
      free,
      minDays: method.minDays,
      maxDays: method.maxDays,
    });
  }
  return offers.sort(
    (a, b) =>
      a.price - b.price ||
      a.maxDays - b.maxDays ||
      a.minDays - b.minDays ||
      (a.methodId < b.methodId ? -1 : a.methodId > b.methodId ? 1 : 0),
  );
}
