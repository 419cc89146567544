// Catalog's internal functions, both read-only exports for a consumer that rebuilds its own copy of the
// catalog from the owner's data (search's zero-downtime reindex): `exportProducts`, every product in every
// status a page at a time, and `exportCategories`, every category. Each item is exactly what the product.*
// and category.* events carry, so a consumer handles an exported item and an event's data alike.
import { categorySnapshot, productSnapshot } from '@commerce/events';
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal, type InternalResult } from './define.ts';

export const MAX_EXPORT_PRODUCTS_LIMIT = 200;

// ---------------------------------------------------------------------------------------------------------
// exportProducts

export const exportProductsRequestSchema = z.strictObject({
  /** The `nextCursor` of the previous page; absent for the first. */
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  /** The most products a page holds. */
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(MAX_EXPORT_PRODUCTS_LIMIT)), 100),
  correlationId: correlationIdSchema,
});

export const exportProductsReplySchema = z.object({
  /**
   * Products in the store's stable order, drafts and archived ones included. A page may hold fewer than
   * `limit` (even none) while more follow: only the absence of `nextCursor` ends the export.
   */
  items: z.array(productSnapshot),
  nextCursor: z.optional(z.string()),
});

/**
 * One page of every product (each as product.* carries it). A product written during an export may be met
 * in its old or its new state, or missed if it is new: a consumer applies the events that follow too.
 * Refusals: 400 malformed, or a cursor this export did not issue.
 */
export const catalogExportProducts = defineInternal({
  service: 'catalog',
  name: 'exportProducts',
  description: 'every product in every status, a page at a time (reindexing)',
  request: exportProductsRequestSchema,
  reply: exportProductsReplySchema,
});

// ---------------------------------------------------------------------------------------------------------
// exportCategories

export const exportCategoriesRequestSchema = z.strictObject({ correlationId: correlationIdSchema });

export const exportCategoriesReplySchema = z.object({
  /** Every category, as category.* carries it; the tree is theirs to build from `parentId` and `position`. */
  items: z.array(categorySnapshot),
});

/** Every category. Refusals: 400 malformed. */
export const catalogExportCategories = defineInternal({
  service: 'catalog',
  name: 'exportCategories',
  description: 'every category (reindexing)',
  request: exportCategoriesRequestSchema,
  reply: exportCategoriesReplySchema,
});

export type ExportProductsRequest = z.input<typeof exportProductsRequestSchema>;
export type ExportProductsReply = z.output<typeof exportProductsReplySchema>;
export type ExportProductsResult = InternalResult<ExportProductsReply>;
export type ExportCategoriesRequest = z.input<typeof exportCategoriesRequestSchema>;
export type ExportCategoriesReply = z.output<typeof exportCategoriesReplySchema>;
export type ExportCategoriesResult = InternalResult<ExportCategoriesReply>;
