// The preview of a promotion staff are editing (POST /promotions/preview): the rule engine's verdict for that
// promotion alone against a sample basket, nothing saved. The basket's SKUs are matched through the service's
// catalog copy as `evaluate` matches them (each SKU's product, its categories with their ancestors). A preview
// reads no usage: it counts none, so no limit keeps the promotion out (only a budget smaller than this one
// discount does). A draft is previewed as if it were active; the schedule is checked at `at` (default now);
// a code promotion is previewed as if one of its codes were entered.
import { ancestorsOf, type CategoryParents, type SkuCopy } from './catalog-copy.ts';
import type { Basket } from './domain/basket.ts';
import { evaluate, type Reason } from './domain/engine.ts';
import type { Promotion, PromotionClass } from './domain/promotion.ts';
import type { PromotionContent } from './promotions.ts';

export interface PreviewBasket {
  readonly currency: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: number }[];
  readonly shipping?: { readonly method: string; readonly amount: number } | undefined;
  readonly shippingCountry?: string | undefined;
  readonly buyer?:
    | { readonly signedIn: boolean; readonly segments: readonly string[]; readonly firstOrder: boolean }
    | undefined;
  /** ISO 8601; absent: now. */
  readonly at?: string | undefined;
}

export type PreviewVerdict =
  | {
      readonly applied: true;
      readonly class: PromotionClass;
      readonly amount: number;
      /** Per basket line, what it takes off. */
      readonly lines: readonly number[];
      readonly shipping: number;
    }
  | { readonly applied: false; readonly reason: Reason };

export interface Preview {
  readonly verdict: PreviewVerdict;
  /** Basket SKUs the catalog copy does not know (they match by SKU only). */
  readonly unknownSkus: readonly string[];
}

/** What the preview reads of the catalog copy (catalog-copy.ts). */
export interface CatalogReads {
  skus(skus: readonly string[]): Promise<ReadonlyMap<string, SkuCopy>>;
  categoryParents(): Promise<CategoryParents>;
}

/** The id the previewed promotion goes by in the engine; it is never stored or answered. */
const PREVIEW_ID = 'preview';

export async function previewPromotion(
  content: PromotionContent,
  request: PreviewBasket,
  catalog: CatalogReads,
  clock: () => Date = () => new Date(),
): Promise<Preview> {
  const [skus, parents] = await Promise.all([
    catalog.skus(request.lines.map((line) => line.sku)),
    catalog.categoryParents(),
  ]);
  const promotion: Promotion = {
    ...content,
    id: PREVIEW_ID,
    version: 1,
    status: content.status === 'draft' ? 'active' : content.status,
  };
  const basket: Basket = {
    currency: request.currency,
    lines: request.lines.map((line) => {
      const copy = skus.get(line.sku);
      return {
        ...line,
        productId: copy?.productId ?? '',
        categoryIds: ancestorsOf(copy?.categoryIds ?? [], parents),
      };
    }),
    shipping: request.shipping ?? null,
    ...(request.shippingCountry ? { shippingCountry: request.shippingCountry } : {}),
    buyer: request.buyer ?? { signedIn: false, segments: [], firstOrder: false },
    codes: [],
    at: request.at ? new Date(request.at) : clock(),
  };
  // No usage given: the engine counts none.
  const [verdict] = evaluate(basket, [{ promotion }]).verdicts;
  if (!verdict) throw new Error('The engine gave no verdict for the one candidate');
  return {
    verdict: verdict.applied
      ? {
          applied: true,
          class: verdict.class,
          amount: verdict.amount,
          lines: verdict.lines,
          shipping: verdict.shipping,
        }
      : { applied: false, reason: verdict.reason },
    unknownSkus: [...new Set(request.lines.map((l) => l.sku).filter((sku) => !skus.has(sku)))],
  };
}
