// The storefront pages messages link to, from the storefront's base URL (STOREFRONT_URL). Where a buyer
// reviews depends on who they are: a customer on their account's reviews page, a guest on the page of their
// signed link (the review service's token, asked for by order). Pure; no AWS.

/** How the buyer of an order reaches their reviews: signed in, or through a guest's signed link. */
export type ReviewAccess =
  { readonly buyer: 'customer' } | { readonly buyer: 'guest'; readonly token: string };

export interface ReviewLinks {
  /** Where the buyer writes the reviews. */
  readonly reviewUrl: string;
  /** Where the buyer turns review requests off. */
  readonly optOut: { readonly page: 'account' | 'review-page'; readonly url: string };
}

/** The base URL without a trailing slash, so paths join with exactly one. */
function page(storefrontUrl: string, path: string): string {
  return `${storefrontUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * A customer reviews at `/account/reviews` and stops review requests at `/account` ("Email me review
 * requests"); a guest does both on `/review/<token>`.
 */
export function reviewLinks(storefrontUrl: string, access: ReviewAccess): ReviewLinks {
  if (access.buyer === 'customer') {
    return {
      reviewUrl: page(storefrontUrl, '/account/reviews'),
      optOut: { page: 'account', url: page(storefrontUrl, '/account') },
    };
  }
  const reviewUrl = page(storefrontUrl, `/review/${encodeURIComponent(access.token)}`);
  return { reviewUrl, optOut: { page: 'review-page', url: reviewUrl } };
}
