// Wiring of the customer service: profiles, addresses and segments of shoppers.
import { CustomerDeleted, CustomerRegistered, CustomerUpdated } from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { customerRoutes } from './customer.routes.ts';

export const customerService: ServiceDefinition = {
  name: 'customer',
  description: 'Customer profiles, addresses, consent and segments.',
  routes: customerRoutes,
  subscriptions: [],
  publishes: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
};
