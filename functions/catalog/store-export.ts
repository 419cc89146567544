// The catalog table's export read (see store.ts for the layout): every product, one Scan page at a time. A
// Scan because no index holds every product (gsi1 only the published ones) and an export reads the whole
// table anyway; its order (by partition hash) is stable, so the page's last evaluated key resumes it.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { Page } from './domain/ports.ts';
import type { Product } from './domain/product.ts';
import { PRODUCT_SK, toProduct } from './store-items.ts';

/**
 * One page of product items (PRODUCT#<id> / PRODUCT; not the handle or category copies). `limit` bounds the
 * items the Scan evaluates, so a page holds at most that many products, and fewer (even none) where it met
 * other items; `lastKey` is absent only once the table is read to its end.
 */
export async function scanProducts(
  db: DynamoDBDocumentClient,
  table: string,
  query: { readonly limit: number; readonly startKey?: StartKey },
): Promise<Page<Product>> {
  const out = await db.send(
    new ScanCommand({
      TableName: table,
      FilterExpression: 'begins_with(pk, :product) AND sk = :sk',
      ExpressionAttributeValues: { ':product': 'PRODUCT#', ':sk': PRODUCT_SK },
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return {
    items: (out.Items ?? []).map(toProduct),
    ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey as StartKey } : {}),
  };
}
