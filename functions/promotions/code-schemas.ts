// The single-use codes' request and response shapes (zod/mini): the batch staff ask for, the batch as the
// generator keeps it (the same schema its internal contract answers) and a CSV page of a batch's codes.
import { codeBatchSchema } from '@commerce/contracts';
import { cursorQuery } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { DEFAULT_CODE_LENGTH, EXPORT_PAGE, MAX_BATCH } from './domain/codes.ts';
import { promotionId } from './schemas.ts';

export const codeBatchBody = z.strictObject({
  count: z.number().check(z.int(), z.gte(1), z.lte(MAX_BATCH), z.describe('How many codes to generate.')),
  prefix: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Z0-9]{0,8}$/), z.describe('What every code starts with (capitals and digits).')),
  ),
  length: z.optional(
    z
      .number()
      .check(
        z.int(),
        z.gte(8),
        z.lte(16),
        z.describe(`The random part's length after the prefix (default ${DEFAULT_CODE_LENGTH}).`),
      ),
  ),
});

export const codeBatchParams = z.strictObject({
  id: promotionId,
  batchId: z.string().check(z.regex(/^cb_[a-z0-9]{1,40}$/, 'A batch id as the API issued it (cb_…).')),
});

export const codeBatchAnswer = codeBatchSchema;

export const codeExportQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(EXPORT_PAGE)), EXPORT_PAGE),
  cursor: cursorQuery(),
});

export const codeExportAnswer = z.strictObject({
  csv: z
    .string()
    .check(
      z.describe(
        'The page as CSV: the header `code,status,orderId`, then a line per code: `unused`, or `used` ' +
          'with the order that holds it.',
      ),
    ),
  nextCursor: z
    .nullable(z.string())
    .check(z.describe('Pass as `cursor` for the next page; null on the last.')),
});
