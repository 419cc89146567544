// The promotions service's events, each named once (one module per event), and the model they share.
export { promotionShape, promotionSnapshot } from './model.ts';
export {
  catalogueOfferSchema,
  offerTargetSchema,
  PromotionEnded,
  PromotionStarted,
  type CatalogueOffer,
} from './catalogue-offer.ts';
export { PromotionCreated, PromotionUpdated } from './promotion-changed.ts';
export { PromotionRedeemed, PromotionReleased } from './redemption.ts';
