// Cognito's public sign-up calls (SignUp, ConfirmSignUp) for the shop's own sign-up page. The AWS SDK is
// large, so only the sign-up page loads this module, and only when the shopper submits.
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppConfig } from '@commerce/web-kit';

function clientFor(config: AppConfig): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: config.region,
    endpoint: config.cognitoEndpoint,
    // Both operations are unsigned; the SDK only wants to find credentials, which are never used.
    credentials: { accessKeyId: 'none', secretAccessKey: 'none' },
  });
}

export async function signUp(config: AppConfig, email: string, password: string): Promise<void> {
  await clientFor(config).send(
    new SignUpCommand({
      ClientId: config.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
}

export async function confirmSignUp(config: AppConfig, email: string, code: string): Promise<void> {
  await clientFor(config).send(
    new ConfirmSignUpCommand({ ClientId: config.clientId, Username: email, ConfirmationCode: code }),
  );
}
