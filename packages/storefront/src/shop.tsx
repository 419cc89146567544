// What every page shares: the runtime settings, the API client (with the signed-in shopper's token), the
// Cognito sign-in and the current session, built once at start and handed down through React context.
import {
  apiClient,
  createUserManager,
  sessionOf,
  signOut,
  type AppConfig,
  type CommerceClient,
  type Session,
} from '@commerce/web-kit';
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

/** The session as it changes (sign-in, token refresh, sign-out), for useSyncExternalStore. */
class SessionHolder {
  #session: Session | null;
  readonly #listeners = new Set<() => void>();

  constructor(manager: UserManager, user: User | null) {
    this.#session = sessionOf(user);
    manager.events.addUserLoaded((loaded) => this.#set(sessionOf(loaded)));
    manager.events.addUserUnloaded(() => this.#set(null));
    manager.events.addAccessTokenExpired(() => this.#set(null));
  }

  readonly current = (): Session | null => this.#session;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #set(session: Session | null) {
    this.#session = session;
    this.#listeners.forEach((listener) => listener());
  }
}

export interface Shop {
  readonly config: AppConfig;
  readonly api: CommerceClient;
  readonly userManager: UserManager;
  readonly sessions: SessionHolder;
  /** To Cognito's sign-in page; back at `returnTo` (a path of this app) afterwards. */
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
}

/** Where the callback page sends the shopper after sign-in (oidc-client-ts keeps it with the request). */
export interface SignInState {
  readonly returnTo: string;
}

export async function createShop(config: AppConfig): Promise<Shop> {
  // Shoppers stay signed in across visits: their tokens live in localStorage.
  const userManager = createUserManager(config, { storage: window.localStorage });
  let user = await userManager.getUser();
  if (user?.expired && user.refresh_token) {
    // A returning shopper whose access token lapsed: the refresh token gets a new one without a redirect.
    user = await userManager.signinSilent().catch(async () => {
      await userManager.removeUser();
      return null;
    });
  }
  const sessions = new SessionHolder(userManager, user);
  return {
    config,
    api: apiClient(config, () => sessions.current()?.accessToken),
    userManager,
    sessions,
    async signIn(returnTo = window.location.pathname + window.location.search) {
      const state: SignInState = { returnTo };
      await userManager.signinRedirect({ state });
    },
    signOut: () => signOut(userManager, config),
  };
}

const ShopContext = createContext<Shop | null>(null);

export function ShopProvider({ shop, children }: { shop: Shop; children: ReactNode }) {
  return <ShopContext value={shop}>{children}</ShopContext>;
}

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside ShopProvider');
  return shop;
}

/** The signed-in shopper, or null; re-renders on sign-in and sign-out. */
export function useSession(): Session | null {
  const { sessions } = useShop();
  return useSyncExternalStore(sessions.subscribe, sessions.current);
}
