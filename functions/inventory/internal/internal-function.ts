// The inventory's internal functions: the kit's internal-function stack (packages/lambda-kit/src/internal.ts),
// whose refusals also list every short SKU for 409 `insufficient-stock` (`shortages`).
import {
  internalFunction as kitInternalFunction,
  type InternalFunctionSpec,
  type InternalResult,
} from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { InsufficientStockError } from '../domain/stock.ts';

export function internalFunction<S extends z.ZodType, R extends object>(
  spec: Omit<InternalFunctionSpec<S, R>, 'extensions'>,
): (event: unknown, context: Context) => Promise<InternalResult<R>> {
  return kitInternalFunction({
    ...spec,
    extensions: (error) =>
      error instanceof InsufficientStockError ? { shortages: error.shortages } : undefined,
  });
}
