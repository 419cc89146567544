// The pre-token-generation trigger's claims for a customer (no Cognito lookup): the email goes into the
// access token only when Cognito says it is verified.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/auth/pre-token-generation.ts';

const trigger = (userAttributes: Record<string, string>) =>
  ({
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    userPoolId: 'us-east-1_TestPool',
    userName: 'user-1',
    request: { userAttributes, groupConfiguration: { groupsToOverride: [] }, scopes: [] },
    response: {},
  }) as unknown as PreTokenGenerationV2TriggerEvent;

const claimsOf = async (attributes: Record<string, string>) =>
  (await handler(trigger(attributes))).response.claimsAndScopeOverrideDetails?.accessTokenGeneration
    ?.claimsToAddOrOverride;

describe('pre-token-generation', () => {
  it('adds a verified email with email_verified "true"', async () => {
    expect(await claimsOf({ sub: 'user-1', email: 'ada@example.com', email_verified: 'true' })).toEqual({
      mfa: 'false',
      email_verified: 'true',
      email: 'ada@example.com',
    });
  });

  it.each([
    ['unverified', { email_verified: 'false' }],
    ['of unknown verification', {}],
  ])('leaves an email that is %s out of the token', async (_what, attributes) => {
    expect(await claimsOf({ sub: 'user-1', email: 'ada@example.com', ...attributes })).toEqual({
      mfa: 'false',
      email_verified: 'false',
    });
  });
});
