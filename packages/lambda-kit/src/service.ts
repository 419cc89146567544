// A service's declaration, next to its code: its routes (method, path, access, contract, what they call),
// its bus subscriptions, its internal functions and the events it publishes. Plain data without AWS or CDK,
// so the handlers, the CDK app, the OpenAPI generator and the authorizer's route table are all built from
// the one declaration. Handlers import only the part they serve (`routes.ts`, `subscriptions.ts`), never
// the whole service.
import type { InternalContract } from '@commerce/contracts';
import type { EventDefinition, ServiceName } from '@commerce/events';
import type { HttpMethod, RouteContract, RouteKey } from './contract.ts';

/**
 * Who may call a route. `public`: anyone; `customer`: any signed-in user; `staff`: the staff or admin group;
 * `admin`: the admin group. Enforced by the Auth service's authorizer; object-level checks are the handler's.
 */
export type Access = 'public' | 'customer' | 'staff' | 'admin';

/** The folder a declaration belongs to: a service, or the platform's own routes (functions/platform). */
export type Owner = ServiceName | 'platform';

/** Cognito calls a handler makes on the user pool (USER_POOL_ID is set for it). */
export type UserPoolAction =
  `cognito-idp:Admin${string}` | 'cognito-idp:ListUsers' | 'cognito-idp:ListUsersInGroup';

/** What the infrastructure needs to run one function besides its code. */
interface FunctionNeeds {
  /** The function only reads its service's table: no write grant. @default false */
  readonly readOnly?: boolean;
  /**
   * Internal functions of other services it calls, by their contracts: it may invoke exactly those and
   * finds each one's deployed name in the contract's `functionEnv`. @default none
   */
  readonly invokes?: readonly InternalContract[];
  /** A longer timeout than the stage's default (seconds), for work that calls other services in turn. */
  readonly timeoutSeconds?: number;
  /**
   * The service's named permissions (`permissions` of its declaration) this function is granted beyond
   * its table, its invokes and its cursor key: `['sendEmail']`. A function that names none gets none of them.
   * @default none
   */
  readonly permissions?: readonly string[];
  /**
   * The function signs or checks tokens with the stage's signing key (the pagination cursors' key, each use
   * under a scope of its own, e.g. a guest's review link). Routes that paginate get it anyway. @default false
   */
  readonly signsTokens?: boolean;
}

/** A route as its service declares it. */
export interface RouteSpec extends RouteContract, FunctionNeeds {
  /** The handler module, relative to the service's folder: `http/get-product.ts`. */
  readonly entry: string;
  readonly access: Access;
  /** OAuth scopes that also grant access, for partner integrations; such routes are on the partner API too. */
  readonly scopes?: readonly string[];
  readonly summary: string;
  /** The handler signs pagination cursors and needs the cursor signing key. @default false */
  readonly paginates?: boolean;
  /** The handler takes the body unparsed (webhooks whose signature covers the exact bytes). @default false */
  readonly rawBody?: boolean;
  readonly userPoolActions?: readonly UserPoolAction[];
}

/** A declared route: its spec, with the key, method and path it serves and the handler's repository path. */
export type Route<K extends RouteKey = RouteKey, S extends RouteSpec = RouteSpec> = Omit<S, 'entry'> & {
  readonly key: K;
  readonly method: HttpMethod;
  readonly path: string;
  readonly owner: Owner;
  /** The handler module relative to the repository root: `functions/catalog/http/get-product.ts`. */
  readonly entry: string;
};

export type Routes<R extends Readonly<Record<RouteKey, RouteSpec>>> = {
  readonly [K in keyof R & RouteKey]: Route<K, R[K]>;
};

/**
 * Declares a service's routes, keyed by `"<METHOD> <path>"`. A handler spreads its entry into `httpRoute`
 * (which types the handler and stamps the route it serves); infra builds the API, the OpenAPI document and
 * the authorizer's table from the same entries.
 */
export function defineRoutes<const R extends Readonly<Record<RouteKey, RouteSpec>>>(
  owner: Owner,
  specs: R,
): Routes<R> {
  const out: Record<string, Route> = {};
  for (const [key, spec] of Object.entries(specs) as [RouteKey, RouteSpec][]) {
    const space = key.indexOf(' ');
    out[key] = {
      ...spec,
      key,
      method: key.slice(0, space) as HttpMethod,
      path: key.slice(space + 1),
      owner,
      entry: `functions/${owner}/${spec.entry}`,
    };
  }
  return out as Routes<R>;
}

/** A bus subscription as its service declares it. */
export interface SubscriptionSpec<
  E extends readonly EventDefinition[] = readonly EventDefinition[],
> extends Omit<FunctionNeeds, 'readOnly'> {
  /** The consumer module, relative to the service's folder: `consumers/payment-events.ts`. */
  readonly entry: string;
  /** What it is for, one line (rule and queue descriptions). */
  readonly description: string;
  /** The event types the rule delivers and the consumer handles, each with a handler of its own. */
  readonly events: E;
}

/** A declared subscription: its spec with its stable name (which names the queue, DLQ and idempotency records). */
export interface Subscription<
  N extends string = string,
  E extends readonly EventDefinition[] = readonly EventDefinition[],
> {
  readonly name: N;
  readonly owner: ServiceName;
  /** The consumer module relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly events: E;
  readonly invokes?: readonly InternalContract[];
  readonly timeoutSeconds?: number;
  readonly permissions?: readonly string[];
}

export type Subscriptions<S extends Readonly<Record<string, SubscriptionSpec>>> = {
  readonly [N in keyof S & string]: Subscription<N, S[N]['events']>;
};

/** Declares a service's subscriptions by name; the CDK app builds the rules and the consumer reads the same entry. */
export function defineSubscriptions<const S extends Readonly<Record<string, SubscriptionSpec>>>(
  owner: ServiceName,
  specs: S,
): Subscriptions<S> {
  const out: Record<string, Subscription> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = { ...spec, name, owner, entry: `functions/${owner}/${spec.entry}` };
  }
  return out as Subscriptions<S>;
}

/**
 * A function outside the API: invoked synchronously by other services (Lambda Invoke under IAM; only a caller
 * that names it in `invokes` may), or on a schedule.
 */
export interface InternalFunctionSpec extends FunctionNeeds {
  /** What it takes and answers; its service and name are the function's (callers name the contract). */
  readonly contract: InternalContract;
  /** The handler module, relative to the service's folder. */
  readonly entry: string;
  /** An EventBridge schedule expression that also invokes it, e.g. `rate(1 minute)`. @default none */
  readonly schedule?: `rate(${string})` | `cron(${string})`;
}

/** A declared internal function: its spec, its name and description (its contract's), its handler's path. */
export interface InternalFunction extends Omit<InternalFunctionSpec, 'entry'> {
  readonly name: string;
  readonly description: string;
  /** The handler module relative to the repository root. */
  readonly entry: string;
}

/**
 * The consumer of a service bucket's new objects: S3 announces every object created under `prefix` (through
 * EventBridge), and a queue with a DLQ delivers the announcements to it.
 */
export interface UploadConsumerSpec extends Omit<FunctionNeeds, 'readOnly'> {
  /** The consumer module, relative to the service's folder. */
  readonly entry: string;
  readonly description: string;
  /** Objects created under this key prefix reach the consumer: `uploads/`. */
  readonly prefix: string;
  /** More memory than the stage's default (MB), for work such as image processing. @default the stage's */
  readonly memoryMb?: number;
  /**
   * npm packages with native code that the bundle carries as installed files (with their platform's
   * binaries) instead of bundling: `['sharp']`. @default none
   */
  readonly nativeModules?: readonly string[];
}

/** A bucket the service keeps files in (created with the stage's stateful resources). */
export interface StorageSpec {
  /** What it holds, for descriptions. */
  readonly description: string;
  /** Key prefix of the files browsers read (through the CDN where the stage has one): `m/`. */
  readonly publicPrefix: string;
  readonly onUpload?: UploadConsumerSpec;
}

/** The name of a service's bucket: fixed, so permissions name it without a cross-stack reference. */
export function serviceBucketName(stage: string, service: string, target: DeploymentTarget): string {
  return `commerce-${stage}-${service}-${target.account}-${target.region}`;
}

/** One IAM statement, as plain data (the CDK app turns it into a policy statement). */
export interface IamStatement {
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** IAM conditions: operator → key → value(s). @default none */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  /**
   * Why an Allow names Resource "*" (the action takes no resource ARN). It becomes the cdk-nag
   * acknowledgement of `Resource::*` on the role of each function granted the statement, and covers these
   * actions only: without it, or for any other action on "*", the finding stands. @default none
   */
  readonly wildcardReason?: string;
  /**
   * Why resources ending in `*` name many by a prefix (every queue of the stage's stacks). It becomes the
   * cdk-nag acknowledgement of exactly those resources on the role of each function granted the statement.
   * @default none
   */
  readonly prefixReason?: string;
}

/** A named set of IAM statements, from the stage's settings and the deployment target. */
export type Permission<Stage = unknown> = (stage: Stage, target: DeploymentTarget) => readonly IamStatement[];

/** Where a service is deployed, for the ARNs of its permissions (CDK tokens in a synthesized app). */
export interface DeploymentTarget {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * A service: everything the CDK app deploys for it. `Stage` is the part of the stage settings the service
 * reads (structurally: the CDK app passes its whole stage configuration).
 */
export interface ServiceDefinition<Stage = unknown> {
  readonly name: ServiceName;
  readonly description: string;
  readonly routes: readonly Route[];
  readonly subscriptions: readonly Subscription[];
  /** Events it publishes through its outbox. */
  readonly publishes: readonly EventDefinition[];
  /** Functions for other services' synchronous calls, or scheduled work. @default none */
  readonly internal?: readonly InternalFunction[];
  /** Environment every function of the service gets, from the stage's settings. @default none */
  readonly environment?: (stage: Stage) => Readonly<Record<string, string>>;
  /**
   * Permissions some of its functions need beyond their table, invokes and cursor key (e.g. SES SendEmail on
   * the sender identity), by name. Each function is granted exactly the ones its own declaration names in
   * `permissions`; every name is used by some function. Keep them to the resources needed. @default none
   */
  readonly permissions?: Readonly<Record<string, Permission<Stage>>>;
  /** Its bucket, where it keeps files rather than items (its upload consumer's entry from the repository root). @default none */
  readonly storage?: StorageSpec;
}

/**
 * Declares a service from its parts: the route and subscription maps become lists, internal functions get
 * their repository paths.
 */
export function defineService<Stage = unknown>(spec: {
  readonly name: ServiceName;
  readonly description: string;
  readonly routes?: Readonly<Record<string, Route>>;
  readonly subscriptions?: Readonly<Record<string, Subscription>>;
  readonly publishes?: readonly EventDefinition[];
  readonly internal?: readonly InternalFunctionSpec[];
  readonly environment?: (stage: Stage) => Readonly<Record<string, string>>;
  readonly permissions?: Readonly<Record<string, Permission<Stage>>>;
  readonly storage?: StorageSpec;
}): ServiceDefinition<Stage> {
  const functions = [
    ...Object.values(spec.routes ?? {}),
    ...Object.values(spec.subscriptions ?? {}),
    ...(spec.internal ?? []),
    ...(spec.storage?.onUpload ? [spec.storage.onUpload] : []),
  ];
  const declared = Object.keys(spec.permissions ?? {});
  const named = new Set(functions.flatMap((f) => f.permissions ?? []));
  for (const name of named) {
    if (!declared.includes(name)) {
      throw new Error(
        `${spec.name}: a function names the permission "${name}", which the service does not declare`,
      );
    }
  }
  for (const name of declared) {
    if (!named.has(name)) throw new Error(`${spec.name}: no function is granted the permission "${name}"`);
  }
  return {
    name: spec.name,
    description: spec.description,
    routes: Object.values(spec.routes ?? {}),
    subscriptions: Object.values(spec.subscriptions ?? {}),
    publishes: spec.publishes ?? [],
    internal: (spec.internal ?? []).map((f) => {
      if (f.contract.service !== spec.name) {
        throw new Error(
          `${spec.name} declares ${f.contract.service}.${f.contract.name}, another service's function`,
        );
      }
      return {
        ...f,
        name: f.contract.name,
        description: f.contract.description,
        entry: `functions/${spec.name}/${f.entry}`,
      };
    }),
    ...(spec.environment ? { environment: spec.environment } : {}),
    ...(spec.permissions ? { permissions: spec.permissions } : {}),
    ...(spec.storage
      ? {
          storage: {
            ...spec.storage,
            ...(spec.storage.onUpload
              ? {
                  onUpload: {
                    ...spec.storage.onUpload,
                    entry: `functions/${spec.name}/${spec.storage.onUpload.entry}`,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
