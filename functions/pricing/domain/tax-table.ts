// The rules of a tax table a schema cannot check: one rate per destination and class, one mode per
// destination, regions inside their country, and a display mode for every destination that has rates.
// Pure; no AWS.
import { RuleViolationError, type FieldError } from '@commerce/lambda-kit/errors';
import type { Destination, TaxTable } from './tax.ts';

function describe(d: Destination): string {
  return d.region === undefined ? d.country : `${d.country}/${d.region}`;
}

export function assertValidTaxTable(table: TaxTable): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  const checkRegion = (pointer: string, d: Destination) => {
    if (d.region !== undefined && !d.region.startsWith(`${d.country}-`)) {
      at(`${pointer}/region`, `A region of ${d.country} starts with "${d.country}-".`);
    }
  };

  const rates = new Set<string>();
  table.rules.forEach((rule, i) => {
    checkRegion(`/rules/${i}`, rule);
    const key = `${describe(rule)}\u0000${rule.taxClass}`;
    if (rates.has(key)) at(`/rules/${i}`, `${describe(rule)} already has a "${rule.taxClass}" rate.`);
    rates.add(key);
  });

  const modes = new Set<string>();
  table.modes.forEach((mode, i) => {
    checkRegion(`/modes/${i}`, mode);
    if (modes.has(describe(mode))) at(`/modes/${i}`, `${describe(mode)} already has a display mode.`);
    modes.add(describe(mode));
  });

  table.rules.forEach((rule, i) => {
    if (!modes.has(describe(rule)) && !modes.has(rule.country)) {
      at(`/rules/${i}`, `${describe(rule)} has a rate but no display mode (inclusive or exclusive).`);
    }
  });
  if (errors.length > 0) throw new RuleViolationError(errors);
}
