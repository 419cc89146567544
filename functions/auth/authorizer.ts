// The Auth service: a Lambda REQUEST authorizer. Verifies the Cognito access token in `Authorization:
// Bearer <token>` (signature against the pool's JWKS, issuer, expiry, token use, client allow-list) and
// answers with a policy covering exactly the routes this caller may call, plus the caller's identity for
// the handlers. API Gateway caches the answer per token.
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
// zod/mini: the authorizer runs before every protected request; classic zod would double what it loads.
import * as z from 'zod/mini';
import { apiStageArn, policyFor, verifiedEmail, type Caller } from './domain/access.ts';
import { routeTable } from '@commerce/api-client/route-table';

const env = loadEnv(
  z.object({
    USER_POOL_ID: z.string().check(z.minLength(1)),
    CLIENT_IDS: z.string().check(z.minLength(1)),
    REQUIRE_STAFF_MFA: z.enum(['true', 'false']),
    /** Local stage only: where the emulator serves the pool's JWKS (plain http, other host than the issuer). */
    JWKS_URL: z.optional(z.url()),
    /** The partner API: partner clients are served there only, users only on the public API. */
    PARTNER_API_ID: z.string().check(z.minLength(1)),
  }),
);

const jwksCache = env.JWKS_URL
  ? new SimpleJwksCache({
      fetcher: {
        fetch: async () => (await fetch(env.JWKS_URL!, { signal: AbortSignal.timeout(3000) })).arrayBuffer(),
      },
    })
  : undefined;

// The client is checked after verification: people must sign in through one of the API's app clients, while
// partners each have their own client-credentials client, created at run time (packages/ops), whose tokens
// carry only the scopes Cognito granted that client.
const verifier = CognitoJwtVerifier.create(
  { userPoolId: env.USER_POOL_ID, tokenUse: 'access', clientId: null },
  jwksCache ? { jwksCache } : undefined,
);
const apiClientIds = new Set(env.CLIENT_IDS.split(','));

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

  // Client-credentials tokens have no user: their sub is the client id and they carry no username.
  const kind = payload.username === undefined ? 'client' : 'user';
  if (kind === 'user' && !apiClientIds.has(payload.client_id)) {
    logger.info('Token refused', { reason: 'user token of a client the API does not accept' });
    throw unauthorized();
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const caller: Caller = {
    kind,
    sub: payload.sub,
    groups: payload['cognito:groups'] ?? [],
    scopes,
    mfa: payload.mfa === 'true',
  };
  const stageArn = apiStageArn(event.methodArn);
  const policy = policyFor(caller, routeTable, stageArn, {
    requireStaffMfa: env.REQUIRE_STAFF_MFA === 'true',
    api: stageArn.split(':')[5]?.split('/')[0] === env.PARTNER_API_ID ? 'partner' : 'public',
  });
  return {
    principalId: caller.sub,
    policyDocument: { ...policy, Statement: [...policy.Statement] },
    context: {
      sub: caller.sub,
      kind: caller.kind,
      // Added to the access token by the pre-token-generation trigger, and handed on only when verified.
      email: verifiedEmail(payload),
      groups: caller.groups.join(','),
      scopes: scopes.join(' '),
    },
  };
}
