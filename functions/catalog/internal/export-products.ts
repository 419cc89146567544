// Internal `exportProducts` (contract: catalogExportProducts in @commerce/contracts), read-only: search's
// reindex reads every product, drafts and archived included, a page at a time. { cursor?, limit,
// correlationId? } → { items, nextCursor? }, each item as product.* carries it, or { error } (400 malformed,
// or a cursor this export did not issue).
import { catalogExportProducts } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { exportCursors } from '../export-cursor.ts';
import { catalog } from '../runtime.ts';

export const handler = internalFunction(catalogExportProducts, ({ cursor, limit }) =>
  catalog.exportProducts({ cursor, limit }, exportCursors),
);
