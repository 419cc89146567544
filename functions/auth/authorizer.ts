// The Auth service: a Lambda REQUEST authorizer. Verifies the Cognito access token in `Authorization:
// Bearer <token>` (signature against the pool's JWKS, issuer, expiry, token use, client allow-list) and
// answers with a policy covering exactly the routes this caller may call, plus the caller's identity for
// the handlers. API Gateway caches the answer per token.
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import * as z from 'zod';
import { allRoutes } from '../../infra/services/routes.ts';
import { apiStageArn, policyFor, type Caller } from './domain/access.ts';

const env = loadEnv(
  z.object({
    USER_POOL_ID: z.string().min(1),
    CLIENT_IDS: z.string().min(1),
    REQUIRE_STAFF_MFA: z.enum(['true', 'false']),
    /** Local stage only: where the emulator serves the pool's JWKS (plain http, other host than the issuer). */
    JWKS_URL: z.url().optional(),
  }),
);

const jwksCache = env.JWKS_URL
  ? new SimpleJwksCache({
      fetcher: {
        fetch: async () => (await fetch(env.JWKS_URL!, { signal: AbortSignal.timeout(3000) })).arrayBuffer(),
      },
    })
  : undefined;

const verifier = CognitoJwtVerifier.create(
  { userPoolId: env.USER_POOL_ID, tokenUse: 'access', clientId: env.CLIENT_IDS.split(',') },
  jwksCache ? { jwksCache } : undefined,
);

const options = { requireStaffMfa: env.REQUIRE_STAFF_MFA === 'true' };

/** API Gateway turns this exact message into 401. */
const unauthorized = () => new Error('Unauthorized');

export async function handler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header ?? '')?.[1];
  if (!token) throw unauthorized();

  let payload: Awaited<ReturnType<typeof verifier.verify>>;
  try {
    payload = await verifier.verify(token);
  } catch (error) {
    logger.info('Token refused', { reason: error instanceof Error ? error.message : 'unknown' });
    throw unauthorized();
  }

  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  // Client-credentials tokens have no user: their sub is the client id and they carry no username.
  const caller: Caller = {
    kind: payload.username === undefined ? 'client' : 'user',
    sub: payload.sub,
    groups: payload['cognito:groups'] ?? [],
    scopes,
    mfa: payload.mfa === 'true',
  };
  const policy = policyFor(caller, allRoutes, apiStageArn(event.methodArn), options);
  return {
    principalId: caller.sub,
    policyDocument: { ...policy, Statement: [...policy.Statement] },
    context: {
      sub: caller.sub,
      kind: caller.kind,
      // Added to the access token by the pre-token-generation trigger.
      email: typeof payload.email === 'string' ? payload.email : '',
      groups: caller.groups.join(','),
      scopes: scopes.join(' '),
    },
  };
}
