// Internal `exportCategories` (contract: catalogExportCategories in @commerce/contracts), read-only: search's
// reindex reads every category. { correlationId? } → { items }, each as category.* carries it.
import { catalogExportCategories } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { catalog } from '../runtime.ts';

export const handler = internalFunction(catalogExportCategories, async () => ({
  items: await catalog.exportCategories(),
}));
