// PUT /tax-rules (staff): replaces the tax table (rates per country, region and tax class, and the display
// mode per country or region), read at `version` (0 before the first); announces price.changed (scope tax).
import { PriceChanged } from '@commerce/events';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { taxTableChanges } from '../domain/price-changes.ts';
import type { VersionedTaxTable } from '../domain/records.ts';
import { assertValidTaxTable } from '../domain/tax-table.ts';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /tax-rules'],
  handler: async ({ body, correlationId }) => {
    const { version, ...table } = body;
    assertValidTaxTable(table);
    const current = await store.getTaxTable();
    if (version !== current.version) throw new VersionConflictError();
    const changes = taxTableChanges(current, table);
    if (changes.rules.length === 0 && changes.modes.length === 0) return { status: 200, body: current };
    const now = new Date();
    const after: VersionedTaxTable = { ...table, version: version + 1, updatedAt: now.toISOString() };
    await store.saveTaxTable(
      after,
      version,
      outboxItem(PriceChanged, { scope: 'tax', version: after.version, ...changes }, { correlationId }, now),
    );
    return { status: 200, body: after };
  },
});
