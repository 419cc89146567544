// Every service's events, one line per service that publishes: each service's index names its events once.
// The catalog (catalog.ts) is built from these modules.
export * from './catalog/index.ts';
export * from './customer/index.ts';
export * from './inventory/index.ts';
export * from './media/index.ts';
export * from './orders/index.ts';
export * from './payment/index.ts';
export * from './pricing/index.ts';
export * from './promotion/index.ts';
export * from './review/index.ts';
export * from './shipping/index.ts';
export * from './user/index.ts';
