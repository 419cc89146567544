// The kit's internal client, the caller side of a contract: the callee's name from the environment, the
// request checked before it leaves, the answer checked against the contract, and refusals told apart from
// a callee that did not answer. Lambda is a stand-in port; nothing is mocked by module.
import type { InvokeCommand, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { defineInternal } from '@commerce/contracts';
import {
  internalClient,
  PeerRefusedError,
  PeerUnavailableError,
  type LambdaPort,
} from '@commerce/lambda-kit/internal-client';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const quoteRates = defineInternal({
  service: 'shipping',
  name: 'quoteRates',
  description: 'a test contract',
  request: z
    .object({ country: z.string().regex(/^[A-Z]{2}$/), correlationId: z.string().optional() })
    .strict(),
  reply: z.object({ offers: z.array(z.object({ methodId: z.string(), price: z.number().int() })) }),
});

const env = { SHIPPING_QUOTE_RATES_FUNCTION: 'commerce-shipping-quoteRates' };

/** A Lambda that answers `payload` (JSON-encoded unless a string) and records what it was sent. */
function lambda(payload: unknown, extra: Partial<InvokeCommandOutput> = {}) {
  const sent: { functionName: string | undefined; payload: unknown }[] = [];
  const port: LambdaPort = {
    send: (command: InvokeCommand) => {
      sent.push({
        functionName: command.input.FunctionName,
        payload: JSON.parse(Buffer.from(command.input.Payload as Uint8Array).toString('utf8')),
      });
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      return Promise.resolve({
        $metadata: {},
        StatusCode: 200,
        Payload: new Uint8Array(Buffer.from(text)) as InvokeCommandOutput['Payload'],
        ...extra,
      });
    },
  };
  return { port, sent };
}

const offers = { offers: [{ methodId: 'dhl-parcel', price: 495 }] };
const refusal = {
  error: {
    status: 422,
    type: 'urn:commerce:problem:invalid-rate-table',
    title: 'Unprocessable request',
    detail: 'The shipping rate table is not valid.',
  },
};

describe('internalClient', () => {
  it('invokes the function the environment names with the request, and answers the checked reply', async () => {
    const { port, sent } = lambda(offers);
    const client = internalClient(quoteRates, { lambda: port, env });

    await expect(client.call({ country: 'DE', correlationId: 'corr-1' })).resolves.toEqual(offers);
    expect(sent).toEqual([
      { functionName: 'commerce-shipping-quoteRates', payload: { country: 'DE', correlationId: 'corr-1' } },
    ]);
  });

  it('refuses a request that breaks the contract before sending anything, as the callee would (400)', async () => {
    const { port, sent } = lambda(offers);
    const client = internalClient(quoteRates, { lambda: port, env });

    const refused = await client.invoke({ country: 'Germany' });
    expect(refused).toMatchObject({
      error: {
        status: 400,
        type: 'urn:commerce:problem:validation-error',
        errors: [expect.objectContaining({ in: 'body', pointer: '/country' })],
      },
    });
    await expect(client.call({ country: 'DE', extra: 1 } as never)).rejects.toBeInstanceOf(PeerRefusedError);
    expect(sent).toEqual([]);
  });

  it('answers a refusal as { error } from invoke and throws it as PeerRefusedError from call', async () => {
    const client = internalClient(quoteRates, { lambda: lambda(refusal).port, env });

    await expect(client.invoke({ country: 'DE' })).resolves.toEqual(refusal);
    const error = await client.call({ country: 'DE' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PeerRefusedError);
    expect(error).toMatchObject({ peer: 'shipping', operation: 'quoteRates', problem: refusal.error });
  });

  it('keeps a refusal’s extension members', async () => {
    const shortages = [{ sku: 'TEE-S', requested: 2, available: 1 }];
    const client = internalClient(quoteRates, {
      lambda: lambda({ error: { ...refusal.error, status: 409, shortages } }).port,
      env,
    });
    await expect(client.invoke({ country: 'DE' })).resolves.toMatchObject({ error: { shortages } });
  });

  it.each([
    ['a function error', lambda({ errorMessage: 'boom' }, { FunctionError: 'Unhandled' }).port, /Unhandled/],
    [
      'a reply the contract does not allow',
      lambda({ offers: [{ methodId: 'x' }] }).port,
      /\/offers\/0\/price/,
    ],
    ['a refusal that is not a problem', lambda({ error: 'no' }).port, /refusal/],
    ['a reply that is not JSON', lambda('Task timed out').port, /not JSON/],
    ['no reply at all', lambda('null').port, /reply/],
    ['a failed invoke', { send: () => Promise.reject(new Error('Rate exceeded')) }, /Rate exceeded/],
  ] as const)('reports %s as PeerUnavailableError', async (_what, port, detail) => {
    const client = internalClient(quoteRates, { lambda: port, env });
    for (const attempt of [client.invoke({ country: 'DE' }), client.call({ country: 'DE' })]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PeerUnavailableError);
      expect(error).toMatchObject({ peer: 'shipping', operation: 'quoteRates' });
      expect((error as Error).message).toMatch(detail);
    }
  });

  it('reads the function name at the first call: a missing variable is an error naming it', async () => {
    const wiring: NodeJS.ProcessEnv = {};
    const { port, sent } = lambda(offers);
    // Building the client reads nothing yet.
    const client = internalClient(quoteRates, { lambda: port, env: wiring });

    await expect(client.call({ country: 'DE' })).rejects.toThrow(
      'SHIPPING_QUOTE_RATES_FUNCTION is not set: this function is not wired to call shipping.quoteRates',
    );
    expect(sent).toEqual([]);

    wiring.SHIPPING_QUOTE_RATES_FUNCTION = 'late';
    await client.call({ country: 'DE' });
    expect(sent.map((s) => s.functionName)).toEqual(['late']);
  });
});
