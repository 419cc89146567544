import { ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { assertValidTaxTable } from '../../../functions/pricing/domain/tax-table.ts';
import type { TaxTable } from '../../../functions/pricing/domain/tax.ts';

function fieldErrors(table: TaxTable) {
  try {
    assertValidTaxTable(table);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((e) => e.pointer);
  }
}

describe('assertValidTaxTable', () => {
  it('accepts country rates with regional overrides and modes that cover them', () => {
    expect(
      fieldErrors({
        rules: [
          { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
          { country: 'US', taxClass: 'standard', ratePpm: 0 },
          { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
        ],
        modes: [
          { country: 'DE', mode: 'inclusive' },
          { country: 'US', mode: 'exclusive' },
        ],
      }),
    ).toEqual([]);
  });

  it('points at duplicate rates and modes, foreign regions and rates without a display mode', () => {
    expect(
      fieldErrors({
        rules: [
          { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
          { country: 'DE', taxClass: 'standard', ratePpm: 160_000 },
          { country: 'DE', region: 'US-NY', taxClass: 'standard', ratePpm: 1 },
          { country: 'FR', taxClass: 'standard', ratePpm: 200_000 },
        ],
        modes: [
          { country: 'DE', mode: 'inclusive' },
          { country: 'DE', mode: 'exclusive' },
        ],
      }),
    ).toEqual(['/rules/1', '/rules/2/region', '/modes/1', '/rules/3']);
  });

  it('lets a region-only rate rely on a mode for that region', () => {
    expect(
      fieldErrors({
        rules: [{ country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 }],
        modes: [{ country: 'US', region: 'US-NY', mode: 'exclusive' }],
      }),
    ).toEqual([]);
  });
});
