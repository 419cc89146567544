import { defineEvent } from '../envelope.ts';
import { productSnapshot } from './shared.ts';

export const ProductArchived = defineEvent({
  producer: 'catalog',
  detailType: 'product.archived',
  version: 1,
  description: 'A product was archived: no longer listed or sold, kept for order history.',
  data: productSnapshot,
});
