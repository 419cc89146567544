// PUT /price-lists/{segment} (staff): replaces a customer segment's price list (priority and entries), read
// at `version` (0 for a new list); announces price.changed with the changed entries, in one transaction.
import { PriceChanged } from '@commerce/events';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { priceListChanges } from '../domain/price-changes.ts';
import type { PriceList } from '../domain/records.ts';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /price-lists/{segment}'],
  handler: async ({ params, body, correlationId }) => {
    const { segment } = params;
    const current = await store.getPriceList(segment);
    if (body.version !== (current?.version ?? 0)) throw new VersionConflictError();
    const changes = priceListChanges(current?.entries ?? [], body.entries);
    if (current && changes.length === 0 && current.priority === body.priority) {
      return { status: 200, body: current };
    }
    const now = new Date();
    const list: PriceList = {
      segment,
      priority: body.priority,
      entries: body.entries,
      version: body.version + 1,
      updatedAt: now.toISOString(),
    };
    await store.savePriceList(
      list,
      body.version,
      outboxItem(
        PriceChanged,
        {
          scope: 'segment',
          segment,
          version: list.version,
          priority: { before: current?.priority ?? null, after: list.priority },
          changes,
        },
        { correlationId },
        now,
      ),
    );
    return { status: 200, body: list };
  },
});
