// Who may call which route, and the IAM policy that says so to API Gateway. Pure; no AWS.
import type { HttpMethod } from '@commerce/lambda-kit/contract';
import type { Access } from '@commerce/lambda-kit/service';

/** The verified caller: a person signed in through an app client, or a partner's client (client credentials). */
export interface Caller {
  readonly kind: 'user' | 'client';
  /** User sub, or the client id for a client. */
  readonly sub: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  /** Staff and admins must have set up MFA; false where the token says they have not. */
  readonly mfa: boolean;
}

export interface RouteAccess {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: Access;
  readonly scopes?: readonly string[];
}

const STAFF_GROUPS = new Set(['staff', 'admin']);

/**
 * The token's email when the token says it is verified (both claims come from the pre-token-generation
 * trigger), else ''. Handlers use this email for order mail and as the account's identity, so an address
 * nobody proved they own never reaches them.
 */
export function verifiedEmail(claims: Readonly<Record<string, unknown>>): string {
  const verified = claims.email_verified === 'true' || claims.email_verified === true;
  return verified && typeof claims.email === 'string' ? claims.email : '';
}

export interface AccessOptions {
  readonly requireStaffMfa: boolean;
  /**
   * Which API is being called. People use the public API; partner clients the partner API, where their API
   * key meters them (a partner token on the public API would escape its usage plan). Default: public.
   */
  readonly api?: 'public' | 'partner';
}

/** Whether the caller may call the route, by group (people) or by scope (partner clients). */
export function mayCall(caller: Caller, route: RouteAccess, options: AccessOptions): boolean {
  if (route.access === 'public') return true;
  if ((caller.kind === 'client') !== (options.api === 'partner')) return false;
  if (caller.kind === 'client') return (route.scopes ?? []).some((s) => caller.scopes.includes(s));
  const staffOk = !options.requireStaffMfa || caller.mfa;
  switch (route.access) {
    case 'customer':
      return true;
    case 'staff':
      return staffOk && caller.groups.some((g) => STAFF_GROUPS.has(g));
    case 'admin':
      return staffOk && caller.groups.includes('admin');
  }
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}` from the ARN of the method being called. */
export function apiStageArn(methodArn: string): string {
  const match = /^(arn:[^:]+:execute-api:[^:]+:[^:]+:[^/]+\/[^/]+)\//.exec(methodArn);
  if (!match?.[1]) throw new Error(`Not an execute-api method ARN: ${methodArn}`);
  return match[1];
}

/** The resource ARN of a route; path parameters become `*`. */
export function routeArn(stageArn: string, route: Pick<RouteAccess, 'method' | 'path'>): string {
  return `${stageArn}/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`;
}

/** Whether an IAM resource pattern (`*` matches anything, `/` included) matches a string. */
export function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(value);
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    Effect: 'Allow' | 'Deny';
    Action: 'execute-api:Invoke';
    Resource: string[];
  }[];
}

/**
 * The policy for one caller over the whole API: Allow on every route it may call, explicit Deny on every
 * other protected route. The explicit Deny matters because `*` in a resource ARN also matches `/`, so an
 * Allow on `GET/products/*` would otherwise open `GET/products/x/anything`. API Gateway caches the policy
 * per token and applies it to every route, which is why it must cover all of them.
 */
export function policyFor(
  caller: Caller,
  routes: readonly RouteAccess[],
  stageArn: string,
  options: AccessOptions,
): PolicyDocument {
  const protectedRoutes = routes.filter((r) => r.access !== 'public');
  const allowed = protectedRoutes
    .filter((r) => mayCall(caller, r, options))
    .map((r) => routeArn(stageArn, r));
  // A Deny that would also match an allowed route (`GET/users/*` against `GET/users/me`) is left out:
  // without an Allow that matches it, the route it stands for is still refused.
  const denied = protectedRoutes
    .filter((r) => !mayCall(caller, r, options))
    .map((r) => routeArn(stageArn, r))
    .filter((deny) => !allowed.some((allow) => globMatches(deny, allow)));
  return {
    Version: '2012-10-17',
    Statement: [
      ...(allowed.length
        ? [{ Effect: 'Allow' as const, Action: 'execute-api:Invoke' as const, Resource: allowed }]
        : []),
      {
        Effect: 'Deny' as const,
        Action: 'execute-api:Invoke' as const,
        Resource: denied.length ? denied : [`${stageArn}/NONE/nothing`],
      },
    ],
  };
}
