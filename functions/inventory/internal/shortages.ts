// The inventory's extra refusal member: a 409 `insufficient-stock` lists every short SKU (`shortages`).
import type { ProblemExtensions } from '@commerce/lambda-kit/internal';
import { InsufficientStockError } from '../domain/stock.ts';

export const shortages: ProblemExtensions = (error) =>
  error instanceof InsufficientStockError ? { shortages: error.shortages } : undefined;
