// What staff shape search with: synonyms, applied to the shopper's words at query time (so a change needs
// no reindex), and merchandising rules per query or category (pin, boost, hide). Pure; no AWS.

/** Equivalent terms find each other; a one-way synonym lets `from` also find `to` (not the reverse). */
export type Synonym =
  | { readonly kind: 'equivalent'; readonly terms: readonly string[] }
  | { readonly kind: 'one-way'; readonly from: string; readonly to: readonly string[] };

export interface MerchandisingRule {
  readonly id: string;
  /** The rule applies to this query (compared normalized) or to browsing/searching this category. */
  readonly query?: string | undefined;
  readonly category?: string | undefined;
  /** Shown first, in this order, when sorted by relevance. */
  readonly pin: readonly string[];
  /** Ranked higher when sorted by relevance. */
  readonly boost: readonly string[];
  /** Never shown for this query or category. */
  readonly hide: readonly string[];
}

/** How the query text is compared: trimmed, lower case, single spaces. */
export function normalizeQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A stretch of the shopper's words and everything it may also be found as. */
export interface QueryUnit {
  readonly text: string;
  readonly alternatives: readonly string[];
}

const MAX_PHRASE_WORDS = 3;

function alternativesOf(synonyms: readonly Synonym[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const key = normalizeQuery(from);
    const value = normalizeQuery(to);
    if (key === value || key === '' || value === '') return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  for (const s of synonyms) {
    if (s.kind === 'equivalent') {
      for (const a of s.terms) for (const b of s.terms) add(a, b);
    } else {
      for (const to of s.to) add(s.from, to);
    }
  }
  return map;
}

/**
 * Splits the query into units: the longest synonym phrase (up to three words) starting at each word, or the
 * word alone. Every unit must be found (as itself or an alternative) for a product to match.
 */
export function queryUnits(q: string, synonyms: readonly Synonym[]): QueryUnit[] {
  const words = normalizeQuery(q).split(' ').filter(Boolean);
  const map = alternativesOf(synonyms);
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length;) {
    let taken = 1;
    let alternatives: readonly string[] = [];
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
      const found = map.get(words.slice(i, i + n).join(' '));
      if (found) {
        taken = n;
        alternatives = [...found].sort();
        break;
      }
    }
    units.push({ text: words.slice(i, i + taken).join(' '), alternatives });
    i += taken;
  }
  return units;
}

/** The rules for a request: those of its query and those of its category, query rules first. */
export function applicableRules(
  rules: readonly MerchandisingRule[],
  request: { readonly q?: string | undefined; readonly category?: string | undefined },
): MerchandisingRule[] {
  const q = request.q === undefined ? '' : normalizeQuery(request.q);
  const byQuery = rules.filter((r) => r.query !== undefined && q !== '' && normalizeQuery(r.query) === q);
  const byCategory = rules.filter(
    (r) => r.category !== undefined && request.category !== undefined && r.category === request.category,
  );
  return [...byQuery, ...byCategory].sort(
    (a, b) => Number(a.query === undefined) - Number(b.query === undefined) || a.id.localeCompare(b.id),
  );
}

/** What the applicable rules add up to: hidden ids win over pins and boosts. */
export function mergeRules(rules: readonly MerchandisingRule[]): {
  readonly pin: string[];
  readonly boost: string[];
  readonly hide: string[];
} {
  const hide = new Set(rules.flatMap((r) => r.hide));
  const pin = [...new Set(rules.flatMap((r) => r.pin))].filter((id) => !hide.has(id));
  const boost = [...new Set(rules.flatMap((r) => r.boost))].filter((id) => !hide.has(id));
  return { pin, boost, hide: [...hide] };
}
