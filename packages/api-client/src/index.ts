// A typed client of the commerce API: paths, parameters, bodies and responses come from the OpenAPI document
// (./schema.ts is generated from docs/openapi.json). Built on openapi-fetch: every call returns
// `{ data, error, response }`, where `error` is the problem+json body of a failed call.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, operations, paths } from './schema.ts';
export type Problem = components['schemas']['Problem'];

export interface CommerceClientOptions {
  /** The API's base URL, stage included (the ApiUrl stack output). */
  readonly baseUrl: string;
  /** A Cognito access token; a function is called before every request (for refreshing callers). */
  readonly token?: string | (() => string | undefined);
  /** A partner's API key (partner API only). */
  readonly apiKey?: string;
  /** Sent as x-correlation-id on every request. */
  readonly correlationId?: string;
  /** Another fetch, e.g. for tests or proxies. */
  readonly fetch?: typeof globalThis.fetch;
}

export type CommerceClient = Client<paths>;

export function createCommerceClient(options: CommerceClientOptions): CommerceClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const credentials: Middleware = {
    onRequest({ request }) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      if (options.apiKey) request.headers.set('x-api-key', options.apiKey);
      if (options.correlationId) request.headers.set('x-correlation-id', options.correlationId);
      return request;
    },
  };
  client.use(credentials);
  return client;
}
