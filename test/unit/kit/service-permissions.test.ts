// A service's named permissions: a function is granted the ones its own declaration names, so a name must be
// declared by the service, and a declared permission must be named by some function.
import { defineRoutes, defineService, defineSubscriptions } from '@commerce/lambda-kit/service';
import { OrderCreated } from '@commerce/events';
import { describe, expect, it } from 'vitest';

const subscriptions = (permissions: readonly string[]) =>
  defineSubscriptions('notification', {
    'order-events': {
      entry: 'consumers/order-events.ts',
      description: 'test',
      events: [OrderCreated],
      permissions,
    },
  });
const routes = defineRoutes('notification', {
  'GET /me/notifications': {
    entry: 'http/list.ts',
    access: 'customer',
    summary: 'test',
    readOnly: true,
    response: { status: 200, description: 'test' },
  },
});
const sendEmail = () => [{ actions: ['ses:SendEmail'], resources: ['arn:aws:ses:::identity/x'] }];

describe('defineService permissions', () => {
  it('keeps the names each function declares next to the service’s statements', () => {
    const service = defineService({
      name: 'notification',
      description: 'test',
      routes,
      subscriptions: subscriptions(['sendEmail']),
      permissions: { sendEmail },
    });

    expect(service.subscriptions[0]?.permissions).toEqual(['sendEmail']);
    expect(service.routes[0]?.permissions).toBeUndefined();
    expect(Object.keys(service.permissions ?? {})).toEqual(['sendEmail']);
  });

  it('refuses a function naming a permission the service does not declare', () => {
    expect(() =>
      defineService({
        name: 'notification',
        description: 'test',
        routes,
        subscriptions: subscriptions(['sendEmail', 'sendSms']),
        permissions: { sendEmail },
      }),
    ).toThrow('names the permission "sendSms", which the service does not declare');
  });

  it('refuses a permission no function is granted', () => {
    expect(() =>
      defineService({
        name: 'notification',
        description: 'test',
        routes,
        subscriptions: subscriptions([]),
        permissions: { sendEmail },
      }),
    ).toThrow('no function is granted the permission "sendEmail"');
  });
});
