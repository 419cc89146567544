// The order states the API knows (GET /orders filters by them) and how they read on screen. The list is the
// event catalog's, so a new state reaches the filter without a second list to keep in step.
import type { components } from '@commerce/api-client';
import { orderStatusSchema } from '@commerce/events';

export type OrderStatus = components['schemas']['Order']['status'];

// Typed as the API's statuses: a state the events know and the API does not fails the build here.
export const ORDER_STATUSES: readonly OrderStatus[] = orderStatusSchema.options;

export function statusLabel(status: string): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
