// Cognito post-confirmation trigger: when a shopper confirms their sign-up, creates their profile and
// announces customer.registered (once: a second invocation finds the profile and does nothing). Staff
// invited by an admin are not confirmed this way and get no customer profile from it.
import { logger } from '@commerce/lambda-kit/observability';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { customers } from './runtime.ts';

export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const { sub, email } = event.request.userAttributes;
  if (!sub) throw new Error('The confirmation event carries no sub');
  // Cognito's own request id is not exposed to the trigger; the user's sub correlates sign-up logs.
  const created = await customers.register(sub, email ?? '', { correlationId: `signup-${sub}` });
  logger.info(created ? 'Customer profile created' : 'Customer profile existed already', { sub });
  return event;
}
