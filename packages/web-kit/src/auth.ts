// Sign-in through Cognito's hosted pages with the authorization code flow and PKCE (oidc-client-ts), token
// refresh with the refresh token, and sign-out that also ends the Cognito session.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AppConfig } from './config.ts';

export const CALLBACK_PATH = '/auth/callback';

export interface AuthOptions {
  /** Where tokens live: sessionStorage (staff: gone with the tab) or localStorage (shoppers stay signed in). */
  readonly storage: Storage;
}

/** The signed-in person as the apps see them: who, their groups, and the access token the API wants. */
export interface Session {
  readonly sub: string;
  readonly email: string;
  readonly groups: readonly string[];
  readonly accessToken: string;
  /** Whether the token says the person has TOTP (staff and admins; the pre-token trigger sets it). */
  readonly mfa: boolean;
}

export function createUserManager(config: AppConfig, options: AuthOptions): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    // aws.cognito.signin.user.admin lets the access token call Cognito for the person's own TOTP setup.
    scope: 'openid email profile aws.cognito.signin.user.admin',
    // Given, not discovered: the issuer (Cognito's regional URL) and the hosted pages (the pool's domain)
    // live on different hosts, and the discovery document is not needed to sign in.
    metadata: {
      issuer: config.issuer,
      authorization_endpoint: `${config.authUrl}/oauth2/authorize`,
      token_endpoint: `${config.authUrl}/oauth2/token`,
      revocation_endpoint: `${config.authUrl}/oauth2/revoke`,
      userinfo_endpoint: `${config.authUrl}/oauth2/userInfo`,
      end_session_endpoint: `${config.authUrl}/logout`,
    },
    userStore: new WebStorageStateStore({ store: options.storage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    loadUserInfo: false,
    revokeTokenTypes: ['refresh_token'],
  });
}

function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(json) as Record<string, unknown>;
}

/** The session of a signed-in user, from the access token the API will read (not the ID token). */
export function sessionOf(user: User | null): Session | null {
  if (!user || user.expired) return null;
  const access = claims(user.access_token);
  const groups = Array.isArray(access['cognito:groups']) ? (access['cognito:groups'] as string[]) : [];
  return {
    sub: typeof access.sub === 'string' ? access.sub : '',
    email: typeof access.email === 'string' ? access.email : String(user.profile.email ?? ''),
    groups,
    accessToken: user.access_token,
    mfa: access.mfa === true || access.mfa === 'true',
  };
}

/** Cognito's /logout wants client_id and logout_uri rather than OIDC's parameters. */
export async function signOut(manager: UserManager, config: AppConfig): Promise<void> {
  await manager.revokeTokens().catch(() => undefined);
  await manager.removeUser();
  const url = new URL(`${config.authUrl}/logout`);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', `${window.location.origin}/`);
  window.location.assign(url.toString());
}
