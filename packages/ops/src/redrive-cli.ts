// CLI: `npm run redrive -- <subscription> [--stage <stage>] [--dry-run]`: replays a subscription's DLQ into
// its queue after a fix (docs/operations.md). The local stage reads the deploy's outputs and talks to the
// emulator; other stages read the service stacks' outputs with the usual AWS credentials.
import { SQSClient } from '@aws-sdk/client-sqs';
import { EMULATOR_ENDPOINT, REGION, STAGE } from '@commerce/local-cloud';
import { parseArgs } from 'node:util';
import { findSubscriptions, redrive, RedriveError } from './redrive.ts';
import { stackOutputsOf } from './stack-outputs.ts';

const USAGE = `usage: npm run redrive -- <subscription> [--stage <stage>] [--dry-run]

  <subscription>  part of the subscription's name, e.g. payment-events or OrdersSubscription-payment-events
                  (npm run redrive -- --list shows them)
  --dry-run       count the messages in the DLQ without moving them
  --stage         defaults to local (the emulator on ${EMULATOR_ENDPOINT}); for dev and prod, the usual AWS
                  credentials and region, and the aws CLI to read the stack outputs`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stage: { type: 'string', default: STAGE },
      'dry-run': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const outputs = stackOutputsOf(values.stage);
  if (values.list) {
    for (const s of findSubscriptions(outputs, '')) console.log(s.name);
    return;
  }
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const matches = findSubscriptions(outputs, positionals[0]!);
  if (matches.length !== 1) {
    throw new RedriveError(
      matches.length === 0
        ? `No subscription matches "${positionals[0]}" (see --list).`
        : `"${positionals[0]}" matches ${matches.map((m) => m.name).join(', ')}: be more specific.`,
    );
  }
  const sqs =
    values.stage === STAGE
      ? new SQSClient({
          endpoint: EMULATOR_ENDPOINT,
          region: REGION,
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        })
      : new SQSClient({});
  const count = await redrive(sqs, matches[0]!, { dryRun: values['dry-run'] });
  console.log(
    values['dry-run']
      ? `${matches[0]!.name}: ${count} message(s) waiting in the DLQ (at least; dry run)`
      : `${matches[0]!.name}: moved ${count} message(s) from the DLQ back to the queue`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof RedriveError ? error.message : error);
  process.exitCode = 1;
});
