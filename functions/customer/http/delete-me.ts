// DELETE /me: the customer leaves. Sign-in is disabled first (so a failure leaves nothing half done that
// the customer could still use), then the profile is anonymized, the addresses deleted and
// customer.deleted announced, in one transaction.
import {
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CustomerDeleted } from '@commerce/events';
import { loadEnv } from '@commerce/lambda-kit/env';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import * as z from 'zod';
import { anonymize } from '../domain/customer.ts';
import { currentCustomer, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

const { USER_POOL_ID } = loadEnv(z.object({ USER_POOL_ID: z.string().min(1) }));
const cognito = new CognitoIdentityProviderClient({});

export const handler = httpRoute({
  ...customerRoutes['DELETE /me'],
  handler: async ({ principal, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: USER_POOL_ID, Username: customer.id }));
    const now = new Date();
    const addresses = await store.listAddresses(customer.id);
    await store.saveChange(
      { before: customer, after: anonymize(customer, now), changedFields: ['deleted'] },
      outboxItem(CustomerDeleted, { id: customer.id, deletedAt: now.toISOString() }, { correlationId }, now),
      addresses.map((a) => store.addressDelete(customer.id, a.id)),
    );
    return { status: 204 };
  },
});
