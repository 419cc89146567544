// The internal functions' contracts, one module per callee service; define.ts has the shape they share.
export * from './catalog.ts';
export * from './define.ts';
export * from './inventory.ts';
export * from './media.ts';
export * from './payment.ts';
export * from './pricing.ts';
export * from './promotions.ts';
export * from './review.ts';
export * from './search.ts';
export * from './shipping.ts';
