// The event catalog: every event type on the commerce bus. Rules, publishers, consumers and docs import from here.
export * from './envelope.ts';
export * from './definitions.ts';
export { eventCatalog } from './catalog.ts';
