// The runtime settings an app reads at start from its own origin's /config.json: written at deploy (or by
// `npm start` locally), never built in, so one build runs in every stage.
import * as z from 'zod/mini';

export const appConfigSchema = z.object({
  stage: z.string().check(z.minLength(1)),
  /** The API's base URL, stage included. */
  apiUrl: z.url(),
  region: z.string().check(z.minLength(1)),
  userPoolId: z.string().check(z.minLength(1)),
  /** This app's Cognito app client (public, code flow with PKCE). */
  clientId: z.string().check(z.minLength(1)),
  /** The token issuer (the `iss` claim): https://cognito-idp.<region>.amazonaws.com/<pool>. */
  issuer: z.url(),
  /** Where Cognito serves the hosted sign-in and `/oauth2/*` (the pool's domain; the emulator locally). */
  authUrl: z.url(),
  /** Cognito's API endpoint for sign-up and TOTP calls (the regional endpoint; the emulator locally). */
  cognitoEndpoint: z.url(),
  /** Whether staff must have TOTP before the API serves them (every stage but local). */
  requireStaffMfa: z.boolean(),
  /**
   * Local stage only: the sandbox gateway's stand-in for a bank's 3-D Secure challenge. Absent wherever no
   * sandbox gateway runs; nothing in production points at it.
   */
  sandboxChallengeUrl: z.optional(z.url()),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Fetches and checks /config.json; a ConfigError says what is wrong (shown instead of the app). */
export async function loadConfig(url = '/config.json'): Promise<AppConfig> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new ConfigError(`${url} answered ${res.status}; is the app deployed with its settings?`);
  const parsed = appConfigSchema.safeParse(await res.json());
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new ConfigError(`${url} is not valid: ${fields}`);
  }
  return parsed.data;
}
