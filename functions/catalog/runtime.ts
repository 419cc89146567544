// Module-scope wiring shared by the catalog's handlers: validated env, the DynamoDB client and the store.
// Built once per cold start; handlers receive them instead of creating clients per request.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { DynamoCatalogStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().min(1) }));

export const store = new DynamoCatalogStore(createDocumentClient(), env.TABLE_NAME);

/** Staff and admins may see drafts and archived products through the public routes. */
export function canSeeUnpublished(principal: { groups: readonly string[] } | undefined): boolean {
  return principal?.groups.some((g) => g === 'staff' || g === 'admin') ?? false;
}
