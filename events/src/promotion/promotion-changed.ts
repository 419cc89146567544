// promotion.created and promotion.updated: the whole promotion after the change, so a consumer (the
// storefront's sale badges, search) keeps its copy without asking.
import { defineEvent } from '../envelope.ts';
import { promotionSnapshot } from './model.ts';

export const PromotionCreated = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.created',
  version: 1,
  description: 'Staff created a promotion (any status).',
  data: promotionSnapshot,
});

export const PromotionUpdated = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.updated',
  version: 1,
  description:
    'Staff changed a promotion: its rules, schedule, status or codes (`version` orders the changes).',
  data: promotionSnapshot,
});
