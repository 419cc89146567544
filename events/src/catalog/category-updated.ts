import { defineEvent } from '../envelope.ts';
import { categorySnapshot } from './shared.ts';

export const CategoryUpdated = defineEvent({
  producer: 'catalog',
  detailType: 'category.updated',
  version: 1,
  description: 'A category was renamed, moved or reordered.',
  data: categorySnapshot,
});
