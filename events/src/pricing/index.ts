// The pricing events of the catalog, each named once (one module per event), and the schemas they share.
export { PriceChanged } from './price-changed.ts';
