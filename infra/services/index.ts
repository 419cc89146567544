// Every service of the platform, in the order they are wired.
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { catalogService } from './catalog.ts';
import { customerService } from './customer.ts';
import { inventoryService } from './inventory.ts';
import { notificationService } from './notification.ts';
import { ordersService } from './orders.ts';
import { paymentService } from './payment.ts';
import { pricingService } from './pricing.ts';
import { shippingService } from './shipping.ts';
import { userService } from './user.ts';

export const services: readonly ServiceDefinition[] = [
  catalogService,
  customerService,
  userService,
  pricingService,
  inventoryService,
  paymentService,
  shippingService,
  ordersService,
  notificationService,
];
