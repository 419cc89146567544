// The customer service: profiles, addresses, consent and segments of shoppers.
import { CustomerDeleted, CustomerRegistered, CustomerUpdated } from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { customerRoutes } from './routes.ts';

export const customerService = defineService({
  name: 'customer',
  description: 'Customer profiles, addresses, consent and segments.',
  routes: customerRoutes,
  publishes: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
});
