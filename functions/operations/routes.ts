// The operations service's routes, each declared once (scripts/generate.ts builds the API, the OpenAPI document
// and the authorizer's table from them): what waits in the subscriptions' dead-letter queues, the failed
// messages themselves, and the redrive after a fix. Admins only.
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';

/** A subscription as its service's stack names it: `<Service>Subscription-<name>` without the dash. */
const subscriptionName = z
  .string()
  .check(z.regex(/^[A-Za-z0-9]{1,200}$/, 'A subscription name as GET /operations/queues lists it.'));

export const subscriptionParams = z.strictObject({ name: subscriptionName });

export const failuresQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
});

const queue = z
  .strictObject({
    name: subscriptionName,
    service: z.string(),
    waiting: z.int().check(z.describe('Messages in the dead-letter queue (approximate, as SQS counts).')),
    inQueue: z.int().check(z.describe('Messages in the subscription queue itself, waiting or in flight.')),
  })
  .check(z.meta({ id: 'DeadLetterQueue' }));

const failure = z
  .strictObject({
    subscription: subscriptionName,
    messageId: z.string(),
    eventId: z.optional(z.string()),
    type: z.optional(z.string()),
    source: z.optional(z.string()),
    occurredAt: z.optional(z.string()),
    receiveCount: z.int(),
    firstSentAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'FailedMessage' }));

const redriveResult = z
  .strictObject({
    name: subscriptionName,
    moved: z.int().check(z.describe('Messages sent back to the subscription queue by this call.')),
    waiting: z
      .int()
      .check(z.describe('What is left in the dead-letter queue: call again while it is not 0.')),
  })
  .check(z.meta({ id: 'RedriveResult' }));

export const operationsRoutes = defineRoutes('operations', {
  'GET /operations/queues': {
    entry: 'http/list-queues.ts',
    access: 'admin',
    summary: 'Every subscription’s dead-letter queue and how many messages wait in it.',
    readOnly: true,
    permissions: ['readStacks', 'inspectQueues'],
    response: {
      status: 200,
      description: 'The subscriptions of every service, with their dead-letter queue depths.',
      body: z.strictObject({ items: z.array(queue) }),
    },
  },
  'GET /operations/failures': {
    entry: 'http/list-failures.ts',
    access: 'admin',
    summary: 'The messages waiting in dead-letter queues, newest first (read, not taken).',
    readOnly: true,
    permissions: ['readStacks', 'inspectQueues'],
    query: failuresQuery,
    response: {
      status: 200,
      description: 'Failed messages: the event each carries and how often it was tried.',
      body: z.strictObject({ items: z.array(failure) }),
    },
  },
  'POST /operations/queues/{name}/redrive': {
    entry: 'http/redrive-queue.ts',
    access: 'admin',
    summary: 'Send a subscription’s dead-lettered messages back to its queue after a fix (audited).',
    timeoutSeconds: 28,
    permissions: ['readStacks', 'inspectQueues', 'redriveQueues'],
    params: subscriptionParams,
    response: {
      status: 200,
      description:
        'Moved up to 500 messages per call, each sent before it is deleted from the dead-letter queue (never ' +
        'lost; consumers are idempotent per event id, so a repeat is harmless).',
      body: redriveResult,
    },
    errors: [404],
  },
});
