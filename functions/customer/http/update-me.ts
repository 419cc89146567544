// PATCH /me: change name, phone, locale, currency or marketing consent (never email, segments or groups).
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['PATCH /me'],
  handler: async ({ principal, body: { version, ...patch }, correlationId }) => ({
    status: 200,
    body: await customers.updateProfile(principal, version, patch, { correlationId }),
  }),
});
