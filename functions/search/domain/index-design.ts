// The product index: its settings and mappings (analysis from the analysis-common module: English and
// German stemming beside the standard analyzer), and the names of the alias shoppers read through and the
// alias a reindex builds behind. Pure; no AWS. docs/search.md, "The index".

/** Shoppers read `<prefix>products`; a reindex writes its new index behind `<prefix>products-building`. */
export function aliasesOf(prefix: string): { readonly read: string; readonly building: string } {
  return { read: `${prefix}products`, building: `${prefix}products-building` };
}

/** A new index's name: the alias, then the time it was started (sortable). */
export function newIndexName(prefix: string, at: Date): string {
  return `${aliasesOf(prefix).read}-${at
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .toLowerCase()}`;
}

const text = (): Record<string, unknown> => ({
  type: 'text',
  analyzer: 'standard',
  fields: { en: { type: 'text', analyzer: 'english' }, de: { type: 'text', analyzer: 'german' } },
});

export function indexDefinition(options: { readonly shards: number; readonly replicas: number }) {
  return {
    settings: {
      number_of_shards: options.shards,
      number_of_replicas: options.replicas,
      analysis: {
        normalizer: { lowercase: { type: 'custom', filter: ['lowercase'] } },
      },
    },
    mappings: {
      dynamic: 'strict',
      properties: {
        id: { type: 'keyword' },
        handle: { type: 'keyword' },
        title: text(),
        description: text(),
        attributeText: text(),
        categoryNames: text(),
        skus: { type: 'keyword', normalizer: 'lowercase' },
        facets: { type: 'keyword' },
        categoryIds: { type: 'keyword' },
        categoryPath: { type: 'keyword' },
        currencies: { type: 'keyword' },
        offers: {
          type: 'nested',
          properties: {
            sku: { type: 'keyword' },
            key: { type: 'keyword' },
            currency: { type: 'keyword' },
            amount: { type: 'long' },
            listAmount: { type: 'long', index: false },
            segments: { type: 'keyword' },
            promotionId: { type: 'keyword' },
            badge: { type: 'keyword', index: false },
          },
        },
        variants: { type: 'object', enabled: false },
        availability: { type: 'keyword' },
        inStock: { type: 'boolean' },
        rating: { type: 'float' },
        reviewCount: { type: 'integer' },
        image: { type: 'keyword', index: false },
        createdAt: { type: 'date' },
        suggest: { type: 'completion', analyzer: 'simple', max_input_length: 60 },
      },
    },
  };
}
