// The catalog events of the catalog, each named once (one module per event), and the schemas they share.
export { CategoryCreated } from './category-created.ts';
export { CategoryDeleted } from './category-deleted.ts';
export { CategoryUpdated } from './category-updated.ts';
export { ProductArchived } from './product-archived.ts';
export { ProductCreated } from './product-created.ts';
export { ProductUpdated } from './product-updated.ts';
export { productSnapshot, categorySnapshot, productStatusSchema } from './shared.ts';
