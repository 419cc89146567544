// What the cart shows for a SKU: the API's cart lines carry SKUs and prices only, so the product and variant
// titles (and the product's handle, for a link back) are remembered when a shopper adds a line.
import * as z from 'zod/mini';
import { storedValue, useStoredValue } from './stored-value.ts';

const skuLabel = z.object({ title: z.string(), variant: z.optional(z.string()), handle: z.string() });
export type SkuLabel = z.infer<typeof skuLabel>;

const labels = storedValue(window.localStorage, 'shop.skuLabels', z.record(z.string(), skuLabel));

/** Keeps at most this many, newest last, so the entry cannot grow without bound. */
const MAX_LABELS = 200;

export function rememberSku(sku: string, label: SkuLabel): void {
  const entries = Object.entries(labels.get() ?? {}).filter(([known]) => known !== sku);
  entries.push([sku, label]);
  labels.set(Object.fromEntries(entries.slice(-MAX_LABELS)));
}

export function useSkuLabels(): Readonly<Record<string, SkuLabel>> {
  return useStoredValue(labels) ?? {};
}
