// The shopper's display currency (EUR unless they chose USD), kept in localStorage, and the country whose tax
// rules the shelf prices in that currency follow.
import * as z from 'zod/mini';
import { storedValue, useStoredValue } from './stored-value.ts';

export const SHOP_CURRENCIES = ['EUR', 'USD'] as const;
export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];

const chosenCurrency = storedValue(window.localStorage, 'shop.currency', z.enum(SHOP_CURRENCIES));

export function useCurrency(): ShopCurrency {
  return useStoredValue(chosenCurrency) ?? 'EUR';
}

export function chooseCurrency(currency: ShopCurrency): void {
  chosenCurrency.set(currency);
}

/**
 * Shelf prices are shown as a shopper in the currency's home market sees them: Germany's include VAT, the
 * United States' add sales tax at the till (docs/pricing.md, tax modes). The cart has the real address.
 */
export function displayCountry(currency: string): string {
  return currency === 'USD' ? 'US' : 'DE';
}
