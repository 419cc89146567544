// Cognito pre-token-generation trigger (V2): adds to the access token what the Auth service needs and the
// token lacks: `email` with `email_verified`, and for staff and admins `mfa` ("true" when TOTP is set up),
// which the authorizer requires of them wherever the stage says so. Customers skip the lookup. An email the
// user has not verified is left out: order mail and the account's identity must never go to an address
// nobody proved they own.
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { logger } from '@commerce/lambda-kit/observability';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

const cognito = new CognitoIdentityProviderClient({});
const STAFF_GROUPS = new Set(['staff', 'admin']);

async function hasTotp(userPoolId: string, username: string): Promise<boolean> {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  return (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
}

export async function handler(
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  const isStaff = groups.some((g) => STAFF_GROUPS.has(g));
  const mfa = isStaff ? await hasTotp(event.userPoolId, event.userName) : false;
  if (isStaff && !mfa) logger.info('Staff token without MFA', { groups });
  const { email, email_verified: emailVerified } = event.request.userAttributes;
  const verified = emailVerified === 'true' && Boolean(email);
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: {
        claimsToAddOrOverride: {
          mfa: String(mfa),
          email_verified: String(verified),
          ...(verified && email ? { email } : {}),
        },
      },
    },
  };
  return event;
}
