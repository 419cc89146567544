// Builds the OpenAPI 3.1 document from the declared routes: paths, access and scopes, and the zod schemas
// the handlers validate with. Request schemas are converted as inputs (defaults make a
// field optional, coercions accept strings), response schemas as outputs. Schemas named with
// `.meta({ id })` become shared components.
import type { RouteContract } from '@commerce/lambda-kit/contract';
import * as core from 'zod/v4/core';
import * as z from 'zod';
import type { Route } from '@commerce/lambda-kit/service';

type Json = Record<string, unknown>;

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly license: string;
  /** Scope name → description, as the resource server `commerce` declares them. */
  readonly partnerScopes: Readonly<Record<string, string>>;
}

const COMPONENT_PREFIX = '#/components/schemas/';
const SHARED = '__shared';

const fieldError = z
  .object({
    in: z.enum(['body', 'query', 'path', 'header']),
    pointer: z.string().describe('JSON pointer (RFC 6901) to the offending value.'),
    detail: z.string(),
  })
  .meta({ id: 'FieldError' });

const problemSchema = z
  .object({
    type: z.string().describe('`urn:commerce:problem:<slug>`, stable per kind of error.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    correlationId: z.string().optional().describe('Quote it when reporting a problem.'),
    errors: z.array(fieldError).optional().describe('One entry per invalid field (400 only).'),
    orderId: z
      .string()
      .optional()
      .describe(
        'The order concerned: the cancelled order of a 402/503/409 `reservation-expired`, or the order of the ' +
          'checkout that holds the cart (409 `cart-checkout-in-progress`) or was placed from it (409 ' +
          '`cart-checked-out`).',
      ),
    failureCode: z.string().optional().describe('The gateway’s reason for a declined payment (402).'),
    shortages: z
      .array(
        z.object({
          sku: z.string(),
          requested: z.number().int(),
          available: z
            .number()
            .int()
            .optional()
            .describe('The most one warehouse could supply; signed-in customers only, never a guest.'),
        }),
      )
      .optional()
      .describe('409 `insufficient-stock`: every SKU the stock cannot fill.'),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem detail.' });

const STANDARD_ERRORS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid; `errors` lists each field. Nothing changed.',
  401: 'No valid access token.',
  403: 'The caller may not do this.',
  402: 'The payment was declined; the problem names the order and the gateway’s failure code.',
  404: 'No such resource.',
  409: 'Conflict: a stale `version`, or a unique value taken. Nothing changed.',
  413: 'The body is larger than the route accepts.',
  415: 'The body is not JSON.',
  422: 'Well formed, but breaks a business rule. Nothing changed.',
  429: 'Too many requests: throttled, or over the usage plan quota.',
  500: 'Unexpected failure; quote the correlation id.',
  503: 'A service this operation depends on did not answer; nothing was charged.',
};

const operationId = (route: Route): string => {
  const base = route.entry.split('/').pop()?.replace(/\.ts$/, '') ?? route.entry;
  return base.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
};

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Converts a registry to components, moving schemas named only inside it into components of their own. */
function toComponents(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Json {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  }) as { schemas: Record<string, Json> };
  const shared = (schemas[SHARED]?.$defs ?? {}) as Record<string, Json>;
  const out: Json = {};
  for (const [id, schema] of [...Object.entries(schemas), ...Object.entries(shared)]) {
    if (id === SHARED) continue;
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return JSON.parse(
    JSON.stringify(out).replaceAll(`${COMPONENT_PREFIX}${SHARED}#/$defs/`, COMPONENT_PREFIX),
  ) as Json;
}

function mergeComponents(into: Json, from: Json): void {
  for (const [id, schema] of Object.entries(from)) {
    if (id in into && JSON.stringify(into[id]) !== JSON.stringify(schema)) {
      throw new Error(`Schema ${id} differs between requests and responses: give one of them another id`);
    }
    into[id] = schema;
  }
}

/**
 * Request schemas say exactly what the handlers accept. Where zod checks a string with a pattern of its own
 * (an email, a UUID, a timestamp) the pattern is the rule; the `format` beside it would name a neighbouring
 * set (JSON Schema's idea of an email is not zod's), so it is dropped.
 */
function patternsOverFormats(json: unknown): void {
  if (Array.isArray(json)) json.forEach(patternsOverFormats);
  else if (json && typeof json === 'object') {
    const node = json as Json;
    if (typeof node.pattern === 'string' && typeof node.format === 'string') delete node.format;
    Object.values(node).forEach(patternsOverFormats);
  }
}

/** The JSON Schema of one parameter, as an input; shared names are not expected in parameters. */
function parameterSchema(schema: core.$ZodType): Json {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  patternsOverFormats(rest);
  return rest;
}

function parameters(where: 'path' | 'query' | 'header', schema: core.$ZodType | undefined): Json[] {
  if (!schema) return [];
  // Classic and mini schemas alike: both are zod core schemas underneath.
  if (!(schema instanceof core.$ZodObject)) throw new Error(`The ${where} schema must be a zod object`);
  return Object.entries(schema._zod.def.shape).map(([name, field]) => {
    const json = parameterSchema(field);
    const { description, ...fieldSchema } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !core.safeParse(field, undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

function accessText(route: Route): string {
  const who = {
    public: 'Anyone.',
    customer: 'A signed-in user (any group).',
    staff: 'A member of the `staff` or `admin` group.',
    admin: 'A member of the `admin` group.',
  }[route.access];
  return route.scopes?.length
    ? `${who} Partners: a client-credentials token with ${route.scopes.map((s) => `\`${s}\``).join(' or ')}, on the partner API with an API key.`
    : who;
}

/** Builds the document from the declared routes (each carries its contract). Throws when two operations share an id. */
export function buildOpenApiDocument(routes: readonly Route[], info: DocumentInfo): Json {
  const requests = z.registry<{ id: string }>();
  const responses = z.registry<{ id: string }>();
  responses.add(problemSchema, { id: 'Problem' });
  const ids = new Set<string>();
  const paths: Record<string, Json> = {};

  for (const route of routes) {
    const contract: RouteContract = route;
    const id = operationId(route);
    if (ids.has(id)) throw new Error(`Two operations are called ${id}: rename a handler file`);
    ids.add(id);

    const tag = route.owner;
    const named = (schema: core.$ZodType, registry: typeof requests, fallback: string): string => {
      const registered = registry.get(schema)?.id;
      if (registered) return registered;
      const global = z.globalRegistry.get(schema)?.id;
      const name = typeof global === 'string' ? global : fallback;
      registry.add(schema, { id: name });
      return name;
    };

    const operation: Json = {
      operationId: id,
      summary: route.summary,
      description: `Who may call: ${accessText(route)}`,
      tags: [tag],
      security:
        route.access === 'public'
          ? []
          : [
              { userPool: [] },
              ...(route.scopes?.length ? [{ partnerOAuth: [...route.scopes], partnerApiKey: [] }] : []),
            ],
    };
    const params = [
      ...parameters('path', contract.params),
      ...parameters('query', contract.query),
      ...parameters('header', contract.headers),
      {
        // Any value is accepted (the kit never refuses a request for it), so the schema forbids none.
        name: 'x-correlation-id',
        in: 'header',
        required: false,
        description:
          'Carried into logs and events and echoed in the response when it is 1-128 letters, digits or `._:-`; ' +
          'any other value is ignored and the API uses an id of its own.',
        schema: { type: 'string' },
      },
    ];
    if (params.length > 0) operation.parameters = params;
    if (contract.body) {
      const name = named(contract.body, requests, `${pascal(id)}Request`);
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}${name}` } } },
      };
    }

    const result: Json = { description: contract.response.description };
    if (contract.response.body) {
      const name = named(contract.response.body, responses, `${pascal(id)}Response`);
      result.content = { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}${name}` } } };
    }
    const statuses = new Set<number>([429, 500, ...(contract.errors ?? [])]);
    if (contract.params || contract.query || contract.headers || contract.body) statuses.add(400);
    if (contract.body) [413, 415].forEach((s) => statuses.add(s));
    if (route.rawBody) statuses.add(413);
    if (route.access !== 'public') [401, 403].forEach((s) => statuses.add(s));
    const successes = [contract.response.status, ...(contract.response.alsoStatuses ?? [])].sort(
      (a, b) => a - b,
    );
    operation.responses = {
      ...Object.fromEntries(successes.map((s) => [String(s), result])),
      ...Object.fromEntries(
        [...statuses].sort((a, b) => a - b).map((s) => [String(s), { $ref: `#/components/responses/${s}` }]),
      ),
    };

    const pathItem = (paths[route.path] ??= {});
    pathItem[route.method.toLowerCase()] = operation;
  }

  const schemas: Json = {};
  mergeComponents(schemas, toComponents(responses, 'output'));
  const requestSchemas = toComponents(requests, 'input');
  patternsOverFormats(requestSchemas);
  mergeComponents(schemas, requestSchemas);

  const problemContent = {
    'application/problem+json': { schema: { $ref: `${COMPONENT_PREFIX}Problem` } },
  };
  const tags = [...new Set(routes.map((r) => r.owner))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
      license: { name: info.license, identifier: info.license },
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'A deployed stage. GET /openapi.json of a running API names its own URL here.',
        variables: {
          apiId: { default: 'api-id', description: 'The RestApi id (the ApiUrl stack output).' },
          region: { default: 'us-east-1' },
          stage: { default: 'v1' },
        },
      },
    ],
    tags: tags.map((name) => ({ name, description: `The ${name} service.` })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: Object.fromEntries(
        Object.entries(STANDARD_ERRORS).map(([status, description]) => [
          status,
          { description, content: problemContent },
        ]),
      ),
      securitySchemes: {
        userPool: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token of the storefront, mobile or admin console client.',
        },
        partnerOAuth: {
          type: 'oauth2',
          description: "Client credentials against the user pool's token endpoint (docs/auth.md).",
          flows: {
            clientCredentials: {
              tokenUrl: 'https://{domain}.auth.{region}.amazoncognito.com/oauth2/token',
              scopes: Object.fromEntries(
                Object.entries(info.partnerScopes).map(([s, d]) => [`commerce/${s}`, d]),
              ),
            },
          },
        },
        partnerApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: "The partner's API key, which carries its usage plan (partner API only).",
        },
      },
    },
  };
}
