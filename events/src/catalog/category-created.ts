import { defineEvent } from '../envelope.ts';
import { categorySnapshot } from './shared.ts';

export const CategoryCreated = defineEvent({
  producer: 'catalog',
  detailType: 'category.created',
  version: 1,
  description: 'A category was created.',
  data: categorySnapshot,
});
