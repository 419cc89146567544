// The reindex over in-memory ports: a new index built from the services' data (never the old index), the old
// one live until the new one is complete, one job at a time, and a failed build dropped with the old index
// still live.
import { describe, expect, it } from 'vitest';
import type { ProductRecord } from '../../../functions/search/domain/document.ts';
import type { ReindexJob, SearchSettings } from '../../../functions/search/domain/ports.ts';
import { Indexer } from '../../../functions/search/indexer.ts';
import { Reindexer, type ReindexSource } from '../../../functions/search/reindex.ts';
import { MemoryProjection, MemorySearchEngine } from './memory.ts';

const NOW = new Date('2030-06-15T12:00:00.000Z');

const product = (id: string, status: ProductRecord['status'] = 'published'): ProductRecord => ({
  id,
  handle: id,
  title: `Product ${id}`,
  description: '',
  status,
  categoryIds: [],
  attributes: {},
  options: [],
  variants: [{ sku: `${id}-sku`, title: 'One', optionValues: {} }],
  media: [],
  version: 1,
  createdAt: '2030-01-01T00:00:00.000Z',
});

/** The settings port in memory: only the job parts the reindex uses. */
class MemoryJobs implements Pick<SearchSettings, 'startReindex' | 'finishReindex' | 'reindexJob'> {
  job: ReindexJob | undefined;
  startReindex(job: ReindexJob): Promise<boolean> {
    if (this.job?.status === 'running') return Promise.resolve(false);
    this.job = job;
    return Promise.resolve(true);
  }
  finishReindex(job: ReindexJob): Promise<void> {
    if (this.job?.id === job.id) this.job = job;
    return Promise.resolve();
  }
  reindexJob(): Promise<ReindexJob | undefined> {
    return Promise.resolve(this.job);
  }
}

/** The services' data in pages of two, with a hook that runs while a page is read. */
function source(products: ProductRecord[], onPage: (page: number) => Promise<void> = async () => {}) {
  const reads: string[] = [];
  const data: ReindexSource = {
    categories: () => Promise.resolve([]),
    async products(cursor) {
      const page = cursor === undefined ? 0 : Number(cursor);
      reads.push(`products:${page}`);
      await onPage(page);
      const items = products.slice(page * 2, page * 2 + 2);
      return { items, ...(page * 2 + 2 < products.length ? { nextCursor: String(page + 1) } : {}) };
    },
    prices: (skus) =>
      Promise.resolve({
        prices: skus.map((sku) => ({ sku, version: 1, prices: { EUR: { amount: 1000, sales: [] } } })),
        segments: [],
      }),
    availability: (skus) => Promise.resolve(skus.map((sku) => ({ sku, availability: 'in_stock' as const }))),
  };
  return { data, reads };
}

function setUp(data: ReindexSource) {
  const projection = new MemoryProjection();
  const engine = new MemorySearchEngine();
  const jobs = new MemoryJobs();
  const indexer = new Indexer(projection, engine, () => NOW);
  const reindexer = new Reindexer({
    projection,
    settings: jobs as unknown as SearchSettings,
    engine,
    indexer,
    source: data,
    prefix: 'test-',
    now: () => NOW,
  });
  return { projection, engine, jobs, indexer, reindexer };
}

describe('Reindexer', () => {
  it('builds a new index from the services and switches to it only when complete', async () => {
    const products = [
      product('a'),
      product('b'),
      product('c', 'draft'),
      product('d'),
      product('e', 'archived'),
    ];
    const seenLive: number[] = [];
    const refs: { engine?: MemorySearchEngine } = {};
    const { data, reads } = source(products, () => {
      // While pages are read, shoppers still see the old index, whole.
      seenLive.push(refs.engine!.live().size);
      return Promise.resolve();
    });
    const { engine, indexer, reindexer } = setUp(data);
    refs.engine = engine;
    await indexer.productChanged(product('old'));
    expect([...engine.live().keys()]).toEqual(['old']);

    const job = await reindexer.run(await reindexer.start());

    expect(job).toMatchObject({ status: 'completed', documents: 3 });
    expect(reads).toEqual(['products:0', 'products:1', 'products:2']);
    expect(new Set(seenLive)).toEqual(new Set([1]));
    // Built from the services: the product only the old index knew is gone, drafts and archived stay out.
    expect([...engine.live().keys()].sort()).toEqual(['a', 'b', 'd']);
    expect(engine.live().get('a')?.offers[0]).toMatchObject({ key: 'base|EUR', amount: 1000 });
    expect(engine.live().get('a')?.inStock).toBe(true);
    expect(await engine.liveIndex()).toBe(job.index);
  });

  it('refuses a second job while one runs (409)', async () => {
    const { reindexer } = setUp(source([product('a')]).data);
    await reindexer.start();
    await expect(reindexer.start()).rejects.toMatchObject({ status: 409, problemType: 'reindex-running' });
  });

  it('keeps the old index live and drops the new one when the build fails', async () => {
    const { data } = source([product('a'), product('b'), product('c')], (page) =>
      page === 1 ? Promise.reject(new Error('catalog unavailable')) : Promise.resolve(),
    );
    const { engine, indexer, jobs, reindexer } = setUp(data);
    await indexer.productChanged(product('old'));
    const live = await engine.liveIndex();
    const job = await reindexer.start();

    await expect(reindexer.run(job)).rejects.toThrow('catalog unavailable');

    expect(jobs.job).toMatchObject({ status: 'failed', error: 'catalog unavailable' });
    expect(await engine.liveIndex()).toBe(live);
    expect(engine.indices.has(job.index)).toBe(false);
    expect([...engine.live().keys()]).toEqual(['old']);
  });

  it('lets the indexer write into the index being built, so a change during the build is not lost', async () => {
    const refs: { indexer?: Indexer } = {};
    const { data } = source([product('a'), product('b'), product('c')], async (page) => {
      // A price change arrives for `a` while page 1 is read, after `a` was built.
      if (page === 1)
        await refs.indexer!.skuPricesChanged('a-sku', 2, [
          { currency: 'EUR', after: { amount: 700, sales: [] } },
        ]);
    });
    const { engine, indexer, reindexer } = setUp(data);
    refs.indexer = indexer;

    await reindexer.run(await reindexer.start());

    expect(engine.live().get('a')?.offers[0]).toMatchObject({ amount: 700 });
  });
});
