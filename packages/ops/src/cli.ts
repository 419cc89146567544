// CLI: `npm run partner -- add|remove ...`. AWS SDK v3 with the standard credential chain and region (and
// AWS_ENDPOINT_URL when set); the local stage talks to the emulator on localhost.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EMULATOR_ENDPOINT, REGION, STAGE } from '@commerce/local-cloud';
import { parseArgs } from 'node:util';
import { addPartner, PartnerError, removePartner, type PartnerClients } from './partners.ts';

const USAGE = `usage: npm run partner -- <add|remove> --name <name> [options]

  add     --name <name> --tier <tier> --scopes <scope>[,<scope>...] [--stage <stage>]
          create the partner's app client (client credentials) and API key in the tier's usage plan;
          prints the client id and secret, the API key and the token endpoint (once: store them now)
          grants exactly the scopes named, each of which the tier must allow (partners.tiers in the
          stage config)
  remove  --name <name> [--stage <stage>]
          delete the partner's app client and API key

  --stage defaults to local, which targets the emulator on ${EMULATOR_ENDPOINT} with test credentials;
  for dev and prod, use the usual AWS credentials and region (AWS_PROFILE, AWS_REGION, ...).`;

function awsClients(stage: string): PartnerClients {
  if (stage !== STAGE)
    return { cognito: new CognitoIdentityProviderClient({}), apiGateway: new APIGatewayClient({}) };
  const config = {
    endpoint: EMULATOR_ENDPOINT,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  return {
    cognito: new CognitoIdentityProviderClient(config),
    apiGateway: new APIGatewayClient(config),
    emulatorEndpoint: EMULATOR_ENDPOINT,
  };
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tier: { type: 'string' },
      scopes: { type: 'string', multiple: true },
      stage: { type: 'string', default: STAGE },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || positionals.length !== 1 || !values.name) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const clients = awsClients(values.stage);
  if (command === 'add') {
    if (!values.tier) throw new PartnerError('add needs --tier');
    const scopes = (values.scopes ?? []).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
    const p = await addPartner(clients, {
      stage: values.stage,
      name: values.name,
      tier: values.tier,
      scopes,
    });
    console.log(
      [
        `Partner ${p.name} on the ${values.stage} stage, tier ${p.tier}, scopes ${p.scopes.join(' ')}`,
        `  client id       ${p.clientId}`,
        `  client secret   ${p.clientSecret}`,
        `  API key         ${p.apiKey}   (id ${p.apiKeyId})`,
        `  token endpoint  ${p.tokenEndpoint ?? '(the user pool has no domain yet, docs/auth.md)'}`,
        `  partner API     ${p.apiUrl}`,
        'Hand these to the partner over a secure channel; this tool does not show them again.',
      ].join('\n'),
    );
  } else if (command === 'remove') {
    const removed = await removePartner(clients, { stage: values.stage, name: values.name });
    console.log(
      `Removed partner ${values.name}: ${removed.clientIds.length} app client(s), ${removed.apiKeyIds.length} API key(s)`,
    );
  } else {
    console.log(USAGE);
    process.exitCode = 2;
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  // Expected refusals read as one line; anything else keeps its stack.
  if (error instanceof PartnerError || (error instanceof TypeError && 'code' in error)) {
    console.error(`partner: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
