// The promotions service: promotions staff manage, and the redemption ledger that holds their limits with
// conditional writes (reserved at checkout, committed when paid, released when not). docs/promotions.md.
import { PromotionCreated, PromotionRedeemed, PromotionReleased, PromotionUpdated } from '@commerce/events';
import { promotionsEvaluate, promotionsRelease, promotionsReserve } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { promotionsRoutes } from './routes.ts';
import { promotionsSubscriptions } from './subscriptions.ts';

export const promotionsService = defineService({
  name: 'promotions',
  description: 'Promotions and their redemptions: rules, codes, limits held by conditional writes.',
  routes: promotionsRoutes,
  subscriptions: promotionsSubscriptions,
  publishes: [PromotionCreated, PromotionUpdated, PromotionRedeemed, PromotionReleased],
  internal: [
    { contract: promotionsEvaluate, entry: 'internal/evaluate.ts', readOnly: true },
    { contract: promotionsReserve, entry: 'internal/reserve.ts' },
    { contract: promotionsRelease, entry: 'internal/release.ts' },
  ],
});
