// Module-scope wiring shared by the customer service's handlers and its Cognito trigger: validated env, the
// DynamoDB client, the store and the use cases over it, once per cold start.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { CognitoSignIn } from './cognito-sign-in.ts';
import { AccountClosure, Customers } from './customer.ts';
import { DynamoCustomerStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

const store = new DynamoCustomerStore(createDocumentClient(), env.TABLE_NAME);

export const customers = new Customers(store);

/**
 * DELETE /me's use case, over Cognito. Only that route is given the user pool (USER_POOL_ID and the grant
 * to sign out and delete users), so only its handler builds this, at its cold start, and only its bundle carries the
 * Cognito client.
 */
export function accountClosure(): AccountClosure {
  const { USER_POOL_ID } = loadEnv(z.object({ USER_POOL_ID: z.string().check(z.minLength(1)) }));
  return new AccountClosure(
    customers,
    store,
    new CognitoSignIn(new CognitoIdentityProviderClient({}), USER_POOL_ID),
  );
}
