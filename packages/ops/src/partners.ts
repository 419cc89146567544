// Partner onboarding, an operator's action at run time rather than infrastructure: each partner gets its own
// Cognito app client (client credentials, resource-server scopes, a generated secret) and an API key in the
// usage plan of its tier on the partner API (docs/auth.md, Partners). Removing a partner deletes both.
import {
  type APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway';
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  PARTNER_NAME,
  partnerApiKeyName,
  partnerClientName,
  partnerUsagePlanName,
} from '../../../infra/config/partner-names.ts';
import { loadStageConfig } from '../../../infra/config/stages.ts';

export interface PartnerClients {
  readonly cognito: CognitoIdentityProviderClient;
  readonly apiGateway: APIGatewayClient;
  /**
   * The AWS emulator's endpoint when the clients talk to one: it serves the token endpoint and the APIs
   * under it. Undefined in AWS.
   */
  readonly emulatorEndpoint?: string;
}

export interface AddPartnerInput {
  readonly stage: string;
  /** Lower-case words joined by hyphens, e.g. `acme-logistics`. */
  readonly name: string;
  /** A tier of the stage's config (`partners.tiers`). */
  readonly tier: string;
  /**
   * The resource-server scopes the partner asked for, e.g. `commerce/catalog.write`: at least one, each
   * allowed to the tier (`partners.tiers.<tier>.scopes`) and defined by the pool. Nothing is granted by
   * default.
   */
  readonly scopes: readonly string[];
}

/** What the partner needs; the secret and the key are shown to the operator once and stored nowhere else. */
export interface PartnerCredentials {
  readonly name: string;
  readonly tier: string;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKeyId: string;
  readonly apiKey: string;
  /** Where the partner exchanges client id and secret for an access token; undefined while the pool has no domain. */
  readonly tokenEndpoint: string | undefined;
  /** Base URL of the partner API. */
  readonly apiUrl: string;
}

export class PartnerError extends Error {
  override readonly name = 'PartnerError';
}

/** The stage's user pool, by the name the Identity construct gives it (infra/constructs/identity.ts). */
async function findUserPoolId(cognito: CognitoIdentityProviderClient, stage: string): Promise<string> {
  const name = `commerce-${stage}`;
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    const pool = page.UserPools?.find((p) => p.Name === name);
    if (pool?.Id) return pool.Id;
    NextToken = page.NextToken;
  } while (NextToken);
  throw new PartnerError(`No user pool ${name}: is the ${stage} stage deployed to this account and region?`);
}

async function resourceServerScopes(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<string[]> {
  const scopes: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(
      new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: 50, NextToken }),
    );
    for (const server of page.ResourceServers ?? []) {
      for (const scope of server.Scopes ?? []) scopes.push(`${server.Identifier}/${scope.ScopeName}`);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return scopes;
}

async function findClientIds(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  clientName: string,
): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }),
    );
    for (const c of page.UserPoolClients ?? [])
      if (c.ClientName === clientName && c.ClientId) ids.push(c.ClientId);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

async function findUsagePlan(apiGateway: APIGatewayClient, name: string): Promise<UsagePlan | undefined> {
  let position: string | undefined;
  do {
    const page = await apiGateway.send(new GetUsagePlansCommand({ limit: 500, position }));
    const plan = page.items?.find((p) => p.name === name);
    if (plan) return plan;
    position = page.position;
  } while (position);
  return undefined;
}

async function findApiKeyIds(apiGateway: APIGatewayClient, name: string): Promise<string[]> {
  const ids: string[] = [];
  let position: string | undefined;
  do {
    // nameQuery matches by prefix; keep exact names only.
    const page = await apiGateway.send(new GetApiKeysCommand({ nameQuery: name, limit: 500, position }));
    for (const key of page.items ?? []) if (key.name === name && key.id) ids.push(key.id);
    position = page.position;
  } while (position);
  return ids;
}

async function tokenEndpoint(clients: PartnerClients, userPoolId: string): Promise<string | undefined> {
  // The emulator serves the token endpoint on its own port, whatever domain the pool has.
  if (clients.emulatorEndpoint) return `${clients.emulatorEndpoint}/oauth2/token`;
  const { UserPool: pool } = await clients.cognito.send(
    new DescribeUserPoolCommand({ UserPoolId: userPoolId }),
  );
  if (pool?.CustomDomain) return `https://${pool.CustomDomain}/oauth2/token`;
  if (pool?.Domain) {
    const region = await clients.cognito.config.region();
    return `https://${pool.Domain}.auth.${region}.amazoncognito.com/oauth2/token`;
  }
  return undefined;
}

async function apiUrl(clients: PartnerClients, plan: UsagePlan): Promise<string> {
  const stage = plan.apiStages?.[0];
  if (!stage?.apiId || !stage.stage) throw new PartnerError(`Usage plan ${plan.name} is on no API stage`);
  if (clients.emulatorEndpoint)
    return `${clients.emulatorEndpoint}/_aws/execute-api/${stage.apiId}/${stage.stage}/`;
  const region = await clients.apiGateway.config.region();
  return `https://${stage.apiId}.execute-api.${region}.amazonaws.com/${stage.stage}/`;
}

/**
 * Onboards a partner: an app client with the given scopes and an API key in its tier's usage plan. Refuses
 * a name already in use; undoes what it created when a later step fails.
 */
export async function addPartner(
  clients: PartnerClients,
  input: AddPartnerInput,
): Promise<PartnerCredentials> {
  const { cognito, apiGateway } = clients;
  const { stage, name, tier } = input;
  if (!PARTNER_NAME.test(name)) {
    throw new PartnerError(
      `Partner name ${JSON.stringify(name)}: use lower-case letters, digits and hyphens`,
    );
  }
  const tiers = loadStageConfig(stage).partners.tiers;
  const allowed = tiers[tier]?.scopes;
  if (!allowed) {
    throw new PartnerError(
      `No tier ${JSON.stringify(tier)} on the ${stage} stage; tiers: ${Object.keys(tiers).join(', ')}`,
    );
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) {
    throw new PartnerError(
      `Name the scopes the partner needs (--scopes); tier ${tier} allows ${allowed.join(', ')}`,
    );
  }
  const beyondTier = scopes.filter((s) => !allowed.includes(s));
  if (beyondTier.length) {
    throw new PartnerError(
      `Tier ${tier} does not allow ${beyondTier.join(', ')}; it allows ${allowed.join(', ')}`,
    );
  }
  const planName = partnerUsagePlanName(stage, tier);
  const plan = await findUsagePlan(apiGateway, planName);
  if (!plan?.id) throw new PartnerError(`No usage plan ${planName}: is the ${stage} stage deployed here?`);

  const userPoolId = await findUserPoolId(cognito, stage);
  const available = await resourceServerScopes(cognito, userPoolId);
  const unknown = scopes.filter((s) => !available.includes(s));
  if (unknown.length) {
    throw new PartnerError(`Unknown scope(s) ${unknown.join(', ')}; available: ${available.join(', ')}`);
  }

  const clientName = partnerClientName(name);
  const keyName = partnerApiKeyName(stage, name);
  if (
    (await findClientIds(cognito, userPoolId, clientName)).length ||
    (await findApiKeyIds(apiGateway, keyName)).length
  ) {
    throw new PartnerError(`Partner ${name} already exists on the ${stage} stage; remove it first`);
  }

  const created = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: scopes,
      SupportedIdentityProviders: ['COGNITO'],
      // No sign-in flows for people; an hour per token, as for the integrations client.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
      EnableTokenRevocation: true,
    }),
  );
  const clientId = created.UserPoolClient?.ClientId;
  const clientSecret = created.UserPoolClient?.ClientSecret;
  if (!clientId || !clientSecret)
    throw new PartnerError('Cognito created the app client without an id or secret');

  let apiKeyId: string | undefined;
  try {
    const key = await apiGateway.send(
      new CreateApiKeyCommand({
        name: keyName,
        description: `Partner ${name}, tier ${tier}`,
        enabled: true,
        tags: { partner: name, 'partner-tier': tier, stage },
      }),
    );
    apiKeyId = key.id;
    if (!apiKeyId || !key.value)
      throw new PartnerError('API Gateway created the API key without an id or value');
    await apiGateway.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: apiKeyId, keyType: 'API_KEY' }),
    );
    return {
      name,
      tier,
      scopes,
      clientId,
      clientSecret,
      apiKeyId,
      apiKey: key.value,
      tokenEndpoint: await tokenEndpoint(clients, userPoolId),
      apiUrl: await apiUrl(clients, plan),
    };
  } catch (error) {
    if (apiKeyId) await apiGateway.send(new DeleteApiKeyCommand({ apiKey: apiKeyId }));
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    throw error;
  }
}

/** Removes a partner's app client (its tokens stop working) and API key. Fails when there is neither. */
export async function removePartner(
  clients: PartnerClients,
  input: { readonly stage: string; readonly name: string },
): Promise<{ clientIds: string[]; apiKeyIds: string[] }> {
  const { cognito, apiGateway } = clients;
  const userPoolId = await findUserPoolId(cognito, input.stage);
  const clientIds = await findClientIds(cognito, userPoolId, partnerClientName(input.name));
  const apiKeyIds = await findApiKeyIds(apiGateway, partnerApiKeyName(input.stage, input.name));
  if (!clientIds.length && !apiKeyIds.length) {
    throw new PartnerError(`No partner ${input.name} on the ${input.stage} stage`);
  }
  for (const id of apiKeyIds) await apiGateway.send(new DeleteApiKeyCommand({ apiKey: id }));
  for (const id of clientIds) {
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: id }));
  }
  return { clientIds, apiKeyIds };
}
