// Module-scope wiring shared by the user service's handlers: validated env, the Cognito directory, the audit
// store and the use cases over them, once per cold start.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { CognitoUserDirectory } from './directory.ts';
import { DynamoUserAuditStore } from './store.ts';
import { Users } from './user.ts';

const env = loadEnv(
  z.object({ TABLE_NAME: z.string().check(z.minLength(1)), USER_POOL_ID: z.string().check(z.minLength(1)) }),
);

export const users = new Users(
  new CognitoUserDirectory(new CognitoIdentityProviderClient({}), env.USER_POOL_ID),
  new DynamoUserAuditStore(createDocumentClient(), env.TABLE_NAME),
);
