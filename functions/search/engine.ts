// OpenSearch adapter of the search engine port, over the official client. Requests are signed with SigV4
// (the domain accepts only the search functions' roles); the local node ignores the signature. Documents are
// written with external versions, so OpenSearch itself refuses a write older than what it holds. Mappings
// only grow: before its first write to an index, a function puts the current mapping on it (a field added
// since the index was created, such as the offers' badge, is then known to it).
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { aliasesOf, indexDefinition } from './domain/index-design.ts';
import type { IndexedDocument, ProductFinder, SearchEngine } from './domain/ports.ts';

type Json = Record<string, unknown>;

/** The most products a category or a catalogue promotion change rebuilds at once (more: a reindex). */
const CATEGORY_REBUILD_LIMIT = 10_000;

export function createSearchClient(endpoint: string, region: string): Client {
  return new Client({
    ...AwsSigv4Signer({ region, service: 'es', getCredentials: defaultProvider() }),
    node: endpoint,
  });
}

interface ResponseError extends Error {
  meta?: { statusCode?: number; body?: unknown };
}

const statusOf = (error: unknown): number | undefined => (error as ResponseError)?.meta?.statusCode;

const EMPTY_ANSWER: Json = { hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: {} };

export class OpenSearchEngine implements SearchEngine, ProductFinder {
  readonly #client: Client;
  readonly #aliases: { read: string; building: string };
  readonly #shape: { shards: number; replicas: number };
  /** Indices this function put the current mapping on. */
  readonly #mapped = new Set<string>();

  constructor(client: Client, prefix: string, shape: { shards: number; replicas: number }) {
    this.#client = client;
    this.#aliases = aliasesOf(prefix);
    this.#shape = shape;
  }

  async #request(method: string, path: string, body?: unknown, querystring?: Json): Promise<Json> {
    const response = await this.#client.transport.request({
      method,
      path,
      ...(body === undefined ? {} : { body: body as Json }),
      ...(querystring === undefined ? {} : { querystring }),
    });
    return response.body as Json;
  }

  async search(body: Json): Promise<Json> {
    try {
      return await this.#request('POST', `/${this.#aliases.read}/_search`, body);
    } catch (error) {
      // No index yet: nothing was ever indexed.
      if (statusOf(error) === 404) return EMPTY_ANSWER;
      throw error;
    }
  }

  /** Index names behind the given aliases (none when they do not exist). */
  async #indicesOf(...aliases: string[]): Promise<string[]> {
    // _cat answers the aliases that exist (GET /_alias/a,b is a 404 as soon as one of them is missing).
    const response = await this.#client.transport.request({
      method: 'GET',
      path: `/_cat/aliases/${aliases.join(',')}`,
      querystring: { format: 'json' },
    });
    const rows = response.body as unknown as { index: string }[];
    return [...new Set(rows.map((r) => r.index))];
  }

  async liveIndex(): Promise<string | undefined> {
    return (await this.#indicesOf(this.#aliases.read))[0];
  }

  /** The first index, created with the read alias when an event arrives before any reindex. */
  async #ensureLiveIndex(): Promise<string[]> {
    const name = `${this.#aliases.read}-initial`;
    try {
      await this.#request('PUT', `/${name}`, {
        ...indexDefinition(this.#shape),
        aliases: { [this.#aliases.read]: {} },
      });
    } catch (error) {
      // Another writer created it first.
      if (statusOf(error) !== 400) throw error;
    }
    return this.#indicesOf(this.#aliases.read, this.#aliases.building);
  }

  async write(documents: readonly IndexedDocument[], onlyIndex?: string): Promise<void> {
    if (documents.length === 0) return;
    let targets = onlyIndex ? [onlyIndex] : await this.#indicesOf(this.#aliases.read, this.#aliases.building);
    if (targets.length === 0) targets = await this.#ensureLiveIndex();
    await this.#putMapping(targets);
    const lines: Json[] = [];
    for (const index of targets) {
      for (const d of documents) {
        const meta = { _index: index, _id: d.id, version: d.version, version_type: 'external' };
        if (d.document) lines.push({ index: meta }, d.document as unknown as Json);
        else lines.push({ delete: meta });
      }
    }
    const answer = (await this.#client.bulk({ body: lines as never })).body as unknown as {
      errors: boolean;
      items: Record<string, { status: number; error?: { type: string; reason?: string } }>[];
    };
    if (!answer.errors) return;
    const failures = answer.items
      .map((item) => Object.values(item)[0]!)
      // 409: a newer version is there already; 404: removing what is not there.
      .filter((r) => r.error && r.status !== 409 && r.status !== 404);
    if (failures.length > 0) {
      const first = failures[0]!.error!;
      throw new Error(`OpenSearch refused ${failures.length} writes: ${first.type} ${first.reason ?? ''}`);
    }
  }

  /** Adds the fields of the current mapping to indices created before they existed (once per index). */
  async #putMapping(indices: readonly string[]): Promise<void> {
    const fresh = indices.filter((i) => !this.#mapped.has(i));
    if (fresh.length === 0) return;
    await this.#request('PUT', `/${fresh.join(',')}/_mapping`, indexDefinition(this.#shape).mappings);
    for (const index of fresh) this.#mapped.add(index);
  }

  async #ids(query: Json): Promise<string[]> {
    const answer = await this.search({ size: CATEGORY_REBUILD_LIMIT, _source: false, query });
    return ((answer.hits as { hits: { _id: string }[] }).hits ?? []).map((h) => h._id);
  }

  productsInCategory(categoryId: string): Promise<string[]> {
    return this.#ids({ term: { categoryPath: categoryId } });
  }

  productsTargeted(target: {
    readonly skus: readonly string[];
    readonly productIds: readonly string[];
    readonly categoryIds: readonly string[];
  }): Promise<string[]> {
    const should = [
      // `skus` is normalized to lower case (index-design.ts).
      ...(target.skus.length ? [{ terms: { skus: target.skus.map((s) => s.toLowerCase()) } }] : []),
      ...(target.productIds.length ? [{ terms: { id: [...target.productIds] } }] : []),
      ...(target.categoryIds.length ? [{ terms: { categoryIds: [...target.categoryIds] } }] : []),
    ];
    return this.#ids(should.length ? { bool: { should, minimum_should_match: 1 } } : { match_all: {} });
  }

  async createIndex(name: string): Promise<void> {
    const definition = indexDefinition(this.#shape);
    await this.#request('PUT', `/${name}`, {
      ...definition,
      // No refreshes while it is built; publishing refreshes it once.
      settings: { ...definition.settings, refresh_interval: '-1' },
    });
  }

  async startBuilding(index: string): Promise<void> {
    await this.#request('POST', '/_aliases', {
      actions: [{ add: { index, alias: this.#aliases.building } }],
    });
  }

  async publish(index: string): Promise<string[]> {
    await this.#request('PUT', `/${index}/_settings`, { index: { refresh_interval: '1s' } });
    await this.#request('POST', `/${index}/_refresh`);
    const previous = (await this.#indicesOf(this.#aliases.read)).filter((i) => i !== index);
    await this.#request('POST', '/_aliases', {
      actions: [
        { add: { index, alias: this.#aliases.read } },
        ...previous.map((old) => ({ remove: { index: old, alias: this.#aliases.read } })),
        { remove: { index, alias: this.#aliases.building } },
      ],
    });
    for (const old of previous) await this.#request('DELETE', `/${old}`);
    return previous;
  }

  async abandon(index: string): Promise<void> {
    await this.#request('DELETE', `/${index}`);
  }
}
