// The currencies pricing supports, checked against the API's own enum so a typo cannot compile.
import type { components } from '@commerce/api-client';

export type Currency = components['schemas']['SetPriceListRequest']['entries'][number]['currency'];

const ALL: Record<Currency, true> = {
  EUR: true,
  USD: true,
  GBP: true,
  CHF: true,
  CAD: true,
  AUD: true,
  SEK: true,
  NOK: true,
  DKK: true,
  PLN: true,
  CZK: true,
  JPY: true,
  KRW: true,
  KWD: true,
  BHD: true,
};

// A record over the union (not a list) makes the compiler insist on every currency of the enum.
export const CURRENCIES = Object.keys(ALL) as Currency[];

export function isCurrency(value: string): value is Currency {
  return value in ALL;
}
