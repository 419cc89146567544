// Consumes review.requested (some days after a delivery, once per order, never for a buyer who opted out):
// emails the order's contact the products to review with their link to review them, a customer's account
// or a guest's signed page, and how to stop these emails. Email only, once per event.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { orderNotifier } from '../runtime.ts';
import { notificationSubscriptions } from '../subscriptions.ts';

const notifier = orderNotifier();

export const handler = eventConsumer(notificationSubscriptions['review-requests'], {
  'review.requested': (data, event) => notifier.notifyReviewRequest(data, event),
});
