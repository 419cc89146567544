// Reads one header of a webhook delivery, whatever case the sender or API Gateway gave its name.
import type { WebhookHeaders } from '../domain/provider.ts';

/** The header's value, or undefined when absent; `name` in lower case. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}
