import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { productSnapshot } from './shared.ts';

export const ProductUpdated = defineEvent({
  producer: 'catalog',
  detailType: 'product.updated',
  version: 1,
  description: 'A product changed. Carries the product after the change and the names of the changed fields.',
  data: z.object({ product: productSnapshot, changedFields: z.array(z.string()).check(z.minLength(1)) }),
});
