// The review events of the catalog, each named once (one module per event), and the schemas they share.
export { ReviewAggregated } from './review-aggregated.ts';
export { REVIEW_REJECTION_REASONS, ReviewPublished, ReviewRejected } from './review-decided.ts';
export { ReviewErased, ReviewSubmitted } from './review-photos.ts';
export { ReviewRequested } from './review-requested.ts';
