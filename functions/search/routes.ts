// The search service's routes, each declared once (scripts/generate.ts builds the API, the OpenAPI document
// and the authorizer's table from them): shoppers' search and suggestions, the signed-in customer's search
// with their segment's prices, and what staff manage (synonyms, rules, zero-result queries, reindex).
import { searchRunReindex } from '@commerce/contracts';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  reindexJob,
  rule,
  ruleBody,
  ruleParams,
  searchAnswer,
  searchQuery,
  suggestQuery,
  suggestions,
  synonymsAnswer,
  synonymsBody,
  zeroResults,
  zeroResultsQuery,
} from './schemas.ts';

const SEARCH_SUMMARY =
  'Search published products: text with typo tolerance and synonyms, filters, disjunctive facets, sort.';

export const searchRoutes = defineRoutes('search', {
  'GET /search': {
    entry: 'http/search.ts',
    access: 'public',
    summary: SEARCH_SUMMARY,
    readOnly: true,
    paginates: true,
    permissions: ['readIndex'],
    query: searchQuery,
    response: {
      status: 200,
      description: 'A page of products with the facets of the whole result (guest prices).',
      body: searchAnswer,
    },
  },
  'GET /me/search': {
    entry: 'http/search-me.ts',
    access: 'customer',
    summary: `${SEARCH_SUMMARY} Prices are the signed-in customer's (their segment's price list).`,
    readOnly: true,
    paginates: true,
    permissions: ['readIndex'],
    query: searchQuery,
    response: {
      status: 200,
      description: "A page of products with the facets of the whole result, at the customer's prices.",
      body: searchAnswer,
    },
  },
  'GET /search/suggest': {
    entry: 'http/suggest.ts',
    access: 'public',
    summary: 'As-you-type completion of product titles.',
    readOnly: true,
    permissions: ['readIndex'],
    query: suggestQuery,
    response: { status: 200, description: 'Up to `limit` distinct products.', body: suggestions },
  },
  'GET /search/synonyms': {
    entry: 'http/get-synonyms.ts',
    access: 'staff',
    summary: 'The synonyms search applies to shoppers’ words.',
    readOnly: true,
    response: {
      status: 200,
      description: 'The synonym list (empty, version 0, until first saved).',
      body: synonymsAnswer,
    },
  },
  'PUT /search/synonyms': {
    entry: 'http/put-synonyms.ts',
    access: 'staff',
    summary: 'Replace the synonyms; they apply to searches within seconds, without a reindex.',
    body: synonymsBody,
    response: {
      status: 200,
      description: 'The synonyms as stored, with their new version.',
      body: synonymsAnswer,
    },
    errors: [409],
  },
  'GET /search/rules': {
    entry: 'http/list-rules.ts',
    access: 'staff',
    summary: 'The merchandising rules (pin, boost, hide per query or category).',
    readOnly: true,
    response: { status: 200, description: 'Every rule.', body: z.strictObject({ items: z.array(rule) }) },
  },
  'PUT /search/rules/{id}': {
    entry: 'http/put-rule.ts',
    access: 'staff',
    summary: 'Create or replace a merchandising rule; it applies within seconds.',
    params: ruleParams,
    body: ruleBody,
    response: { status: 200, description: 'The rule as stored.', body: rule },
    errors: [422],
  },
  'DELETE /search/rules/{id}': {
    entry: 'http/delete-rule.ts',
    access: 'staff',
    summary: 'Remove a merchandising rule.',
    params: ruleParams,
    response: { status: 204, description: 'Removed.' },
    errors: [404],
  },
  'GET /search/zero-results': {
    entry: 'http/zero-results.ts',
    access: 'staff',
    summary: 'Queries that found nothing, most frequent first.',
    readOnly: true,
    query: zeroResultsQuery,
    response: {
      status: 200,
      description: 'Normalized queries with how often and when last.',
      body: zeroResults,
    },
  },
  'POST /search/reindex': {
    entry: 'http/start-reindex.ts',
    access: 'admin',
    summary: 'Rebuild the index from the catalog, pricing and inventory without downtime.',
    invokes: [searchRunReindex],
    response: {
      status: 202,
      description: 'The job, started; shoppers read the old index until the new one is complete.',
      body: reindexJob,
    },
    errors: [409],
  },
  'GET /search/reindex': {
    entry: 'http/get-reindex.ts',
    access: 'staff',
    summary: 'The latest reindex job.',
    readOnly: true,
    response: { status: 200, description: 'The latest job.', body: reindexJob },
    errors: [404],
  },
});
