// Request schemas of the payment service: the webhook route's path. The internal functions' payloads are
// their contracts (@commerce/contracts), which also name the gateways a caller may ask for.
import { PAYMENT_PROVIDERS } from '@commerce/contracts';
import * as z from 'zod/mini';

/** The gateways the service can talk to. */
export const PROVIDER_NAMES = PAYMENT_PROVIDERS;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const providerNameSchema = z.enum(PROVIDER_NAMES);

export const webhookParams = z.strictObject({ provider: providerNameSchema });
