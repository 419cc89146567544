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
  /**
   * Other success statuses the route answers with the same body (a checkout: 202 while the shopper acts,
   * 200 for a replay that finds the order settled); the description says when. @default none
   */
  readonly alsoStatuses?: readonly (200 | 201 | 202)[];
  readonly description: string;
  /** Schema of the JSON body; absent for a response without one. */
  readonly body?: core.$ZodType;
}

export interface RouteContract {
  readonly params?: core.$ZodType;
  readonly query?: core.$ZodType;
  /**
   * Request headers the route reads, as a zod object keyed by lower-case name (not strict: a request has
   * other headers too); validated like the query and documented as header parameters.
   */
  readonly headers?: core.$ZodType;
  readonly body?: core.$ZodType;
  readonly maxBodyBytes?: number;
  readonly response: ResponseContract;
  /**
   * Domain errors the route can answer with besides the ones its shape implies (400, 401 and 403 on
   * protected routes, 413...): 401 or 403 on a public route that authenticates otherwise (a webhook's signature,
   * a signed link).
   */
  readonly errors?: readonly (401 | 402 | 403 | 404 | 409 | 422 | 503)[];
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

/** A cursor as `paginate` issues it: base64url payload, a dot, base64url HMAC-SHA256 (43 characters). */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/**
 * The optional `cursor` query parameter of a list route. The document states its format; its signature no
 * schema can state, so a well-formed cursor the API did not issue for this query is refused with 400.
 */
export function cursorQuery(maxLength = 2048) {
  return z.optional(
    z
      .string()
      .check(
        z.maxLength(maxLength),
        z.regex(CURSOR_PATTERN, 'A cursor as the API issued it (nextCursor).'),
        z.describe(
          'The `nextCursor` of the previous page, exactly as the API issued it for the same query; any other is refused with 400.',
        ),
      ),
  );
}

/**
 * Required text: at most `maxLength` characters as sent, not blank, stored trimmed. The limit applies
 * before trimming and "not blank" is a pattern, so the document states exactly what is accepted.
 */
export function text(maxLength: number) {
  return z.string().check(z.maxLength(maxLength), z.trim(), z.regex(/\S/, 'Must not be blank.'));
}

/**
 * A refinement for a rule the document cannot state as JSON Schema (one field after another, no entry
 * twice): a request that breaks only such rules is well formed and answers 422 `rule-violation` with
 * field-level detail, not 400. Its route lists 422 among its errors.
 */
export function rule<T>(check: (value: T) => boolean, message: string, path?: PropertyKey[]) {
  return z.refine<T>(check, { message, params: { rule: true }, ...(path ? { path } : {}) });
}

/** The `params` of an issue a `superRefine` adds for such a rule. */
export const RULE_ISSUE = { rule: true } as const;

/** Keeps the literal schema types of each entry, so that spreading one into `httpRoute` types the handler. */
export function defineContract<const C extends Readonly<Record<RouteKey, RouteContract>>>(contract: C): C {
  return contract;
}
