// Cognito adapter of the user directory: the Admin* calls of the user pool, their answers mapped to accounts
// and their errors to the kit's typed errors.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import type { UserDirectory, UserListQuery } from './domain/ports.ts';
import type { AdminAction, Invitation, UserAccount, UserSummary } from './domain/user.ts';

/** Maps a Cognito error to the kit's typed errors; anything unexpected is rethrown (a logged 500). */
export function fromCognitoError(error: unknown): never {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'UserNotFoundException':
      throw new NotFoundError('No such user.');
    case 'UsernameExistsException':
    case 'AliasExistsException':
      throw new ConflictError('An account with that email already exists.', 'user-exists');
    // AdminResetUserPassword on an account that cannot reset (invited and not yet signed in, or without a
    // verified email): the account's state, not the request, is in the way.
    case 'NotAuthorizedException':
      throw new ConflictError(
        'The account cannot do this in its current state (for example an invitation not yet accepted).',
        'user-state',
      );
    case 'InvalidParameterException':
      throw new UnprocessableError(
        'Cognito refused the request for this account (for example no verified email to send a code to).',
        'user-state',
      );
    default:
      throw error;
  }
}

function attribute(attributes: readonly AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

function summary(
  username: string | undefined,
  attributes: readonly AttributeType[] | undefined,
  fields: { enabled?: boolean; status?: string; created?: Date; modified?: Date },
): UserSummary {
  if (!username) throw new Error('Cognito returned a user without a username');
  const givenName = attribute(attributes, 'given_name');
  const familyName = attribute(attributes, 'family_name');
  const created = (fields.created ?? new Date(0)).toISOString();
  return {
    id: username,
    sub: attribute(attributes, 'sub') ?? username,
    email: attribute(attributes, 'email') ?? '',
    ...(givenName ? { givenName } : {}),
    ...(familyName ? { familyName } : {}),
    enabled: fields.enabled ?? true,
    status: fields.status ?? 'UNKNOWN',
    createdAt: created,
    updatedAt: fields.modified?.toISOString() ?? created,
  };
}

const fromListed = (u: UserType): UserSummary =>
  summary(u.Username, u.Attributes, {
    enabled: u.Enabled,
    status: u.UserStatus,
    created: u.UserCreateDate,
    modified: u.UserLastModifiedDate,
  });

export class CognitoUserDirectory implements UserDirectory {
  readonly #cognito: CognitoIdentityProviderClient;
  readonly #pool: string;

  constructor(cognito: CognitoIdentityProviderClient, userPoolId: string) {
    this.#cognito = cognito;
    this.#pool = userPoolId;
  }

  async list(query: UserListQuery): Promise<{ items: UserSummary[]; token: string | undefined }> {
    const out = await (query.group
      ? this.#cognito.send(
          new ListUsersInGroupCommand({
            UserPoolId: this.#pool,
            GroupName: query.group,
            Limit: query.limit,
            NextToken: query.token,
          }),
        )
      : this.#cognito.send(
          new ListUsersCommand({
            UserPoolId: this.#pool,
            Limit: query.limit,
            PaginationToken: query.token,
            // The contract admits no quote or backslash in the prefix, so it cannot break out of the string.
            ...(query.emailPrefix ? { Filter: `email ^= "${query.emailPrefix}"` } : {}),
          }),
        ));
    const token =
      'NextToken' in out ? out.NextToken : 'PaginationToken' in out ? out.PaginationToken : undefined;
    let items = (out.Users ?? []).map(fromListed);
    // Cognito cannot filter a group's listing, so the prefix is applied to the page here.
    const prefix = query.group ? query.emailPrefix?.toLowerCase() : undefined;
    if (prefix) items = items.filter((u) => u.email.toLowerCase().startsWith(prefix));
    return { items, token: token || undefined };
  }

  /** The account with its groups; NotFoundError when there is none. */
  async get(id: string): Promise<UserAccount> {
    try {
      const [user, groups] = await Promise.all([
        this.#cognito.send(new AdminGetUserCommand({ UserPoolId: this.#pool, Username: id })),
        this.#cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: this.#pool, Username: id })),
      ]);
      return {
        ...summary(user.Username, user.UserAttributes, {
          enabled: user.Enabled,
          status: user.UserStatus,
          created: user.UserCreateDate,
          modified: user.UserLastModifiedDate,
        }),
        groups: (groups.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])),
      };
    } catch (error) {
      return fromCognitoError(error);
    }
  }

  /**
   * Creates the account and lets Cognito email the temporary password, then puts it in its group. Not
   * idempotent: a second invitation of the same email is a 409 (ConflictError `user-exists`).
   */
  async invite(invitation: Invitation): Promise<UserAccount> {
    try {
      const created = await this.#cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.#pool,
          Username: invitation.email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: invitation.email },
            // The admin vouches for the address; verified, it can receive password-reset codes.
            { Name: 'email_verified', Value: 'true' },
            ...(invitation.givenName ? [{ Name: 'given_name', Value: invitation.givenName }] : []),
            ...(invitation.familyName ? [{ Name: 'family_name', Value: invitation.familyName }] : []),
          ],
        }),
      );
      const user = created.User;
      const account = summary(user?.Username, user?.Attributes, {
        enabled: user?.Enabled,
        status: user?.UserStatus,
        created: user?.UserCreateDate,
        modified: user?.UserLastModifiedDate,
      });
      await this.#cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: this.#pool,
          Username: account.id,
          GroupName: invitation.group,
        }),
      );
      return { ...account, groups: [invitation.group] };
    } catch (error) {
      return fromCognitoError(error);
    }
  }

  /** Applies an action to an existing account; each of these Cognito calls is idempotent. */
  async apply(id: string, action: AdminAction): Promise<void> {
    const target = { UserPoolId: this.#pool, Username: id };
    try {
      switch (action.kind) {
        case 'disable':
          await this.#cognito.send(new AdminDisableUserCommand(target));
          return;
        case 'enable':
          await this.#cognito.send(new AdminEnableUserCommand(target));
          return;
        case 'add-group':
          await this.#cognito.send(new AdminAddUserToGroupCommand({ ...target, GroupName: action.group }));
          return;
        case 'remove-group':
          await this.#cognito.send(
            new AdminRemoveUserFromGroupCommand({ ...target, GroupName: action.group }),
          );
          return;
        case 'reset-password':
          await this.#cognito.send(new AdminResetUserPasswordCommand(target));
          return;
        case 'sign-out':
          await this.#cognito.send(new AdminUserGlobalSignOutCommand(target));
          return;
      }
    } catch (error) {
      fromCognitoError(error);
    }
  }
}
