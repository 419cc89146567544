// The envelope every event on the commerce bus carries, and the definition type each catalog module exports.
import * as z from 'zod/mini';

/** The EventBridge bus every service publishes to (the deployed name gets the stage appended). */
export const BUS_BASE_NAME = 'commerce';

export const eventMetadataSchema = z.strictObject({
  id: z.uuid(),
  version: z.number().check(z.int(), z.positive()),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
  causationId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /**
   * Who caused the event through the API: a person (`user`, the Cognito sub) or a partner's client
   * (`client`, its app client id). Absent for events caused by other events or by the platform.
   */
  actor: z.optional(
    z.strictObject({
      kind: z.enum(['user', 'client']),
      id: z.string().check(z.minLength(1), z.maxLength(128)),
    }),
  ),
});

export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** Services that own events; the EventBridge `source` is `commerce.<service>`. */
export type ServiceName =
  | 'catalog'
  | 'pricing'
  | 'promotions'
  | 'orders'
  | 'payment'
  | 'shipping'
  | 'customer'
  | 'review'
  | 'inventory'
  | 'media'
  | 'user'
  | 'search'
  | 'notification'
  | 'operations';

/** EventBridge `detail-type`: `<entity>.<verb>` in the past tense. */
export type DetailType = `${string}.${string}`;

export interface EventDefinition<
  TData extends z.ZodMiniType = z.ZodMiniType,
  TType extends DetailType = DetailType,
> {
  /** EventBridge `source`: `commerce.<service>`. */
  readonly source: `commerce.${ServiceName}`;
  /** EventBridge `detail-type`: `<entity>.<verb>` in the past tense. */
  readonly detailType: TType;
  /** Schema version of `data`; a breaking change gets a new version and a new module. */
  readonly version: number;
  readonly producer: ServiceName;
  readonly description: string;
  /** Schema of `detail.data`. */
  readonly data: TData;
  /** Schema of the whole `detail`: metadata plus data. */
  readonly detail: z.ZodMiniObject<{ metadata: typeof eventMetadataSchema; data: TData }>;
}

/** Deeply readonly view of a type, so publishers can pass their immutable domain objects. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The `data` a publisher supplies for an event. */
export type EventData<E extends EventDefinition> = DeepReadonly<z.infer<E['data']>>;
export type EventDetail<E extends EventDefinition> = z.infer<E['detail']>;

export function defineEvent<TData extends z.ZodMiniType, const TType extends DetailType>(spec: {
  producer: ServiceName;
  detailType: TType;
  version: number;
  description: string;
  data: TData;
}): EventDefinition<TData, TType> {
  return {
    source: `commerce.${spec.producer}`,
    detailType: spec.detailType,
    version: spec.version,
    producer: spec.producer,
    description: spec.description,
    data: spec.data,
    detail: z.strictObject({ metadata: eventMetadataSchema, data: spec.data }),
  };
}

/** The EventBridge event pattern that matches exactly this event type and version. */
export function eventPattern(event: EventDefinition): {
  source: string[];
  detailType: string[];
  detail: { metadata: { version: number[] } };
} {
  return {
    source: [event.source],
    detailType: [event.detailType],
    detail: { metadata: { version: [event.version] } },
  };
}

/**
 * An event a domain transition announces: its catalog definition and the data it carries, typed by the
 * catalog. Domain code returns these; the use case writes them to the outbox in one way (the kit's
 * `toOutbox`), whatever the service.
 */
export interface DomainEvent<E extends EventDefinition = EventDefinition> {
  readonly event: E;
  readonly data: EventData<E>;
}

/** Pairs an event definition with its data, so the data is checked against that definition's schema type. */
export function domainEvent<E extends EventDefinition>(event: E, data: EventData<E>): DomainEvent<E> {
  return { event, data };
}
