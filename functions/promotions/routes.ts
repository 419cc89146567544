// The promotions service's routes, each declared once (scripts/generate.ts builds the API, the OpenAPI
// document and the authorizer's table from them): staff create, read, list, change and preview promotions,
// and generate and export batches of single-use codes.
import { promotionsGenerateCodes } from '@commerce/contracts';
import { pageSchema } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  codeBatchAnswer,
  codeBatchBody,
  codeBatchParams,
  codeExportAnswer,
  codeExportQuery,
} from './code-schemas.ts';
import {
  promotionAnswer,
  promotionBody,
  promotionListQuery,
  promotionParams,
  promotionReplaceBody,
  promotionUsage,
  previewAnswer,
  previewBody,
} from './schemas.ts';

const promotion = promotionAnswer.check(z.meta({ id: 'Promotion' }));
const codeBatch = codeBatchAnswer.check(z.meta({ id: 'CodeBatch' }));

export const promotionsRoutes = defineRoutes('promotions', {
  'GET /promotions': {
    entry: 'http/list-promotions.ts',
    access: 'staff',
    summary: 'List promotions, newest first, optionally of one status.',
    readOnly: true,
    paginates: true,
    query: promotionListQuery,
    response: {
      status: 200,
      description: 'A page of promotions.',
      body: pageSchema(promotion, 'PromotionPage'),
    },
  },
  'POST /promotions': {
    entry: 'http/create-promotion.ts',
    access: 'staff',
    summary: 'Create a promotion: its schedule, conditions, action, combination rule, limits and codes.',
    body: promotionBody,
    // A catalogue promotion's start and end are scheduled as it is saved.
    permissions: ['schedules'],
    response: { status: 201, description: 'Created; `location` names it.', body: promotion },
    errors: [409, 422],
  },
  'POST /promotions/preview': {
    entry: 'http/preview-promotion.ts',
    access: 'staff',
    summary: 'Preview what a promotion, as the editor holds it (not saved), gives a sample basket.',
    readOnly: true,
    body: previewBody,
    response: {
      status: 200,
      description:
        'The rule engine’s verdict for this promotion alone: what it takes off each line and shipping, or why ' +
        'it does not apply. The basket’s SKUs are matched through the service’s catalog copy. A preview ' +
        'ignores the limits’ usage (it counts none used, so only a budget smaller than this one discount ' +
        'keeps it out), takes a draft as active and a code promotion as if its code were entered; 422 for a ' +
        'promotion the create route would refuse.',
      body: previewAnswer.check(z.meta({ id: 'PromotionPreview' })),
    },
    errors: [422],
  },
  'GET /promotions/{id}': {
    entry: 'http/get-promotion.ts',
    access: 'staff',
    summary: 'Get a promotion.',
    readOnly: true,
    params: promotionParams,
    response: { status: 200, description: 'The promotion; `etag` carries its version.', body: promotion },
    errors: [404],
  },
  'GET /promotions/{id}/usage': {
    entry: 'http/get-usage.ts',
    access: 'staff',
    summary: 'What a promotion has used of its limits, and what is left.',
    readOnly: true,
    params: promotionParams,
    response: {
      status: 200,
      description: 'Redemptions and budget used (reserved and committed), and what is left of each limit.',
      body: promotionUsage.check(z.meta({ id: 'PromotionUsage' })),
    },
    errors: [404],
  },
  'POST /promotions/{id}/code-batches': {
    entry: 'http/start-code-batch.ts',
    access: 'staff',
    summary: 'Generate a batch of single-use codes of a code promotion, in the background.',
    params: promotionParams,
    body: codeBatchBody,
    invokes: [promotionsGenerateCodes],
    response: {
      status: 202,
      description: 'The batch, generating; `location` names it. 422 for a promotion without a code trigger.',
      body: codeBatch,
    },
    errors: [404, 422],
  },
  'GET /promotions/{id}/code-batches': {
    entry: 'http/list-code-batches.ts',
    access: 'staff',
    summary: "A promotion's batches of single-use codes, newest first, with their progress.",
    readOnly: true,
    params: promotionParams,
    response: {
      status: 200,
      description: 'Every batch of the promotion.',
      body: z.strictObject({ items: z.array(codeBatch) }).check(z.meta({ id: 'CodeBatchList' })),
    },
    errors: [404],
  },
  'GET /promotions/{id}/code-batches/{batchId}': {
    entry: 'http/get-code-batch.ts',
    access: 'staff',
    summary: 'One batch of single-use codes: how many are generated, and its status.',
    readOnly: true,
    params: codeBatchParams,
    response: { status: 200, description: 'The batch.', body: codeBatch },
    errors: [404],
  },
  'GET /promotions/{id}/code-batches/{batchId}/codes': {
    entry: 'http/export-codes.ts',
    access: 'staff',
    summary: "A page of a batch's codes as CSV (`code,status,orderId`), in the order they were generated.",
    readOnly: true,
    paginates: true,
    params: codeBatchParams,
    query: codeExportQuery,
    response: {
      status: 200,
      description: 'Up to `limit` codes as CSV text in `csv`, and the cursor of the next page.',
      body: codeExportAnswer.check(z.meta({ id: 'CodeExportPage' })),
    },
    errors: [404],
  },
  'PUT /promotions/{id}': {
    entry: 'http/replace-promotion.ts',
    access: 'staff',
    summary: 'Replace a promotion; the body carries the version it was read at (another is a 409).',
    params: promotionParams,
    body: promotionReplaceBody,
    permissions: ['schedules'],
    response: { status: 200, description: 'The promotion as replaced.', body: promotion },
    errors: [404, 409, 422],
  },
});
