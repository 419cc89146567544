// Demo accounts in the local stage's user pool: an admin, a staff member and a customer (signed up through
// the storefront's sign-up flow, so the customer service has their profile), with passwords kept in the
// git-ignored .local/credentials.json, and access tokens for them or for a fresh customer.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EMULATOR_ENDPOINT, EMULATOR_OUTPUTS_FILE, LOCAL_DIR, REGION } from './config.ts';
import { seedDemoShop } from './seed.ts';
import type { StackOutputs } from './url.ts';

export const CREDENTIALS_FILE = path.join(LOCAL_DIR, 'credentials.json');
/** The emulator's fixed sign-up confirmation code. */
const CONFIRMATION_CODE = '123456';

export type DemoRole = 'admin' | 'staff';
export type Credentials = Record<DemoRole | 'customer', { email: string; password: string }>;
/** The demo customer's sign-in name. */
export const DEMO_CUSTOMER_EMAIL = 'customer@commerce.local';

const cognito = new CognitoIdentityProviderClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

export interface IdentityOutputs {
  userPoolId: string;
  storefrontClientId: string;
  adminConsoleClientId: string;
}

export function identityOutputs(outputs: StackOutputs): IdentityOutputs {
  const find = (key: string) => {
    for (const values of Object.values(outputs)) if (values[key]) return values[key];
    throw new Error(`No stack output ${key}; is the local stage deployed?`);
  };
  return {
    userPoolId: find('UserPoolId'),
    storefrontClientId: find('StorefrontClientId'),
    adminConsoleClientId: find('AdminConsoleClientId'),
  };
}

export function readDeployedOutputs(): StackOutputs {
  return JSON.parse(fs.readFileSync(EMULATOR_OUTPUTS_FILE, 'utf8')) as StackOutputs;
}

function strongPassword(): string {
  return `Local-${randomBytes(12).toString('base64url')}-9!`;
}

async function exists(userPoolId: string, email: string): Promise<boolean> {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

/** Makes sure the admin and staff demo users exist (same passwords across restarts of the same pool). */
export async function ensureDemoUsers(ids: IdentityOutputs): Promise<Credentials> {
  const saved: Partial<Credentials> = fs.existsSync(CREDENTIALS_FILE)
    ? (JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8')) as Partial<Credentials>)
    : {};
  const credentials = {} as Credentials;
  for (const role of ['admin', 'staff'] as const) {
    const email = `${role}@commerce.local`;
    const password = saved[role]?.password ?? strongPassword();
    if (!(await exists(ids.userPoolId, email))) {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: ids.userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: ids.userPoolId, Username: email, GroupName: role }),
      );
    }
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: ids.userPoolId,
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
    credentials[role] = { email, password };
  }
  const customerPassword = saved.customer?.password ?? strongPassword();
  if (!(await exists(ids.userPoolId, DEMO_CUSTOMER_EMAIL))) {
    await signUpConfirmed(ids, DEMO_CUSTOMER_EMAIL, customerPassword);
  }
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: ids.userPoolId,
      Username: DEMO_CUSTOMER_EMAIL,
      Password: customerPassword,
      Permanent: true,
    }),
  );
  credentials.customer = { email: DEMO_CUSTOMER_EMAIL, password: customerPassword };
  fs.writeFileSync(CREDENTIALS_FILE, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/**
 * An access token by the password flow. The emulator allows it on any client; in AWS the apps use SRP
 * (docs/auth.md shows both).
 */
export async function accessToken(clientId: string, email: string, password: string): Promise<string> {
  const out = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = out.AuthenticationResult?.AccessToken;
  if (!token) throw new Error(`No access token for ${email}`);
  return token;
}

/** Signs a new customer up through the public sign-up flow, confirms them and signs them in. */
export async function newCustomerToken(ids: IdentityOutputs): Promise<{ email: string; token: string }> {
  const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
  const password = strongPassword();
  await signUpConfirmed(ids, email, password);
  return { email, token: await accessToken(ids.storefrontClientId, email, password) };
}

/** Signs `email` up as a shopper would (the profile is made on confirmation) and confirms it. */
async function signUpConfirmed(ids: IdentityOutputs, email: string, password: string): Promise<void> {
  await cognito.send(
    new SignUpCommand({
      ClientId: ids.storefrontClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await cognito.send(
    new ConfirmSignUpCommand({
      ClientId: ids.storefrontClientId,
      Username: email,
      ConfirmationCode: CONFIRMATION_CODE,
    }),
  );
  // Confirming with the emailed code verifies the email in AWS; the emulator leaves email_verified unset.
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: ids.userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    }),
  );
}

/**
 * The demo accounts, then the demo shop seeded through the API as the staff account (idempotent), on the
 * deployed stage at `apiUrl`: what `npm start` and the browser tests stand on. Answers the accounts.
 */
export async function ensureDemoShop(
  outputs: StackOutputs,
  apiUrl: string,
  log: (line: string) => void = console.log,
): Promise<Credentials> {
  const ids = identityOutputs(outputs);
  const users = await ensureDemoUsers(ids);
  await seedDemoShop(
    apiUrl,
    await accessToken(ids.adminConsoleClientId, users.staff.email, users.staff.password),
    log,
  );
  return users;
}
