// The local stage's runtime settings of the two apps (what /config.json holds in AWS, written there at
// deploy), derived from the deployed stack outputs and written to .local/web/<app>.config.json.
import fs from 'node:fs';
import path from 'node:path';
import { EMULATOR_ENDPOINT, LOCAL_DIR, REGION, type WebAppName } from './config.ts';
import type { StackOutputs } from './url.ts';
import { findApiBaseUrl } from './url.ts';
import { identityOutputs } from './users.ts';

export const WEB_DIR = path.join(LOCAL_DIR, 'web');
export const STOREFRONT_PORT = 5173;
export const ADMIN_CONSOLE_PORT = 5174;
export const STOREFRONT_URL = `http://localhost:${STOREFRONT_PORT}`;
export const ADMIN_CONSOLE_URL = `http://localhost:${ADMIN_CONSOLE_PORT}`;
/**
 * Where the admin console reaches the API locally: through its own server (web-server.ts), because the
 * emulator answers CORS preflights with the first configured origin only, the storefront's
 * (docs/local-cloud.md). The storefront calls the API directly, across origins, as both apps do in AWS.
 */
export const API_PROXY_PATH = '/_api';
/** Where the storefront's stand-in for a bank's 3-D Secure page completes a sandbox challenge. */
export const SANDBOX_CHALLENGE_PATH = '/_sandbox/challenges';

export function settingsFile(app: WebAppName): string {
  return path.join(WEB_DIR, `${app}.config.json`);
}

/**
 * Writes both apps' settings for the deployed local stage; false (nothing written) when the outputs are not
 * the commerce app's (another app deployed with --app-dir).
 */
export function writeAppSettings(outputs: StackOutputs): boolean {
  const apiUrl = findApiBaseUrl(outputs);
  const hasIdentity = Object.values(outputs).some((values) => values['UserPoolId'] !== undefined);
  if (apiUrl === undefined || !hasIdentity) return false;
  const ids = identityOutputs(outputs);
  const common = {
    stage: 'local',
    apiUrl,
    region: REGION,
    userPoolId: ids.userPoolId,
    // The emulator signs tokens with the real issuer URL and serves the hosted pages and the Cognito API
    // itself (docs/local-cloud.md).
    issuer: `https://cognito-idp.${REGION}.amazonaws.com/${ids.userPoolId}`,
    authUrl: EMULATOR_ENDPOINT,
    cognitoEndpoint: EMULATOR_ENDPOINT,
    requireStaffMfa: false,
  };
  fs.mkdirSync(WEB_DIR, { recursive: true });
  const write = (app: WebAppName, settings: object) =>
    fs.writeFileSync(settingsFile(app), `${JSON.stringify(settings, null, 2)}\n`);
  write('storefront', {
    ...common,
    clientId: ids.storefrontClientId,
    sandboxChallengeUrl: `${STOREFRONT_URL}${SANDBOX_CHALLENGE_PATH}`,
  });
  write('admin-console', {
    ...common,
    apiUrl: `${ADMIN_CONSOLE_URL}${API_PROXY_PATH}`,
    clientId: ids.adminConsoleClientId,
  });
  return true;
}
