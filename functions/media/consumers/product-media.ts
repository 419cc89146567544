// Consumes product.created, product.updated and product.archived: the images the product shows at that
// version become its attachments (an archived product keeps its images, for order history); an image it no
// longer shows, and that nothing else shows, is deleted after the grace period. Older versions change nothing.
import type { ProductCreated } from '@commerce/events';
import type { EventDetail } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { media } from '../runtime.ts';
import { mediaSubscriptions } from '../subscriptions.ts';

type Product = EventDetail<typeof ProductCreated>['data'];

const follow = async (product: Product) => {
  const ids = product.media.flatMap((m) => (m.id ? [m.id] : []));
  await media.referenceChanged(`product:${product.id}`, product.version, ids);
};

export const handler = eventConsumer(mediaSubscriptions['product-media'], {
  'product.created': follow,
  'product.archived': follow,
  'product.updated': (data) => follow(data.product),
});
