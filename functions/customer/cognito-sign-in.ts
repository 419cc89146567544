// Cognito adapter of the sign-in port: AdminUserGlobalSignOut (revokes the refresh tokens, so no new access
// token is issued) and AdminDisableUser on the user pool (the customer's id is its sub, which is the
// username in this pool).
import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { SignIn } from './domain/ports.ts';

export class CognitoSignIn implements SignIn {
  readonly #cognito: CognitoIdentityProviderClient;
  readonly #pool: string;

  constructor(cognito: CognitoIdentityProviderClient, userPoolId: string) {
    this.#cognito = cognito;
    this.#pool = userPoolId;
  }

  async disable(customerId: string): Promise<void> {
    await this.#cognito.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: this.#pool, Username: customerId }),
    );
    await this.#cognito.send(new AdminDisableUserCommand({ UserPoolId: this.#pool, Username: customerId }));
  }
}
