// Internal `scheduleFired` (contract: promotionsScheduleFired in @commerce/contracts): EventBridge Scheduler
// invokes it at a catalogue promotion's start or end with `{ promotionId, edge, version }`; it publishes
// promotion.started or promotion.ended once, for the promotion's current version only (catalogue.ts).
import { promotionsScheduleFired } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { catalogue } from '../runtime.ts';

export const handler = internalFunction(
  promotionsScheduleFired,
  async ({ promotionId, edge, version }, { correlationId }) => ({
    outcome: await catalogue.fired({ promotionId, edge, version }, { correlationId }),
  }),
);
