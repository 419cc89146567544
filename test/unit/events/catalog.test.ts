import { eventCatalog, eventPattern, ProductCreated } from '@commerce/events';
import { describe, expect, it } from 'vitest';

describe('event catalog', () => {
  it('names every event <entity>.<past-tense verb> from a commerce.<service> source, once', () => {
    const keys = eventCatalog.map((e) => `${e.source} ${e.detailType} v${e.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of eventCatalog) {
      expect(e.source).toBe(`commerce.${e.producer}`);
      expect(e.detailType).toMatch(/^[a-z_]+\.[a-z_]+$/);
    }
  });

  it('matches exactly one type and version in its rule pattern', () => {
    expect(eventPattern(ProductCreated)).toEqual({
      source: ['commerce.catalog'],
      detailType: ['product.created'],
      detail: { metadata: { version: [1] } },
    });
  });
});
