// The user service's use cases: staff account administration on the directory (Cognito), each action checked
// by the domain, applied, then recorded in the audit log together with the user.* event that announces it
// (the outbox), in one transaction.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { Principal } from '@commerce/lambda-kit/http';
import { OUTBOX_PK_PREFIX, toOutbox } from '@commerce/lambda-kit/outbox';
import { paginate, type CursorCodec, type PageBody } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { UserAuditStore, UserDirectory } from './domain/ports.ts';
import {
  administer,
  auditEntry,
  invitation,
  userSummaryView,
  userView,
  type Actor,
  type AdminAction,
  type AdminTransition,
  type AuditedAction,
  type Invitation,
  type UserGroup,
  type UserSummaryView,
  type UserView,
} from './domain/user.ts';

/** Who is calling, as the authorizer tells. */
export type Caller = Pick<Principal, 'kind' | 'sub' | 'email'>;

export interface UserListRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly email?: string | undefined;
  readonly group?: UserGroup | undefined;
}

/**
 * The admin calling, as the audit log and the events name them. The routes are admin-only (the authorizer
 * checked the group); the email comes from the access token (added by the pre-token-generation trigger).
 */
function actingAdmin(caller: Caller | undefined): Actor {
  if (!caller || caller.kind !== 'user' || !caller.email) {
    throw new UnauthorizedError('Sign in as an admin with a token that carries your email.');
  }
  return { sub: caller.sub, email: caller.email };
}

export class Users {
  readonly #directory: UserDirectory;
  readonly #audit: UserAuditStore;
  readonly #clock: () => Date;

  constructor(directory: UserDirectory, audit: UserAuditStore, clock: () => Date = () => new Date()) {
    this.#directory = directory;
    this.#audit = audit;
    this.#clock = clock;
  }

  /** Accounts page by page, by email prefix or group; the cursor wraps the directory's own token. */
  async list(request: UserListRequest, cursors: CursorCodec): Promise<PageBody<UserSummaryView>> {
    const scope = `users:${request.email ?? ''}:${request.group ?? ''}`;
    const page = await paginate(cursors, scope, request.cursor, async (start) => {
      const token = start?.token;
      const listed = await this.#directory.list({
        limit: request.limit,
        ...(typeof token === 'string' ? { token } : {}),
        ...(request.email ? { emailPrefix: request.email } : {}),
        ...(request.group ? { group: request.group } : {}),
      });
      return { items: listed.items, lastKey: listed.token ? { token: listed.token } : undefined };
    });
    return { ...page, items: page.items.map(userSummaryView) };
  }

  async get(id: string): Promise<UserView> {
    return userView(await this.#directory.get(id));
  }

  /**
   * One admin action on an existing account: read it (404 when missing), refuse a self-lockout (422, nothing
   * changed), apply it in the directory, then record and announce it. The directory first: it holds the
   * truth and the call is idempotent. When the audit/outbox write then fails, the caller gets a 500 with
   * the directory already changed; the client's retry re-applies the (idempotent) change and records and
   * announces it. For the same reason an action that changes nothing (disabling a disabled account) is
   * still recorded and announced: it may be exactly that retry.
   */
  async administer(
    caller: Caller | undefined,
    id: string,
    action: AdminAction,
    context: EventContext,
  ): Promise<UserView> {
    const actor = actingAdmin(caller);
    const account = await this.#directory.get(id);
    const now = this.#clock();
    const transition = administer(actor, account, action, now);
    await this.#directory.apply(account.id, action);
    await this.#record(actor, action, transition, context, now);
    return userView(transition.account);
  }

  /**
   * Invites a staff member: the directory creates the account and emails the temporary password, the
   * account joins its group, then the invitation is recorded and announced. An invitation is not idempotent
   * (the second is a 409): when the write fails after the account was created, the admin sees a 500 and
   * the account exists unannounced; adding its group again (PUT /users/{id}/groups/{group}) records and
   * announces that.
   */
  async invite(caller: Caller | undefined, request: Invitation, context: EventContext): Promise<UserView> {
    const actor = actingAdmin(caller);
    const account = await this.#directory.invite(request);
    const transition = invitation(actor, account, request.group);
    await this.#record(actor, { kind: 'invite', group: request.group }, transition, context, this.#clock());
    return userView(transition.account);
  }

  /** Writes the audit entry and the action's user.* event in one transaction. */
  async #record(
    actor: Actor,
    action: AuditedAction,
    transition: AdminTransition,
    context: EventContext,
    now: Date,
  ): Promise<void> {
    const outbox = toOutbox(transition.events, context, now);
    const eventId = outbox[0]?.pk.slice(OUTBOX_PK_PREFIX.length);
    if (eventId === undefined) throw new Error(`The ${action.kind} action announced nothing`);
    const { id, email } = transition.account;
    const entry = auditEntry(actor, { id, email }, action, {
      at: now,
      eventId,
      correlationId: context.correlationId,
    });
    await this.#audit.record(entry, outbox);
  }
}
