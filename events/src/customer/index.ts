// The customer events of the catalog, each named once (one module per event), and the schemas they share.
export { CustomerDeleted } from './customer-deleted.ts';
export { CustomerRegistered } from './customer-registered.ts';
export { CustomerUpdated } from './customer-updated.ts';
export { customerSnapshot } from './shared.ts';
