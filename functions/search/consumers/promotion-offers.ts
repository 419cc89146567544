// Consumes promotion.started and promotion.ended: a catalogue promotion's offer is kept among the live ones
// (or dropped), when later than what is kept, and the documents of the products it targets are rebuilt
// with its badge and promoted price (or without them).
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { promotionIndexer } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['promotion-offers'], {
  'promotion.started': (data) => promotionIndexer.started(data),
  'promotion.ended': (data) => promotionIndexer.ended(data),
});
