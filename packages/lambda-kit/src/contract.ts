// A service's HTTP contract: per route, the zod schemas its handler validates with and the response it
// gives. Handlers spread their entry into `httpRoute`, and the OpenAPI document is generated from the same
// objects, so the document cannot drift from what the API accepts.
import type * as core from 'zod/v4/core';
import * as z from 'zod/mini';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `"<METHOD> <path>"`, the path as in the route table, e.g. `"PATCH /products/{id}"`. */
export type RouteKey = `${HttpMethod} /${string}`;

export interface ResponseContract {
  readonly status: 200 | 201 | 202 | 204;
  readonly description: string;
  /** Schema of the JSON body; absent for a response without one. */
  readonly body?: core.$ZodType;
}

export interface RouteContract {
  readonly params?: core.$ZodType;
  readonly query?: core.$ZodType;
  readonly body?: core.$ZodType;
  readonly maxBodyBytes?: number;
  readonly response: ResponseContract;
  /** Domain errors the route can answer with besides the ones its shape implies (400, 401, 403, 413...). */
  readonly errors?: readonly (402 | 404 | 409 | 422 | 503)[];
}

/**
 * The body of a list route's page (what `paginate` answers), documented under `id` in the OpenAPI
 * document: the items and, unless it is the last page, the cursor of the next.
 */
export function pageSchema<T extends core.$ZodType>(item: T, id: string) {
  return z
    .strictObject({
      items: z.array(item),
      nextCursor: z
        .optional(z.string())
        .check(z.describe('Pass as `cursor` for the next page; absent on the last.')),
    })
    .check(z.meta({ id }));
}

/** Keeps the literal schema types of each entry, so that spreading one into `httpRoute` types the handler. */
export function defineContract<const C extends Readonly<Record<RouteKey, RouteContract>>>(contract: C): C {
  return contract;
}
