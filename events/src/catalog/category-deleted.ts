import { defineEvent } from '../envelope.ts';
import { categorySnapshot } from './shared.ts';

export const CategoryDeleted = defineEvent({
  producer: 'catalog',
  detailType: 'category.deleted',
  version: 1,
  description: 'A category was deleted (it had no subcategories).',
  data: categorySnapshot,
});
