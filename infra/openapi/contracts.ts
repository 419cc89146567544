// Every service's HTTP contract, keyed by "<METHOD> <path>": what the OpenAPI document is generated from.
import type { RouteContract, RouteKey } from '@commerce/lambda-kit/contract';
import { catalogContract } from '../../functions/catalog/contract.ts';
import { customerContract } from '../../functions/customer/contract.ts';
import { inventoryContract } from '../../functions/inventory/contract.ts';
import { notificationContract } from '../../functions/notification/contract.ts';
import { ordersContract } from '../../functions/orders/contract.ts';
import { paymentContract } from '../../functions/payment/contract.ts';
import { platformContract } from '../../functions/platform/contract.ts';
import { pricingContract } from '../../functions/pricing/contract.ts';
import { shippingContract } from '../../functions/shipping/contract.ts';
import { userContract } from '../../functions/user/contract.ts';

export const contracts: Readonly<Record<RouteKey, RouteContract>> = {
  ...platformContract,
  ...catalogContract,
  ...customerContract,
  ...userContract,
  ...pricingContract,
  ...inventoryContract,
  ...paymentContract,
  ...shippingContract,
  ...ordersContract,
  ...notificationContract,
};
