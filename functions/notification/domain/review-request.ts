// The notification a review.requested event asks for: `review_request` to the order's contact, by email
// only, listing the products to review, with the buyer's link to review them and to stop these emails.
// The review service announces it once per order and never to a buyer who opted out. Pure; no AWS.
import type { EventData, ReviewRequested } from '@commerce/events';
import type { OrderNotification } from './order-notification.ts';
import type { ReviewLinks } from './storefront-links.ts';

export type ReviewRequest = EventData<typeof ReviewRequested>;

export function reviewRequestNotification(
  data: ReviewRequest,
  settings: { readonly shopName: string },
  links: ReviewLinks,
): OrderNotification {
  const { contact } = data;
  return {
    kind: 'review_request',
    model: {
      shopName: settings.shopName,
      customerName: contact.name,
      orderNumber: data.number,
      products: data.products.map((product) => product.title),
      reviewUrl: links.reviewUrl,
      optOut: links.optOut,
    },
    // No phone: the kind is email-only whatever the contact opted in to.
    recipient: {
      email: contact.email,
      ...(contact.locale === undefined ? {} : { locale: contact.locale }),
    },
    orderId: data.orderId,
    orderNumber: data.number,
    customerId: data.customerId,
  };
}
