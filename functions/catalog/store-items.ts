// The catalog table's keys and item shapes (see store.ts for the layout): what the DynamoDB adapter writes
// and how it reads products and categories back.
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import type { EventActor } from '@commerce/lambda-kit/publisher';
import type { Category } from './domain/category.ts';
import type { Product } from './domain/product.ts';

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** What each transaction item guards, so a cancelled transaction maps to the right error. */
export type Guard =
  | { kind: 'none' }
  | { kind: 'version' }
  | { kind: 'handle'; handle: string }
  | { kind: 'sku'; sku: string }
  | { kind: 'category'; categoryId: string }
  | { kind: 'slug'; slug: string }
  | { kind: 'category-empty' };

export const PRODUCT_SK = 'PRODUCT';
export const CATEGORY_SK = 'CATEGORY';

export const productKey = (id: string) => ({ pk: key('PRODUCT', id), sk: PRODUCT_SK });
export const handleKey = (handle: string) => ({ pk: key('HANDLE', handle), sk: 'HANDLE' });
export const skuKey = (sku: string) => ({ pk: key('SKU', sku), sk: 'SKU' });
export const membershipKey = (id: string, categoryId: string) => ({
  pk: key('PRODUCT', id),
  sk: key('IN', categoryId),
});
export const categoryKey = (id: string) => ({ pk: key('CATEGORY', id), sk: CATEGORY_SK });
export const slugKey = (slug: string) => ({ pk: key('CATSLUG', slug), sk: 'CATSLUG' });

export const listSortKey = (p: Product) => `${p.createdAt}#${p.id}`;

export function productAttributes(p: Product): Item {
  return { type: 'product', ...p };
}

/** Who made the item's last change (the event's `actor`); kept in the table, never answered. */
export const changedByOf = (actor: EventActor | undefined): Item => ({ changedBy: actor ?? null });

export function toProduct(item: Item): Product {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, changedBy: _by, ...rest } = item;
  return rest as unknown as Product;
}

export function toCategory(item: Item): Category {
  return {
    id: item.id as string,
    name: item.name as string,
    slug: item.slug as string,
    parentId: (item.parentId as string | null) ?? null,
    position: item.position as number,
    version: item.version as number,
  };
}
