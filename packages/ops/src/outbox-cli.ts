// CLI: `npm run outbox -- republish [--service <name>] [--since <ISO time>] [--dry-run] [--stage <stage>]`:
// re-publishes outbox events from the service tables after an incident (docs/operations.md, "The outbox").
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventPublisher } from '@commerce/lambda-kit/publisher';
import { EMULATOR_ENDPOINT, REGION, STAGE } from '@commerce/local-cloud';
import { parseArgs } from 'node:util';
import { findOutboxTables, republish, RepublishError } from './republish.ts';
import { stackOutputsOf } from './stack-outputs.ts';

const USAGE = `usage: npm run outbox -- republish [--service <name>] [--since <ISO time>] [--dry-run] [--stage <stage>]

  --service   one service (orders, payment, ...); default every service
  --since     only events that occurred at or after this time, e.g. 2026-11-24T06:00:00Z; default all
              (outbox items are kept 15 days)
  --dry-run   list what would be published, publish nothing
  --stage     defaults to local (the emulator on ${EMULATOR_ENDPOINT}); for dev and prod, the usual AWS
              credentials and region, and the aws CLI to read the stack outputs

Events keep their ids, so consumers that already had them ignore them; nothing is deleted.`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      since: { type: 'string' },
      stage: { type: 'string', default: STAGE },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1 || positionals[0] !== 'republish') {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) {
    throw new RepublishError(`--since ${values.since} is not a time (ISO 8601, e.g. 2026-11-24T06:00:00Z)`);
  }
  const outputs = stackOutputsOf(values.stage);
  const busName = outputs.EventBusName;
  if (!busName) throw new RepublishError('No EventBusName among the stack outputs: is the stage deployed?');
  const local = values.stage === STAGE;
  const clientConfig = local
    ? {
        endpoint: EMULATOR_ENDPOINT,
        region: REGION,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }
    : {};
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
  const publisher = new EventPublisher(new EventBridgeClient(clientConfig), busName);
  for (const { service, tableName } of findOutboxTables(outputs, values.service)) {
    const events = await republish(db, publisher, tableName, {
      ...(since ? { since } : {}),
      dryRun: values['dry-run'],
    });
    for (const e of events) console.log(`${service}\t${e.occurredAt}\t${e.event.detailType}\t${e.eventId}`);
    console.log(
      values['dry-run']
        ? `${service}: ${events.length} event(s) would be re-published (dry run)`
        : `${service}: re-published ${events.length} event(s)`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof RepublishError ? error.message : error);
  process.exitCode = 1;
});
