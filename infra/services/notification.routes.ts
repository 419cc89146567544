// The notification service's routes and the access each needs (plain data, see catalog.routes.ts): a
// signed-in customer reads their own delivery log.
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/notification/http';

export const notificationRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/me/notifications',
    access: 'customer',
    handler: `${dir}/list-my-notifications.ts`,
    summary: 'The messages sent to me (email and SMS), newest first, without their content.',
    paginates: true,
    readOnly: true,
  },
];
