// The HTTP stack: a middy chain around one route handler. Parses and validates path, query and body with
// zod (unknown fields rejected), maps typed errors to problem+json, adds security and CORS headers, carries
// a correlation id into logs and events, and never lets an exception text or stack reach the client.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import * as core from 'zod/v4/core';
import { requireEnv } from './env.ts';
import type { ResponseContract, RouteContract, RouteKey } from './contract.ts';
import {
  ContentionError,
  DomainError,
  QuotaExceededError,
  RuleViolationError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from './errors.ts';
import { isTransactionConflict } from './retry.ts';
import { logger, metrics, publishMetrics } from './observability.ts';
import type { EventContext } from './publisher.ts';
import { PROBLEM_CONTENT_TYPE, problem, type Problem } from './problem.ts';
import { resetDynamoDbUsage, serverTiming } from './usage.ts';
import { toFieldErrors } from './zod-errors.ts';

/** Default largest JSON body a route accepts; routes may lower or raise it. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Who is calling, as the Auth service's authorizer hands it to the handler. */
export interface Principal {
  readonly sub: string;
  /** `user` for people, `client` for partners (client credentials). */
  readonly kind: 'user' | 'client';
  readonly email: string | undefined;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

/**
 * The context of the events a request causes: its correlation id and who acted (the principal: a person's
 * sub or a partner's client id), which every event records in its metadata (`actor`).
 */
export function eventContextOf(request: {
  readonly correlationId: string;
  readonly principal: Principal | undefined;
}): EventContext {
  const { correlationId, principal } = request;
  return principal
    ? { correlationId, actor: { kind: principal.kind, id: principal.sub } }
    : { correlationId };
}

export interface HttpRequest<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /**
   * The body exactly as received (decoded from base64 when API Gateway encoded it), on routes declared
   * with `rawBody: true` only ('' when there is none); undefined elsewhere.
   */
  readonly rawBody?: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Where the request came in: the API, its stage and (in AWS) the domain the client called. */
  readonly gateway: {
    readonly apiId: string;
    readonly stage: string;
    readonly domainName: string | undefined;
  };
  readonly correlationId: string;
  readonly principal: Principal | undefined;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type AnySchema = core.$ZodType;
type Infer<S> = S extends core.$ZodType ? core.output<S> : undefined;

export interface RouteSpec<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
> {
  /** Path parameters schema. */
  readonly params?: P;
  /** Query string schema; use `.strict()` so unknown parameters are rejected. */
  readonly query?: Q;
  /** Headers the handler reads (lower-case names), validated before it runs; see contract.ts. */
  readonly headers?: AnySchema;
  /** JSON body schema; use `.strict()` so unknown fields are rejected. A route without one takes no body. */
  readonly body?: B;
  /** Largest accepted body in bytes. @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  /**
   * Hand the body to the handler unparsed, as `request.rawBody`, in any content type (the size limit still
   * applies): for webhooks whose signature covers the exact bytes sent. Not with `body`. @default false
   */
  readonly rawBody?: boolean;
  /** The route this handler serves (a declared route spread in, see service.ts); stamped on the handler. */
  readonly key?: RouteKey;
  /** Documentation carried over from the route's declaration (see contract.ts); not used at run time. */
  readonly response?: ResponseContract;
  readonly errors?: RouteContract['errors'];
  readonly handler: (request: HttpRequest<Infer<P>, Infer<Q>, Infer<B>>) => Promise<HttpResult>;
}

interface ParsedEvent extends APIGatewayProxyEvent {
  parsedBody?: unknown;
  rawBody?: string;
  correlationId?: string;
}

class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(p: Problem) {
    super(p.title);
    this.problem = p;
  }
}

function lowerCaseHeaders(
  headers: APIGatewayProxyEvent['headers'] | null,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** Takes the caller's correlation id when it is well formed, else the gateway request id, else a new one. */
function correlation(): MiddlewareObj<ParsedEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      const headers = lowerCaseHeaders(request.event.headers);
      const supplied = headers[CORRELATION_HEADER];
      const id =
        supplied !== undefined && CORRELATION_ID.test(supplied)
          ? supplied
          : (request.event.requestContext?.requestId ?? randomUUID());
      resetDynamoDbUsage();
      request.event.correlationId = id;
      logger.appendKeys({ correlationId: id });
    },
    after: echoCorrelationId,
    // Runs after the problem handler has turned the error into a response.
    onError: echoCorrelationId,
  };
}

function echoCorrelationId(request: {
  event: ParsedEvent;
  response: APIGatewayProxyResult | null | undefined;
}): void {
  if (request.response && request.event.correlationId) {
    request.response.headers = {
      ...request.response.headers,
      [CORRELATION_HEADER]: request.event.correlationId,
      'server-timing': serverTiming(),
    };
  }
}

/**
 * Enforces the size limit and parses a JSON body: 413 when too large, 415 when not JSON, 400 when malformed.
 * On a `rawBody` route ('raw') it keeps the body's text instead, whatever its content type.
 */
function jsonBody(
  maxBytes: number,
  expectsBody: boolean | 'raw',
): MiddlewareObj<ParsedEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (body === null || body === undefined || body === '') {
        request.event.parsedBody = undefined;
        if (expectsBody === 'raw') request.event.rawBody = '';
        return;
      }
      const raw = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (raw.byteLength > maxBytes) {
        throw new HttpProblem(
          problem({
            slug: 'payload-too-large',
            title: 'Payload too large',
            status: 413,
            detail: `The body must not exceed ${maxBytes} bytes.`,
          }),
        );
      }
      if (expectsBody === 'raw') {
        request.event.rawBody = raw.toString('utf8');
        return;
      }
      if (!expectsBody) {
        throw new HttpProblem(
          problem({ slug: 'unexpected-body', title: 'This operation takes no body', status: 400 }),
        );
      }
      const contentType = lowerCaseHeaders(request.event.headers)['content-type'] ?? '';
      if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
        throw new HttpProblem(
          problem({
            slug: 'unsupported-media-type',
            title: 'Unsupported media type',
            status: 415,
            detail: 'Send the body as application/json.',
          }),
        );
      }
      try {
        request.event.parsedBody = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpProblem(
          problem({
            slug: 'malformed-json',
            title: 'Malformed JSON',
            status: 400,
            detail: 'The body is not valid JSON.',
          }),
        );
      }
    },
  };
}

function problemResponse(p: Problem): APIGatewayProxyResult {
  return {
    statusCode: p.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
    body: JSON.stringify(p),
  };
}

/** Maps errors to problem+json. Only typed errors say what went wrong; anything else is a logged generic 500. */
function problemErrors(): MiddlewareObj<ParsedEvent, APIGatewayProxyResult> {
  return {
    onError: (request) => {
      const error = request.error;
      const correlationId = request.event.correlationId;
      const instance = request.event.path;
      let p: Problem;
      if (error instanceof HttpProblem) {
        p = { ...error.problem, instance, correlationId };
      } else if (error instanceof ValidationError) {
        p = problem({
          slug: error.problemType,
          title: error.title,
          status: error.status,
          detail: error.message,
          errors: error.errors,
          instance,
          correlationId,
        });
      } else if (error instanceof DomainError) {
        p = problem({
          slug: error.problemType,
          title: error.title,
          status: error.status,
          detail: error.message,
          ...(error instanceof UnprocessableError && error.errors ? { errors: error.errors } : {}),
          instance,
          correlationId,
        });
      } else if (isTransactionConflict(error)) {
        // A store that does not retry its transactions yet: contention is not a fault of ours (503).
        logger.warn('Transaction conflict reached the API', { error });
        const contention = new ContentionError();
        p = problem({
          slug: contention.problemType,
          title: contention.title,
          status: contention.status,
          detail: contention.message,
          instance,
          correlationId,
        });
      } else {
        logger.error('Unhandled error', { error: error ?? undefined });
        metrics.addMetric('UnhandledError', 'Count', 1);
        p = problem({
          slug: 'internal-error',
          title: 'Internal server error',
          status: 500,
          detail: 'Something went wrong on our side. Quote the correlation id if you contact support.',
          instance,
          correlationId,
        });
      }
      if (p.status < 500) logger.info('Request refused', { status: p.status, type: p.type });
      request.response = problemResponse(p);
      if (error instanceof QuotaExceededError) {
        request.response.headers = {
          ...request.response.headers,
          'retry-after': String(error.retryAfterSeconds),
        };
      }
    },
  };
}

/** Field errors of a request: what its schema refuses (400), and rules it breaks that no schema states (422). */
interface RequestErrors {
  readonly invalid: FieldError[];
  readonly rules: FieldError[];
}

/** A refinement declared with `rule()` (contract.ts): its issue carries `params.rule`. */
const isRuleIssue = (issue: core.$ZodIssue): boolean =>
  issue.code === 'custom' && (issue.params as { rule?: unknown } | undefined)?.rule === true;

function validate<S extends AnySchema | undefined>(
  schema: S,
  location: FieldError['in'],
  value: unknown,
  errors: RequestErrors,
): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = core.safeParse(schema, value);
  if (result.success) return result.data as Infer<S>;
  const issues = result.error.issues;
  errors.invalid.push(
    ...toFieldErrors(
      location,
      issues.filter((i) => !isRuleIssue(i)),
    ),
  );
  errors.rules.push(...toFieldErrors(location, issues.filter(isRuleIssue)));
  return undefined as Infer<S>;
}

function principalFrom(event: APIGatewayProxyEvent): Principal | undefined {
  const ctx = event.requestContext?.authorizer;
  if (!ctx || typeof ctx.sub !== 'string') return undefined;
  const list = (v: unknown) => (typeof v === 'string' && v ? v.split(/[ ,]+/) : []);
  return {
    sub: ctx.sub,
    kind: ctx.kind === 'client' ? 'client' : 'user',
    email: typeof ctx.email === 'string' && ctx.email ? ctx.email : undefined,
    groups: list(ctx.groups),
    scopes: list(ctx.scopes),
  };
}

/** A route's Lambda handler, stamped with the route it serves (a test holds each handler to its declaration). */
export type HttpHandler = ((
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>) & {
  readonly route: RouteKey | undefined;
};

/** Builds the Lambda handler for one API route. */
export function httpRoute<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): HttpHandler {
  const core = async (event: ParsedEvent): Promise<APIGatewayProxyResult> => {
    const errors: RequestErrors = { invalid: [], rules: [] };
    const params = validate<P>(spec.params as P, 'path', event.pathParameters ?? {}, errors);
    const query = validate<Q>(spec.query as Q, 'query', event.queryStringParameters ?? {}, errors);
    validate(spec.headers, 'header', lowerCaseHeaders(event.headers), errors);
    let body = undefined as Infer<B>;
    if (spec.body && event.parsedBody === undefined) {
      errors.invalid.push({ in: 'body', pointer: '', detail: 'A JSON body is required.' });
    } else {
      body = validate<B>(spec.body as B, 'body', event.parsedBody, errors);
    }
    if (errors.invalid.length > 0) throw new ValidationError([...errors.invalid, ...errors.rules]);
    if (errors.rules.length > 0) throw new RuleViolationError(errors.rules);

    const result = await spec.handler({
      params,
      query,
      body,
      ...(spec.rawBody ? { rawBody: event.rawBody ?? '' } : {}),
      headers: lowerCaseHeaders(event.headers),
      gateway: {
        apiId: event.requestContext?.apiId ?? '',
        stage: event.requestContext?.stage ?? '',
        domainName: event.requestContext?.domainName,
      },
      correlationId: event.correlationId ?? randomUUID(),
      principal: principalFrom(event),
    });
    const hasBody = result.body !== undefined;
    return {
      statusCode: result.status,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...result.headers },
      body: hasBody ? JSON.stringify(result.body) : '',
    };
  };

  if (spec.rawBody && spec.body) throw new Error('A route takes either a raw body or a JSON body.');
  // Allowed CORS origins, comma separated; the house function construct sets it on every HTTP function.
  const { CORS_ORIGINS } = requireEnv(['CORS_ORIGINS']);

  const handler = middy<ParsedEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<ParsedEvent, APIGatewayProxyResult>())
    .use(correlation())
    .use(httpSecurityHeaders())
    .use(httpCors({ origins: CORS_ORIGINS.split(','), credentials: false }))
    .use(
      jsonBody(spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, spec.rawBody ? 'raw' : spec.body !== undefined),
    )
    .use(problemErrors())
    .handler(core);
  return Object.assign(handler, { route: spec.key });
}
