// What an internal function is, as callee and caller both see it: the service that owns it, its name, the
// request it validates, the reply it answers on success, and the refusal shape every internal function
// shares (problem+json members inside `{ error }`). Plain zod, no AWS: both sides import it.
import type { ServiceName } from '@commerce/events';
import type * as core from 'zod/v4/core';
import * as z from 'zod/mini';

/** One internal function: Lambda Invoke (RequestResponse) under IAM, never through the API. */
export interface InternalContract<
  Req extends core.$ZodType = core.$ZodType,
  Rep extends core.$ZodType = core.$ZodType,
> {
  readonly service: ServiceName;
  /** camelCase, unique in the service (`quoteRates`); the infra wiring's internal function name. */
  readonly name: string;
  readonly description: string;
  /** What the callee validates; a caller validates with it too before sending. */
  readonly request: Req;
  /** What the callee answers when it serves the request. */
  readonly reply: Rep;
  /** The environment variable that carries the callee's deployed function name on its callers. */
  readonly functionEnv: string;
}

/** What a caller passes (before defaults apply). */
export type RequestOf<C extends InternalContract> = core.input<C['request']>;
/** What the callee's handler receives (after validation and defaults). */
export type ParsedRequestOf<C extends InternalContract> = core.output<C['request']>;
/** What the callee answers on success. */
export type ReplyOf<C extends InternalContract> = core.output<C['reply']>;

/**
 * The variable infra sets on a caller for each function it invokes (infra/constructs/service-definition.ts
 * `invokeEnvName`): `shipping`/`createShipment` → `SHIPPING_CREATE_SHIPMENT_FUNCTION`.
 */
export function functionEnvName(service: ServiceName, name: string): string {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `${service.toUpperCase()}_${snake}_FUNCTION`;
}

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

export function defineInternal<Req extends core.$ZodType, Rep extends core.$ZodType>(spec: {
  readonly service: ServiceName;
  readonly name: string;
  readonly description: string;
  readonly request: Req;
  readonly reply: Rep;
}): InternalContract<Req, Rep> {
  if (!CAMEL_CASE.test(spec.name)) {
    throw new Error(`Internal function name ${JSON.stringify(spec.name)} is not camelCase`);
  }
  return { ...spec, functionEnv: functionEnvName(spec.service, spec.name) };
}

/**
 * The caller's correlation id, a member every request may carry: the callee logs under it and puts it
 * into the events it publishes (the kit's internal function reads it from the validated request).
 */
export const correlationIdSchema = z
  .optional(z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/)))
  .check(z.describe("The caller's correlation id, carried into the callee's logs and events."));

// ---------------------------------------------------------------------------------------------------------
// Refusals

/** One offending field of a 400, as the API's problem+json lists them. */
export const fieldErrorSchema = z.object({
  in: z.enum(['body', 'query', 'path', 'header']),
  /** JSON pointer (RFC 6901) inside that location. */
  pointer: z.string(),
  detail: z.string(),
});

/** A refused call, as the caller receives it. */
export interface InternalProblem {
  readonly status: number;
  /** `urn:commerce:problem:<slug>`, the same slugs as the API's. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Per field, for 400. */
  readonly errors?: readonly z.infer<typeof fieldErrorSchema>[];
  /** Anything else a service adds for its callers (e.g. inventory's `shortages`). */
  readonly [extension: string]: unknown;
}

/** The refusal shape every internal function answers inside `{ error }`; extension members pass through. */
export const internalProblemSchema: z.ZodMiniType<InternalProblem> = z.looseObject({
  status: z.number().check(z.int(), z.gte(400), z.lte(599)),
  type: z.string().check(z.regex(/^urn:commerce:problem:[a-z0-9][a-z0-9._-]*$/)),
  title: z.string(),
  detail: z.string(),
  errors: z.optional(z.array(fieldErrorSchema)),
});

export type InternalResult<T> = T | { readonly error: InternalProblem };

export function isInternalError<T extends object>(
  result: InternalResult<T>,
): result is { readonly error: InternalProblem } {
  return 'error' in result;
}
