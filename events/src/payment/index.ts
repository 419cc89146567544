// The payment events of the catalog, each named once (one module per event), and the schemas they share.
export { PaymentAuthorized } from './payment-authorized.ts';
export { PaymentCaptured } from './payment-captured.ts';
export { PaymentFailed } from './payment-failed.ts';
export { PaymentRefunded } from './payment-refunded.ts';
export { PaymentRequiresAction } from './payment-requires-action.ts';
export { PaymentVoided } from './payment-voided.ts';
