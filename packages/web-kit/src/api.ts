// The typed API client as the apps use it: the runtime API URL and the current session's access token.
import { createCommerceClient, type CommerceClient } from '@commerce/api-client';
import type { AppConfig } from './config.ts';

export type { CommerceClient } from '@commerce/api-client';

/** A client that reads the token at every call, so a refreshed token is used without rebuilding it. */
export function apiClient(config: AppConfig, token: () => string | undefined): CommerceClient {
  return createCommerceClient({ baseUrl: config.apiUrl, token });
}
