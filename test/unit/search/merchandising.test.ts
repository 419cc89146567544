// Synonyms applied to the shopper's words (equivalent both ways, one-way only forward, phrases up to three
// words) and the merchandising rules that apply to a request and what they add up to.
import { describe, expect, it } from 'vitest';
import {
  applicableRules,
  mergeRules,
  normalizeQuery,
  queryUnits,
  type MerchandisingRule,
  type Synonym,
} from '../../../functions/search/domain/merchandising.ts';

const rule = (id: string, fields: Partial<MerchandisingRule>): MerchandisingRule => ({
  id,
  pin: [],
  boost: [],
  hide: [],
  ...fields,
});

describe('normalizeQuery', () => {
  it('trims, lower-cases and collapses whitespace', () => {
    const normalized = normalizeQuery('  Red \t  WOOL\nSweater ');

    expect(normalized).toBe('red wool sweater');
  });
});

describe('queryUnits', () => {
  it('finds equivalent synonyms from either side', () => {
    const synonyms: Synonym[] = [{ kind: 'equivalent', terms: ['Sweater', 'jumper', 'pullover'] }];

    const fromSweater = queryUnits('sweater', synonyms);
    const fromJumper = queryUnits('JUMPER', synonyms);

    expect(fromSweater).toEqual([{ text: 'sweater', alternatives: ['jumper', 'pullover'] }]);
    expect(fromJumper).toEqual([{ text: 'jumper', alternatives: ['pullover', 'sweater'] }]);
  });

  it('applies a one-way synonym only forward', () => {
    const synonyms: Synonym[] = [{ kind: 'one-way', from: 'knitwear', to: ['sweater', 'cardigan'] }];

    const forward = queryUnits('knitwear', synonyms);
    const backward = queryUnits('sweater', synonyms);

    expect(forward).toEqual([{ text: 'knitwear', alternatives: ['cardigan', 'sweater'] }]);
    expect(backward).toEqual([{ text: 'sweater', alternatives: [] }]);
  });

  it('takes the longest synonym phrase, up to three words, starting at each word', () => {
    const synonyms: Synonym[] = [
      { kind: 'equivalent', terms: ['long sleeve', 'longsleeve'] },
      { kind: 'equivalent', terms: ['long sleeve tee', 'lst'] },
      { kind: 'one-way', from: 'tee', to: ['top'] },
    ];

    const units = queryUnits('red long sleeve tee shirt', synonyms);

    expect(units).toEqual([
      { text: 'red', alternatives: [] },
      { text: 'long sleeve tee', alternatives: ['lst'] },
      { text: 'shirt', alternatives: [] },
    ]);
  });

  it('matches a two-word phrase when no three-word one starts there', () => {
    const synonyms: Synonym[] = [{ kind: 'equivalent', terms: ['t shirt', 'tee'] }];

    const units = queryUnits('blue T  Shirt', synonyms);

    expect(units).toEqual([
      { text: 'blue', alternatives: [] },
      { text: 't shirt', alternatives: ['tee'] },
    ]);
  });

  it('does not look further than three words for a phrase', () => {
    const synonyms: Synonym[] = [{ kind: 'equivalent', terms: ['a b c d', 'abcd'] }];

    const units = queryUnits('a b c d', synonyms);

    expect(units.map((u) => u.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(units.every((u) => u.alternatives.length === 0)).toBe(true);
  });

  it('keeps words without synonyms as units of their own and gives none for an empty query', () => {
    const units = queryUnits('wool socks', []);
    const none = queryUnits('   ', []);

    expect(units).toEqual([
      { text: 'wool', alternatives: [] },
      { text: 'socks', alternatives: [] },
    ]);
    expect(none).toEqual([]);
  });
});

describe('applicableRules', () => {
  const rules = [
    rule('c-knit', { category: 'knit', pin: ['p9'] }),
    rule('q-wool', { query: 'Wool  Sweater', pin: ['p1'] }),
    rule('q-other', { query: 'socks', pin: ['p2'] }),
    rule('c-other', { category: 'shoes', pin: ['p3'] }),
  ];

  it('takes the rule whose query equals the normalized query', () => {
    const applied = applicableRules(rules, { q: '  wool SWEATER ' });

    expect(applied.map((r) => r.id)).toEqual(['q-wool']);
  });

  it('takes the rule of the category browsed', () => {
    const applied = applicableRules(rules, { category: 'knit' });

    expect(applied.map((r) => r.id)).toEqual(['c-knit']);
  });

  it('orders query rules before category rules', () => {
    const applied = applicableRules(rules, { q: 'wool sweater', category: 'knit' });

    expect(applied.map((r) => r.id)).toEqual(['q-wool', 'c-knit']);
  });

  it('takes no query rule for an empty query', () => {
    const applied = applicableRules([rule('q-empty', { query: '' })], { q: '  ' });

    expect(applied).toEqual([]);
  });
});

describe('mergeRules', () => {
  it('lets a hidden id win over a pin or boost of another rule', () => {
    const merged = mergeRules([
      rule('a', { pin: ['p1', 'p2'], boost: ['p3', 'p4'] }),
      rule('b', { hide: ['p2', 'p4'] }),
    ]);

    expect(merged).toEqual({ pin: ['p1'], boost: ['p3'], hide: ['p2', 'p4'] });
  });

  it('keeps each id once, in the order of the rules', () => {
    const merged = mergeRules([
      rule('a', { pin: ['p1', 'p2'], boost: ['p5'], hide: ['p9'] }),
      rule('b', { pin: ['p2', 'p3'], boost: ['p5', 'p6'], hide: ['p9'] }),
    ]);

    expect(merged).toEqual({ pin: ['p1', 'p2', 'p3'], boost: ['p5', 'p6'], hide: ['p9'] });
  });
});
