// Every service of the platform, one line each: the CDK app, the OpenAPI document, the authorizer's route
// table and the docs are built from these declarations (each in its service's folder).
export { catalogService } from '../../functions/catalog/service.ts';
export { customerService } from '../../functions/customer/service.ts';
export { inventoryService } from '../../functions/inventory/service.ts';
export { mediaService } from '../../functions/media/service.ts';
export { notificationService } from '../../functions/notification/service.ts';
export { operationsService } from '../../functions/operations/service.ts';
export { ordersService } from '../../functions/orders/service.ts';
export { paymentService } from '../../functions/payment/service.ts';
export { pricingService } from '../../functions/pricing/service.ts';
export { promotionsService } from '../../functions/promotions/service.ts';
export { reviewService } from '../../functions/review/service.ts';
export { searchService } from '../../functions/search/service.ts';
export { shippingService } from '../../functions/shipping/service.ts';
export { userService } from '../../functions/user/service.ts';
