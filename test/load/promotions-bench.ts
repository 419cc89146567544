// Part 6 of the bench: what promotions cost.
//   - checkout p50 one shopper at a time without a promotion and with a code promotion (the cart enters the
//     code before the timed checkout), and the orders function's DynamoDB calls in each (its Server-Timing
//     header): target at most one more call with a promotion (the reservation is promotions' own write);
//   - pricing's quote asking promotions (a direct Lambda invoke, as orders makes it) against 10, 100 and 1,000
//     active automatic promotions: p50 each, target the 1,000 p50 at most TARGETS.quoteRatio × the 10 p50.
// The automatic promotions it creates are for a customer segment nobody has, so they are candidates in every
// quote without discounting anything; every promotion it creates is archived at the end.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  EMULATOR_ENDPOINT,
  REGION,
  accessToken,
  ensureDemoUsers,
  identityOutputs,
  readDeployedOutputs,
} from '@commerce/local-cloud';
import { call, guestCheckout, must, sellableSku } from './checkout-bench.ts';
import { percentile } from './stats.ts';

export const PROMOTION_TARGETS = {
  /** Orders' DynamoDB calls in a checkout with a promotion, at most this many more than without. */
  extraDynamodbCalls: 1,
  /** The quote's p50 with 1,000 active promotions at most this many times its p50 with 10. */
  quoteRatio: 1.5,
} as const;

const LEVELS = [10, 100, 1000] as const;

export interface PromotionsBench {
  readonly checkout: {
    readonly n: number;
    readonly without: { p50: number; dynamodbCalls: number | null };
    readonly with: { p50: number; dynamodbCalls: number | null; discount: number };
    readonly extraCalls: number | null;
    readonly pass: boolean;
  };
  readonly quote: {
    readonly n: number;
    readonly levels: readonly { promotions: number; p50: number; p90: number }[];
    readonly ratio: number;
    readonly pass: boolean;
  };
}

/** The body of a promotion the bench creates: active, for `segment`, 10 % off. */
function promotionBody(name: string, overrides: Record<string, unknown>) {
  return {
    name,
    status: 'active',
    priority: 1,
    trigger: 'automatic',
    combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
    conditions: [],
    action: { kind: 'order-off', reduction: { kind: 'percentage', basisPoints: 1000 } },
    ...overrides,
  };
}

export async function promotionsBench(
  baseUrl: string,
  options: { checkouts: number; quotes: number },
  log: (line: string) => void,
): Promise<PromotionsBench> {
  const outputs = readDeployedOutputs();
  const ids = identityOutputs(outputs);
  const staff = (await ensureDemoUsers(ids)).staff;
  const auth = {
    authorization: `Bearer ${await accessToken(ids.adminConsoleClientId, staff.email, staff.password)}`,
  };
  const created: { id: string; body: Record<string, unknown> }[] = [];
  const create = async (body: Record<string, unknown>) => {
    const answer = must(await call(baseUrl, 'POST', '/promotions', body, auth), 201, 'POST /promotions');
    const { id } = answer.json as { id: string };
    created.push({ id, body });
    return id;
  };
  try {
    const sku = await sellableSku(baseUrl, 2 * options.checkouts + 10);
    const code = `BENCH${Date.now().toString(36).toUpperCase()}`;
    await create(
      promotionBody('Bench code', {
        trigger: 'code',
        codes: [code],
        action: {
          kind: 'items-off',
          target: { skus: [sku] },
          reduction: { kind: 'percentage', basisPoints: 1000 },
        },
      }),
    );
    log(`promotions: 3 warm-up + ${options.checkouts} checkouts without, then with the code ${code}`);
    for (let i = 0; i < 3; i++) await guestCheckout(baseUrl, sku, [code]);
    type Sample = Awaited<ReturnType<typeof guestCheckout>>;
    const without: Sample[] = [];
    const withCode: Sample[] = [];
    for (let i = 0; i < options.checkouts; i++) {
      without.push(await guestCheckout(baseUrl, sku));
      withCode.push(await guestCheckout(baseUrl, sku, [code]));
    }
    const calls = (samples: typeof without) => {
      const counted = samples.flatMap((s) => (s.dynamodbCalls === null ? [] : [s.dynamodbCalls]));
      return counted.length ? percentile(counted, 50) : null;
    };
    const callsWithout = calls(without);
    const callsWith = calls(withCode);
    const extraCalls = callsWith === null || callsWithout === null ? null : callsWith - callsWithout;
    const discount = withCode[0]?.discount ?? 0;
    if (discount === 0 || without.some((s) => s.discount !== 0)) {
      throw new Error('The checkouts with the code were not discounted, or those without were');
    }
    const checkout = {
      n: options.checkouts,
      without: {
        p50: percentile(
          without.map((s) => s.ms),
          50,
        ),
        dynamodbCalls: callsWithout,
      },
      with: {
        p50: percentile(
          withCode.map((s) => s.ms),
          50,
        ),
        dynamodbCalls: callsWith,
        discount,
      },
      extraCalls,
      pass: extraCalls !== null && extraCalls <= PROMOTION_TARGETS.extraDynamodbCalls,
    };

    const lambda = new LambdaClient({
      endpoint: EMULATOR_ENDPOINT,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const quoteFunction = Object.values(outputs).find((o) => o['PricingQuoteFunctionName'])?.[
      'PricingQuoteFunctionName'
    ];
    if (!quoteFunction) throw new Error('No stack output PricingQuoteFunctionName');
    const quote = async (): Promise<number> => {
      const started = performance.now();
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: quoteFunction,
          Payload: Buffer.from(
            JSON.stringify({
              lines: [{ sku, quantity: 2 }],
              currency: 'EUR',
              shippingAddress: { country: 'DE' },
              shipping: null,
              promotions: { codes: [], buyer: { signedIn: false, email: 'bench@example.com' } },
              correlationId: 'bench-promotions',
            }),
          ),
        }),
      );
      const ms = performance.now() - started;
      const reply = JSON.parse(Buffer.from(out.Payload ?? []).toString()) as { promotions?: unknown };
      if (out.FunctionError || !reply.promotions) {
        throw new Error(`The quote failed: ${Buffer.from(out.Payload ?? []).toString()}`);
      }
      return ms;
    };
    const levels = [];
    let active = 0;
    for (const level of LEVELS) {
      log(
        `promotions: ${level - active} more automatic promotions (${level} active), then ${options.quotes} quotes`,
      );
      const bodies = Array.from({ length: level - active }, (_, i) =>
        promotionBody(`Bench automatic ${active + i + 1}`, {
          conditions: [{ kind: 'segment', segments: ['bench-nobody'] }],
          limits: { redemptions: 1000 },
        }),
      );
      for (let i = 0; i < bodies.length; i += 10) await Promise.all(bodies.slice(i, i + 10).map(create));
      active = level;
      // The evaluator keeps the automatic promotions 2 s: let the cache turn over, then warm up.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      for (let i = 0; i < 5; i++) await quote();
      const samples = [];
      for (let i = 0; i < options.quotes; i++) samples.push(await quote());
      levels.push({ promotions: level, p50: percentile(samples, 50), p90: percentile(samples, 90) });
    }
    const ratio = levels.at(-1)!.p50 / levels[0]!.p50;
    return {
      checkout,
      quote: { n: options.quotes, levels, ratio, pass: ratio <= PROMOTION_TARGETS.quoteRatio },
    };
  } finally {
    log(`promotions: archiving the ${created.length} promotions the bench created`);
    for (let i = 0; i < created.length; i += 10) {
      await Promise.all(
        created
          .slice(i, i + 10)
          .map(({ id, body }) =>
            call(baseUrl, 'PUT', `/promotions/${id}`, { ...body, status: 'archived', version: 1 }, auth),
          ),
      );
    }
  }
}
