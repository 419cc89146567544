// The outbox relay every service deploys: publishes the events its transactions wrote to the outbox.
import { createEventBridgeClient } from '@commerce/lambda-kit/clients';
import { requireEnv } from '@commerce/lambda-kit/env';
import { outboxRelay } from '@commerce/lambda-kit/outbox-relay';
import { EventPublisher } from '@commerce/lambda-kit/publisher';

// No zod here: the relay validates nothing else, and zod would be most of what it loads at cold start.
const { EVENT_BUS_NAME } = requireEnv(['EVENT_BUS_NAME']);

export const handler = outboxRelay(new EventPublisher(createEventBridgeClient(), EVENT_BUS_NAME));
