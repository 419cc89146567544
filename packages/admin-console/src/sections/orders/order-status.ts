// The order states the API knows (GET /orders filters by them) and how they read on screen.
import type { components } from '@commerce/api-client';

export type OrderStatus = components['schemas']['Order']['status'];

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'paid',
  'fulfilling',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
];

export function statusLabel(status: string): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
