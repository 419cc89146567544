// The shopper's and staff's use cases over the index: search with facets and the caller's price, as-you-type
// suggestions, zero-result queries counted, and the synonyms and merchandising rules staff manage (read
// at query time, so a change applies without a reindex).
import { NotFoundError } from '@commerce/lambda-kit/errors';
import {
  applicableRules,
  normalizeQuery,
  type MerchandisingRule,
  type Synonym,
} from './domain/merchandising.ts';
import type { Projection, SearchEngine, SearchSettings } from './domain/ports.ts';
import { searchBody, suggestBody, type SearchRequest } from './domain/query.ts';
import { readAnswer, readSuggestions, type SearchAnswer } from './domain/results.ts';

/** How long a function reuses synonyms, rules and segment priorities it read. */
export const SETTINGS_TTL_MS = 2_000;

/** Fraction digits of a currency's minor unit (EUR 2, JPY 0). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

interface Cached<T> {
  readonly value: T;
  readonly until: number;
}

export class Searcher {
  readonly #projection: Projection;
  readonly #settingsStore: SearchSettings;
  readonly #engine: SearchEngine;
  readonly #clock: () => number;
  #settings: Cached<{ synonyms: Synonym[]; rules: MerchandisingRule[] }> | undefined;
  #priorities: Cached<Map<string, number>> | undefined;

  constructor(
    projection: Projection,
    settings: SearchSettings,
    engine: SearchEngine,
    clock: () => number = Date.now,
  ) {
    this.#projection = projection;
    this.#settingsStore = settings;
    this.#engine = engine;
    this.#clock = clock;
  }

  async #cachedSettings() {
    const now = this.#clock();
    if (this.#settings && this.#settings.until > now) return this.#settings.value;
    const { synonyms, rules } = await this.#settingsStore.settings();
    this.#settings = { value: { synonyms, rules }, until: now + SETTINGS_TTL_MS };
    return this.#settings.value;
  }

  /** The caller's segments that have a price list, grouped by priority, highest first. */
  async #segmentsOf(customerId: string | undefined): Promise<string[][]> {
    if (customerId === undefined) return [];
    const now = this.#clock();
    const [segments, priorities] = await Promise.all([
      this.#projection.customerSegments(customerId),
      this.#priorities && this.#priorities.until > now
        ? this.#priorities.value
        : this.#projection.segmentPriorities().then((value) => {
            this.#priorities = { value, until: now + SETTINGS_TTL_MS };
            return value;
          }),
    ]);
    const groups = new Map<number, string[]>();
    for (const s of [...new Set(segments)].filter((s) => priorities.has(s)).sort()) {
      const priority = priorities.get(s)!;
      groups.set(priority, [...(groups.get(priority) ?? []), s]);
    }
    return [...groups].sort(([a], [b]) => b - a).map(([, group]) => group);
  }

  async search(request: Omit<SearchRequest, 'segments'>, customerId?: string): Promise<SearchAnswer> {
    const [settings, segments] = await Promise.all([this.#cachedSettings(), this.#segmentsOf(customerId)]);
    const full: SearchRequest = { ...request, segments };
    const rules = applicableRules(settings.rules, request);
    const response = await this.#engine.search(
      searchBody(full, { synonyms: settings.synonyms, rules }, currencyDigits(request.currency)),
    );
    const answer = readAnswer(response, full);
    const q = request.q === undefined ? '' : normalizeQuery(request.q);
    if (answer.total === 0 && q !== '' && request.after === undefined) {
      await this.#settingsStore.countZeroResult(q, new Date(this.#clock()).toISOString());
    }
    return answer;
  }

  async suggest(prefix: string, limit: number) {
    // Completion matches letters and digits (the `simple` analyzer drops the rest): nothing else to ask.
    const words = normalizeQuery(prefix.replace(/[^\p{L}\p{N}\s'-]/gu, ' '));
    if (!/[\p{L}\p{N}]/u.test(words)) return { items: [] };
    const response = await this.#engine.search(suggestBody(words, limit));
    return { items: readSuggestions(response) };
  }

  async synonyms() {
    const { synonyms, synonymsVersion } = await this.#settingsStore.settings();
    return { synonyms, version: synonymsVersion };
  }

  async replaceSynonyms(synonyms: readonly Synonym[], version: number) {
    const saved = await this.#settingsStore.saveSynonyms(synonyms, version);
    this.#settings = undefined;
    return { synonyms: [...synonyms], version: saved };
  }

  async rules() {
    const { rules } = await this.#settingsStore.settings();
    return { items: rules };
  }

  async saveRule(rule: MerchandisingRule) {
    await this.#settingsStore.saveRule(rule);
    this.#settings = undefined;
    return rule;
  }

  async deleteRule(id: string) {
    if (!(await this.#settingsStore.deleteRule(id))) throw new NotFoundError(`No merchandising rule ${id}`);
    this.#settings = undefined;
  }

  async zeroResults(limit: number) {
    return { items: await this.#settingsStore.zeroResults(limit) };
  }
}
