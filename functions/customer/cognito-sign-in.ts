// Cognito adapter of the sign-in port: AdminUserGlobalSignOut (revokes the refresh tokens, so no new access
// token is issued) and AdminDeleteUser (the account and its attributes, email included, are gone) on the
// user pool. The customer's id is its sub, which is the username in this pool. An account already gone
// counts as removed, so a retried DELETE /me completes.
import {
  AdminDeleteUserCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { SignIn } from './domain/ports.ts';

export class CognitoSignIn implements SignIn {
  readonly #cognito: CognitoIdentityProviderClient;
  readonly #pool: string;

  constructor(cognito: CognitoIdentityProviderClient, userPoolId: string) {
    this.#cognito = cognito;
    this.#pool = userPoolId;
  }

  async removeAccount(customerId: string): Promise<void> {
    const account = { UserPoolId: this.#pool, Username: customerId };
    try {
      await this.#cognito.send(new AdminUserGlobalSignOutCommand(account));
      await this.#cognito.send(new AdminDeleteUserCommand(account));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
