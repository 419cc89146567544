import { defineEvent } from '../envelope.ts';
import { productSnapshot } from './shared.ts';

export const ProductCreated = defineEvent({
  producer: 'catalog',
  detailType: 'product.created',
  version: 1,
  description: 'A product was created (in any status). Carries the full product.',
  data: productSnapshot,
});
