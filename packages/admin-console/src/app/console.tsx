// The signed-in staff member as every screen sees them: the runtime settings, the session from the access
// token, the typed API client that always sends the current token, and sign-in and sign-out.
import {
  apiClient,
  sessionOf,
  signOut,
  type AppConfig,
  type CommerceClient,
  type Session,
  type createUserManager,
} from '@commerce/web-kit';
import { createContext, use, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export type UserManager = ReturnType<typeof createUserManager>;
type User = Awaited<ReturnType<UserManager['getUser']>>;

export interface ConsoleContext {
  readonly config: AppConfig;
  readonly userManager: UserManager;
  readonly session: Session | null;
  readonly client: CommerceClient;
  /** Sends the browser to Cognito's hosted sign-in, coming back to the page the person was on. */
  readonly signIn: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const Context = createContext<ConsoleContext | null>(null);

/** Where the callback sends the person after sign-in (kept in the OIDC state, so it survives the redirect). */
export interface SignInState {
  readonly returnTo: string;
}

export function ConsoleProvider(props: {
  config: AppConfig;
  userManager: UserManager;
  initialUser: User;
  children: ReactNode;
}) {
  const { config, userManager } = props;
  const [user, setUser] = useState<User>(props.initialUser);
  // The client reads the token at each call: a silently renewed token is used without a new client.
  const tokenRef = useRef<string | undefined>(props.initialUser?.access_token);
  tokenRef.current = user?.access_token;

  useEffect(() => {
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    const expired = () => void userManager.getUser().then(setUser);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    userManager.events.addAccessTokenExpired(expired);
    return () => {
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
      userManager.events.removeAccessTokenExpired(expired);
    };
  }, [userManager]);

  const client = useMemo(() => apiClient(config, () => tokenRef.current), [config]);
  const value = useMemo<ConsoleContext>(
    () => ({
      config,
      userManager,
      session: sessionOf(user),
      client,
      signIn: () => {
        const state: SignInState = { returnTo: window.location.pathname + window.location.search };
        return userManager.signinRedirect({ state });
      },
      signOut: () => signOut(userManager, config),
    }),
    [config, userManager, user, client],
  );
  return <Context value={value}>{props.children}</Context>;
}

export function useConsole(): ConsoleContext {
  const value = use(Context);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}

/** The session of a screen behind the shell, which renders only for a signed-in person. */
export function useSession(): Session {
  const { session } = useConsole();
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function isStaff(session: Session): boolean {
  return session.groups.includes('staff') || session.groups.includes('admin');
}
