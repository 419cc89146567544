// The countries the demo shop ships to (it has shipping zones and tax rules for these), by ISO code.
export const SHIPPING_COUNTRIES = [
  { code: 'DE', name: 'Germany' },
  { code: 'US', name: 'United States' },
] as const;

export function countryName(code: string): string {
  return SHIPPING_COUNTRIES.find((c) => c.code === code)?.name ?? code;
}
