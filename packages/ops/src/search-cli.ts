// CLI: `npm run search -- reindex [--stage <stage>]`: rebuilds the product index from the catalog, pricing and
// inventory behind the read alias and waits for the answer (docs/search.md, "Reindexing"). The local stage
// talks to the emulator; other stages use the usual AWS credentials and region.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { searchRunReindex } from '@commerce/contracts';
import { EMULATOR_ENDPOINT, REGION, STAGE } from '@commerce/local-cloud';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run search -- reindex [--stage <stage>]

  reindex   build a new index from the services' data and switch to it when complete (up to 15 minutes)
  --stage   defaults to local (the emulator on ${EMULATOR_ENDPOINT})`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { stage: { type: 'string', default: STAGE }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals[0] !== 'reindex' || positionals.length !== 1) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const lambda =
    values.stage === STAGE
      ? new LambdaClient({
          endpoint: EMULATOR_ENDPOINT,
          region: REGION,
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        })
      : new LambdaClient({});
  const started = performance.now();
  const out = await lambda.send(
    new InvokeCommand({
      // infra/constructs/service.ts internalFunctionName
      FunctionName: `commerce-${values.stage}-search-${searchRunReindex.name}`,
      Payload: Buffer.from(JSON.stringify({ correlationId: `cli-reindex-${Date.now()}` })),
    }),
  );
  const answer = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || '{}') as Record<
    string,
    unknown
  >;
  if (out.FunctionError || 'error' in answer) {
    console.error(`reindex failed: ${JSON.stringify(answer.error ?? answer)}`);
    process.exitCode = 1;
    return;
  }
  const seconds = (performance.now() - started) / 1000;
  const documents = Number(answer.documents);
  console.log(
    `reindex ${String(answer.status)}: ${documents} documents into ${String(answer.index)} in ${seconds.toFixed(1)} s ` +
      `(${(documents / seconds).toFixed(0)} documents/s)`,
  );
}

await main(process.argv.slice(2));
