import { describe, expect, it } from 'vitest';
import {
  apiStageArn,
  mayCall,
  policyFor,
  routeArn,
  type Caller,
  type RouteAccess,
} from '../../../functions/auth/domain/access.ts';

const routes: RouteAccess[] = [
  { method: 'GET', path: '/products/{id}', access: 'public' },
  { method: 'GET', path: '/me', access: 'customer' },
  { method: 'POST', path: '/products', access: 'staff', scopes: ['commerce/catalog.write'] },
  { method: 'GET', path: '/users', access: 'admin' },
];
const person = (groups: string[], mfa = true): Caller => ({
  kind: 'user',
  sub: 'u1',
  groups,
  scopes: [],
  mfa,
});
const client = (scopes: string[]): Caller => ({ kind: 'client', sub: 'c1', groups: [], scopes, mfa: false });
const strict = { requireStaffMfa: true };
const allowedPaths = (caller: Caller, api: 'public' | 'partner' = 'public') =>
  routes
    .filter((r) => r.access !== 'public' && mayCall(caller, r, { ...strict, api }))
    .map((r) => `${r.method} ${r.path}`);

describe('mayCall', () => {
  it('lets a customer call customer routes only', () => {
    expect(allowedPaths(person([]))).toEqual(['GET /me']);
  });

  it('lets staff call staff routes but not admin routes, and admins everything', () => {
    expect(allowedPaths(person(['staff']))).toEqual(['GET /me', 'POST /products']);
    expect(allowedPaths(person(['admin']))).toEqual(['GET /me', 'POST /products', 'GET /users']);
  });

  it('refuses staff and admin rights without MFA where MFA is required', () => {
    expect(allowedPaths(person(['admin'], false))).toEqual(['GET /me']);
    expect(
      routes.filter((r) => mayCall(person(['admin'], false), r, { requireStaffMfa: false })),
    ).toHaveLength(4);
  });

  it('lets a partner client call exactly the routes its scopes name, on the partner API', () => {
    expect(allowedPaths(client(['commerce/catalog.write']), 'partner')).toEqual(['POST /products']);
    expect(allowedPaths(client(['commerce/orders.read']), 'partner')).toEqual([]);
  });

  it('keeps partners off the public API (their usage plan meters them) and people off the partner API', () => {
    expect(allowedPaths(client(['commerce/catalog.write']), 'public')).toEqual([]);
    expect(allowedPaths(person(['admin']), 'partner')).toEqual([]);
    expect(routes.filter((r) => mayCall(client([]), r, strict)).map((r) => r.access)).toEqual(['public']);
  });
});

describe('policyFor', () => {
  const stage = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1';

  it('finds the stage ARN in a method ARN and turns path parameters into wildcards', () => {
    expect(apiStageArn(`${stage}/GET/products/p1`)).toBe(stage);
    expect(routeArn(stage, { method: 'GET', path: '/products/{id}/reviews' })).toBe(
      `${stage}/GET/products/*/reviews`,
    );
    expect(() => apiStageArn('arn:aws:s3:::bucket')).toThrow();
  });

  it('allows what the caller may call and explicitly denies every other protected route', () => {
    const policy = policyFor(person(['staff']), routes, stage, strict);
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: [`${stage}/GET/me`, `${stage}/POST/products`],
      },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [`${stage}/GET/users`] },
    ]);
  });

  it('leaves out a Deny that would shadow an allowed route, which stays the only one allowed', () => {
    const overlapping: RouteAccess[] = [
      { method: 'GET', path: '/users/me', access: 'customer' },
      { method: 'GET', path: '/users/{id}', access: 'admin' },
    ];
    const policy = policyFor(person([]), overlapping, stage, strict);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: [`${stage}/GET/users/me`] });
    expect(policy.Statement[1]).toMatchObject({ Effect: 'Deny', Resource: [`${stage}/NONE/nothing`] });
  });

  it('is a valid policy even for a caller who may call nothing protected', () => {
    const policy = policyFor(client([]), routes, stage, strict);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]!.Effect).toBe('Deny');
  });
});
