// The outbox relay every service deploys: publishes the events its transactions wrote to the outbox.
import { createEventBridgeClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { outboxRelay } from '@commerce/lambda-kit/outbox-relay';
import { EventPublisher } from '@commerce/lambda-kit/publisher';
import * as z from 'zod';

const { EVENT_BUS_NAME } = loadEnv(z.object({ EVENT_BUS_NAME: z.string().min(1) }));

export const handler = outboxRelay(new EventPublisher(createEventBridgeClient(), EVENT_BUS_NAME));
