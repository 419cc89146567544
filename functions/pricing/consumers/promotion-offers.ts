// Consumes promotion.started and promotion.ended: a catalogue promotion's offer is kept among the live ones
// (or dropped) when later than what is kept, for GET /product-prices/{id}. Duplicated and reordered events
// change nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { offers } from '../runtime.ts';
import { pricingSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(pricingSubscriptions['promotion-offers'], {
  'promotion.started': async (data) => {
    await offers.started(data);
  },
  'promotion.ended': async (data) => {
    await offers.ended(data);
  },
});
