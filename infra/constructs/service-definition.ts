// The shape of a service's wiring (infra/services/<name>.ts): plain data that the Service construct turns
// into functions, routes and subscriptions, and that the event catalog docs and the Auth service read too.
import type { EventDefinition, ServiceName } from '@commerce/events';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { StageConfig } from '../config/stage-config.ts';

/**
 * Who may call a route. `public`: anyone; `customer`: any signed-in user; `staff`: the staff or admin group;
 * `admin`: the admin group. Enforced by the Auth service's authorizer; object-level checks are the handler's.
 */
export type Access = 'public' | 'customer' | 'staff' | 'admin';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Another service's internal function a function calls (Lambda Invoke under IAM). The caller gets
 * `lambda:InvokeFunction` on that function only, and its name in the environment variable that
 * `invokeEnvName` gives (`pricing`/`quote` → `PRICING_QUOTE_FUNCTION`).
 */
export interface InvokeTarget {
  readonly service: ServiceName;
  /** The target's InternalFunctionDefinition name. */
  readonly name: string;
}

/** `{ service: 'shipping', name: 'createShipment' }` → `SHIPPING_CREATE_SHIPMENT_FUNCTION`. */
export function invokeEnvName(target: InvokeTarget): string {
  const snake = target.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `${target.service.toUpperCase()}_${snake}_FUNCTION`;
}

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API path with `{param}` segments, e.g. `/products/{id}`. */
  readonly path: string;
  readonly access: Access;
  /** OAuth scopes that also grant access, for partner integrations (client credentials). */
  readonly scopes?: readonly string[];
  /** Handler file, relative to the repository root. */
  readonly handler: string;
  readonly summary: string;
  /** The handler signs pagination cursors and needs the cursor signing key. */
  readonly paginates?: boolean;
  /** The handler only reads its table: no write grant. */
  readonly readOnly?: boolean;
  /** Cognito actions the handler calls on the user pool (USER_POOL_ID is set for it): Admin* and the listings. */
  readonly userPoolActions?: readonly (
    `cognito-idp:Admin${string}` | 'cognito-idp:ListUsers' | 'cognito-idp:ListUsersInGroup'
  )[];
  /** Internal functions of other services the handler calls. @default none */
  readonly invokes?: readonly InvokeTarget[];
  /** A longer timeout than the stage's default, for a route that calls other services in turn. */
  readonly timeoutSeconds?: number;
}

export interface SubscriptionDefinition {
  /** Stable name; also names the queue, its DLQ and the idempotency records. */
  readonly name: string;
  readonly events: readonly EventDefinition[];
  /** Consumer file, relative to the repository root. */
  readonly handler: string;
  /** Internal functions of other services the consumer calls. @default none */
  readonly invokes?: readonly InvokeTarget[];
}

/**
 * A function not behind the API: invoked synchronously by other services (Lambda Invoke under IAM; a
 * caller gets `grantInvoke` on it through Service.internalFunctions), or on a schedule.
 */
export interface InternalFunctionDefinition {
  /** Stable name, unique in the service (e.g. `quote`); names the construct and its stack output. */
  readonly name: string;
  /** Handler file, relative to the repository root. */
  readonly handler: string;
  readonly description: string;
  /** The function only reads its table: no write grant. @default false */
  readonly readOnly?: boolean;
  /** An EventBridge schedule expression that also invokes it, e.g. `rate(1 minute)`. @default none */
  readonly schedule?: `rate(${string})` | `cron(${string})`;
  /** Internal functions of other services this one calls. @default none */
  readonly invokes?: readonly InvokeTarget[];
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly description: string;
  readonly routes: readonly RouteDefinition[];
  readonly subscriptions: readonly SubscriptionDefinition[];
  /** Events this service publishes through its outbox. */
  readonly publishes: readonly EventDefinition[];
  /** Functions for other services' synchronous calls. @default none */
  readonly internal?: readonly InternalFunctionDefinition[];
  /** Environment every function of the service gets, from the stage's settings. @default none */
  readonly environment?: (config: StageConfig) => Readonly<Record<string, string>>;
  /**
   * IAM statements every function of the service gets beyond its table, bus and cursor key (e.g. SES
   * SendEmail on the sender identity). Keep them to the resources the service needs. @default none
   */
  readonly permissions?: (config: StageConfig) => readonly PolicyStatement[];
}
