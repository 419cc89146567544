// The kit's internal function, the callee side of a contract: the request checked against the contract,
// domain errors answered as problems (with a service's extensions), and its own reply checked before it
// leaves.
import { defineInternal, internalProblemSchema, isInternalError } from '@commerce/contracts';
import { ConflictError, NotFoundError } from '@commerce/lambda-kit/errors';
import { internalFunction, ReplyContractError } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';

const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

const holdStock = defineInternal({
  service: 'inventory',
  name: 'holdStock',
  description: 'a test contract',
  request: z
    .object({
      sku: z.string().min(1),
      quantity: z.number().int().min(1),
      correlationId: z.string().optional(),
    })
    .strict(),
  reply: z.object({ held: z.number().int(), sku: z.string() }),
});

class ShortError extends ConflictError {
  readonly available: number;
  constructor(available: number) {
    super(`Only ${available} left.`, 'insufficient-stock');
    this.available = available;
  }
}

describe('internalFunction', () => {
  it('runs the handler with the validated request and the caller’s correlation id, and answers its reply', async () => {
    const handler = vi.fn((input: { sku: string; quantity: number }) =>
      Promise.resolve({ held: input.quantity, sku: input.sku }),
    );
    const fn = internalFunction(holdStock, handler);

    const answer = await fn({ sku: 'TEE-S', quantity: 2, correlationId: 'corr-7' }, context);

    expect(answer).toEqual({ held: 2, sku: 'TEE-S' });
    expect(handler).toHaveBeenCalledWith(
      { sku: 'TEE-S', quantity: 2, correlationId: 'corr-7' },
      { correlationId: 'corr-7' },
    );
  });

  it('takes the invocation’s request id as correlation id when the caller sent none', async () => {
    const handler = vi.fn(() => Promise.resolve({ held: 1, sku: 'TEE-S' }));
    await internalFunction(holdStock, handler)({ sku: 'TEE-S', quantity: 1 }, context);
    expect(handler).toHaveBeenCalledWith(expect.anything(), { correlationId: 'req-1' });
  });

  it('answers a request the contract refuses with a 400 problem listing every field, and runs nothing', async () => {
    const handler = vi.fn(() => Promise.resolve({ held: 1, sku: 'x' }));
    const answer = await internalFunction(holdStock, handler)({ sku: '', quantity: 0, extra: true }, context);

    if (!isInternalError(answer)) throw new Error('Expected a refusal');
    expect(answer.error).toMatchObject({
      status: 400,
      type: 'urn:commerce:problem:validation-error',
      title: 'The request is not valid',
    });
    expect(answer.error.errors?.map((e) => [e.in, e.pointer])).toEqual(
      expect.arrayContaining([
        ['body', '/sku'],
        ['body', '/quantity'],
        ['body', '/extra'],
      ]),
    );
    expect(internalProblemSchema.safeParse(answer.error).success).toBe(true);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers a domain error as its problem, with the extension members the service adds', async () => {
    const fn = internalFunction(holdStock, () => Promise.reject(new ShortError(1)), {
      extensions: (error) => (error instanceof ShortError ? { available: error.available } : undefined),
    });

    const answer = await fn({ sku: 'TEE-S', quantity: 2 }, context);

    expect(answer).toEqual({
      error: {
        status: 409,
        type: 'urn:commerce:problem:insufficient-stock',
        title: 'Conflict',
        detail: 'Only 1 left.',
        available: 1,
      },
    });
    expect(internalProblemSchema.safeParse((answer as { error: unknown }).error).success).toBe(true);
  });

  it('adds no extension members to other domain errors', async () => {
    const extensions = vi.fn(() => undefined);
    const fn = internalFunction(holdStock, () => Promise.reject(new NotFoundError('No SKU TEE-S.')), {
      extensions,
    });

    const answer = await fn({ sku: 'TEE-S', quantity: 2 }, context);

    expect(answer).toEqual({
      error: {
        status: 404,
        type: 'urn:commerce:problem:not-found',
        title: 'Resource not found',
        detail: 'No SKU TEE-S.',
      },
    });
    expect(extensions).toHaveBeenCalledOnce();
  });

  it('throws a reply its contract does not allow, so the invoke reports a function error', async () => {
    const fn = internalFunction(holdStock, () =>
      // What a drifted handler might answer: tsc would refuse it, so the test goes around the types.
      Promise.resolve({ held: '2', sku: 'TEE-S' } as unknown as { held: number; sku: string }),
    );
    await expect(fn({ sku: 'TEE-S', quantity: 2 }, context)).rejects.toThrow(ReplyContractError);
    await expect(fn({ sku: 'TEE-S', quantity: 2 }, context)).rejects.toThrow(
      /inventory\.holdStock answered a reply its contract does not allow: \/held/,
    );
  });

  it('throws what is not a domain error', async () => {
    const fn = internalFunction(holdStock, () => Promise.reject(new Error('DynamoDB is down')));
    await expect(fn({ sku: 'TEE-S', quantity: 2 }, context)).rejects.toThrow('DynamoDB is down');
  });
});
