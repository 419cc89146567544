// The search service: an OpenSearch index of published products fed by catalog, pricing, inventory, review
// and catalogue promotion events, shoppers' search and suggestions, staff synonyms and merchandising rules,
// zero-result queries, and the zero-downtime reindex from the owning services' data (docs/search.md).
import {
  catalogExportCategories,
  catalogExportProducts,
  inventoryAvailability,
  pricingExportPrices,
  searchRunReindex,
} from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { aliasesOf } from './domain/index-design.ts';
import { searchRoutes } from './routes.ts';
import { searchSubscriptions } from './subscriptions.ts';

/** Every index and alias of the service starts with it; the domain is the stage's own. */
export const SEARCH_INDEX_PREFIX = 'commerce-';

/** The stage settings the search service reads. */
interface SearchStage {
  readonly stage: string;
  readonly region: string;
  readonly search: { readonly shards: number; readonly replicas: number };
}

/** infra/constructs/search-domain.ts names the domain so; repeated here to keep functions free of infra. */
const domainArn = (stage: string, aws: { partition: string; region: string; account: string }) =>
  `arn:${aws.partition}:es:${aws.region}:${aws.account}:domain/commerce-${stage}`;

export const searchService = defineService<SearchStage>({
  name: 'search',
  description: 'Product search over OpenSearch fed by events: facets, suggestions, synonyms, rules, reindex.',
  routes: searchRoutes,
  subscriptions: searchSubscriptions,
  internal: [
    {
      contract: searchRunReindex,
      entry: 'internal/run-reindex.ts',
      timeoutSeconds: 900,
      permissions: ['writeIndex'],
      invokes: [catalogExportProducts, catalogExportCategories, pricingExportPrices, inventoryAvailability],
    },
  ],
  environment: ({ search }) => ({
    SEARCH_INDEX_PREFIX,
    SEARCH_SHARDS: String(search.shards),
    SEARCH_REPLICAS: String(search.replicas),
  }),
  permissions: {
    // Shoppers' functions can only search through the read alias.
    readIndex: ({ stage }, aws) => [
      {
        actions: ['es:ESHttpPost', 'es:ESHttpGet'],
        resources: [`${domainArn(stage, aws)}/${aliasesOf(SEARCH_INDEX_PREFIX).read}/_search`],
      },
    ],
    writeIndex: ({ stage }, aws) => [
      {
        actions: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpDelete'],
        prefixReason:
          'The indexer writes documents in bulk, creates each reindex’s new index and moves the aliases: ' +
          'paths of the stage’s own domain, which holds nothing but the product index.',
        resources: [`${domainArn(stage, aws)}/*`],
      },
    ],
  },
});
