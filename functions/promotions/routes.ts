// The promotions service's routes, each declared once (scripts/generate.ts builds the API, the OpenAPI
// document and the authorizer's table from them): staff create, read, list and change promotions.
import { pageSchema } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  promotionAnswer,
  promotionBody,
  promotionListQuery,
  promotionParams,
  promotionReplaceBody,
  promotionUsage,
} from './schemas.ts';

const promotion = promotionAnswer.check(z.meta({ id: 'Promotion' }));

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
    response: { status: 201, description: 'Created; `location` names it.', body: promotion },
    errors: [409, 422],
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
  'PUT /promotions/{id}': {
    entry: 'http/replace-promotion.ts',
    access: 'staff',
    summary: 'Replace a promotion; the body carries the version it was read at (another is a 409).',
    params: promotionParams,
    body: promotionReplaceBody,
    response: { status: 200, description: 'The promotion as replaced.', body: promotion },
    errors: [404, 409, 422],
  },
});
