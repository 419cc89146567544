// The review rules without AWS: what the auto-publish rules find in a review (unverified, links, contact
// data, flagged words), staff moderation (publish, reject for a defined reason, never for the rating; each
// decision logged), the anonymization erasure leaves, and the author's public name.
import { RuleViolationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  anonymize,
  DEFAULT_RULES,
  displayName,
  moderate,
  REJECTION_REASONS,
  screen,
  type AutoPublishRules,
  type Review,
} from '../../../functions/review/domain/review.ts';

const CREATED = '2026-12-01T09:00:00.000Z';
const NOW = new Date('2026-12-04T12:00:00.000Z');

const review = (overrides: Partial<Review> = {}): Review => ({
  id: 'r-1',
  productId: 'p-1',
  author: { kind: 'customer', customerId: 'c-42', name: 'Anna Schmidt' },
  orderId: 'o-7',
  verified: true,
  rating: 4,
  title: 'Warm and well made',
  body: 'Wore it every day for 2 weeks. I took size 42 and it fits. 5 stars from me.',
  locale: 'en',
  photos: [],
  flags: [],
  status: 'pending',
  helpful: 0,
  version: 1,
  createdAt: CREATED,
  updatedAt: CREATED,
  ...overrides,
});

const rules = (overrides: Partial<AutoPublishRules> = {}): AutoPublishRules => ({
  ...DEFAULT_RULES,
  ...overrides,
});

/** What `fn` threw (failing the test when it throws nothing). */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected it to throw');
};

const text = (body: string, title = 'Fine') => ({ title, body, verified: true });

describe('screen', () => {
  it('finds nothing in a clean review from a verified buyer', () => {
    expect(screen(review(), DEFAULT_RULES)).toEqual([]);
  });

  it('sends an unverified review to a person when only verified buyers publish themselves', () => {
    expect(screen(review({ verified: false }), DEFAULT_RULES)).toEqual(['unverified']);
    expect(screen(review({ verified: false }), rules({ verifiedOnly: false }))).toEqual([]);
  });

  it('finds links: a URL, www. or a bare domain, in the title or the body', () => {
    for (const body of [
      'See https://example.net/deal',
      'See http://example.net',
      'Cheaper at www.example-shop.eu',
      'Cheaper at example.com',
      'Cheaper at EXAMPLE.COM',
    ]) {
      expect(screen(text(body), DEFAULT_RULES), body).toEqual(['link']);
    }
    expect(screen(text('Nice', 'Go to example.com'), DEFAULT_RULES)).toEqual(['link']);
    expect(screen(text('Cheaper at example.com'), rules({ noLinks: false }))).toEqual([]);
  });

  it('finds contact data: an email address or a phone number', () => {
    expect(screen(text('Write to anna.s@example.com'), DEFAULT_RULES)).toContain('contact-data');
    for (const body of ['Call me on +49 170 1234567', 'Call 0170-123 45 67', 'Call (030) 123.456']) {
      expect(screen(text(body), DEFAULT_RULES), body).toEqual(['contact-data']);
    }
    expect(screen(text('Call me on +49 170 1234567'), rules({ noContactData: false }))).toEqual([]);
  });

  it('counts seven digits in a row as a phone number, as the rule says', () => {
    expect(screen(text('Call 1234567'), DEFAULT_RULES)).toEqual(['contact-data']);
  });

  it('does not take a rating or ordinary numbers for contact data', () => {
    for (const body of [
      '5 stars',
      '4/5, would buy again',
      'Arrived in 2 weeks',
      'I wear size 42',
      'Bought 3 in 2025 for 49.99 each',
      '10 out of 10',
    ]) {
      expect(screen(text(body), DEFAULT_RULES), body).toEqual([]);
    }
  });

  it('finds flagged words as whole words, whatever their case', () => {
    const scam = rules({ flaggedWords: ['scam'] });
    expect(screen(text('Total Scam!'), scam)).toEqual(['flagged-word:scam']);
    expect(screen(text('nice', 'SCAM'), scam)).toEqual(['flagged-word:scam']);
    expect(screen(text('Great with scampi'), scam)).toEqual([]);
    expect(screen(text('An antiscam sticker'), scam)).toEqual([]);
    expect(screen(text('scam2'), scam)).toEqual([]);
    // The flag names the word in lower case, however it was configured.
    expect(screen(text('a scam'), rules({ flaggedWords: ['Scam'] }))).toEqual(['flagged-word:scam']);
  });

  it('finds flagged words with letters beyond ASCII, and not inside longer words', () => {
    const words = rules({ flaggedWords: ['Betrüger', 'arnaque'] });
    expect(screen(text('Das sind BETRÜGER.'), words)).toEqual(['flagged-word:betrüger']);
    expect(screen(text('Reine Betrügerei'), words)).toEqual([]);
    expect(screen(text('Quelle arnaque !'), words)).toEqual(['flagged-word:arnaque']);
    expect(screen(text('éarnaque'), words)).toEqual([]);
    expect(screen(text('arnaqueé'), words)).toEqual([]);
  });

  it('treats a flagged word literally, not as a pattern', () => {
    const words = rules({ flaggedWords: ['a.b'] });
    expect(screen(text('a.b'), words)).toEqual(['flagged-word:a.b']);
    expect(screen(text('axb'), words)).toEqual([]);
  });

  it('sends every review to a person when auto-publishing is off', () => {
    expect(screen(review(), rules({ enabled: false }))).toEqual(['auto-publish-off']);
  });

  it('lets everything through with every rule switched off', () => {
    const off = rules({ verifiedOnly: false, noLinks: false, noContactData: false, flaggedWords: [] });
    const messy = {
      title: 'See example.com',
      body: 'Call +49 170 1234567 or anna@example.com',
      verified: false,
    };
    expect(screen(messy, off)).toEqual([]);
    expect(screen(messy, DEFAULT_RULES)).toEqual(['unverified', 'link', 'contact-data']);
  });
});

describe('moderate', () => {
  it('publishes a pending review and logs who did', () => {
    const result = moderate(review(), { decision: 'publish' }, 'staff-1', NOW);
    expect(result?.review).toEqual({
      ...review(),
      status: 'published',
      publishedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      version: 2,
    });
    expect(result?.entry).toEqual({ at: NOW.toISOString(), staffId: 'staff-1', decision: 'published' });
  });

  it('keeps the note on the log entry', () => {
    const result = moderate(review(), { decision: 'publish', note: 'Checked the photo' }, 'staff-1', NOW);
    expect(result?.entry.note).toBe('Checked the photo');
  });

  it('changes nothing when the review is published already', () => {
    const published = moderate(review(), { decision: 'publish' }, 'staff-1', NOW)!.review;
    expect(moderate(published, { decision: 'publish' }, 'staff-2', NOW)).toBeUndefined();
  });

  it('rejects for each defined reason, with the note, and logs it', () => {
    for (const reason of REJECTION_REASONS) {
      const result = moderate(review(), { decision: 'reject', reason, note: 'See policy' }, 'staff-1', NOW);
      expect(result?.review).toMatchObject({
        status: 'rejected',
        rejection: { reason, note: 'See policy' },
        updatedAt: NOW.toISOString(),
        version: 2,
      });
      expect(result?.entry).toEqual({
        at: NOW.toISOString(),
        staffId: 'staff-1',
        decision: 'rejected',
        reason,
        note: 'See policy',
      });
    }
  });

  it('rejects without a note', () => {
    const result = moderate(review(), { decision: 'reject', reason: 'spam' }, 'staff-1', NOW);
    expect(result?.review.rejection).toEqual({ reason: 'spam' });
    expect(result?.entry).not.toHaveProperty('note');
  });

  it('refuses to reject a review for its rating or for being negative', () => {
    for (const reason of ['rating', 'negative']) {
      const error = thrown(() =>
        moderate(review({ rating: 1 }), { decision: 'reject', reason }, 'staff-1', NOW),
      );
      expect(error).toBeInstanceOf(RuleViolationError);
      expect((error as RuleViolationError).status).toBe(422);
      expect((error as RuleViolationError).errors).toEqual([
        expect.objectContaining({ in: 'body', pointer: '/reason' }),
      ]);
    }
  });

  it('refuses a reason no one defined', () => {
    const error = thrown(() => moderate(review(), { decision: 'reject', reason: 'ugly' }, 'staff-1', NOW));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).status).toBe(422);
    expect((error as RuleViolationError).errors[0]?.pointer).toBe('/reason');
  });

  it('takes a published review down', () => {
    const published = moderate(review(), { decision: 'publish' }, 'staff-1', NOW)!.review;
    const later = new Date('2026-12-05T08:00:00.000Z');
    const result = moderate(published, { decision: 'reject', reason: 'personal-data' }, 'staff-2', later);
    expect(result?.review).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'personal-data' },
      updatedAt: later.toISOString(),
      version: 3,
    });
    expect(result?.entry).toMatchObject({
      staffId: 'staff-2',
      decision: 'rejected',
      reason: 'personal-data',
    });
  });

  it('changes nothing when rejected again for the same reason, but records a new reason', () => {
    const rejected = moderate(review(), { decision: 'reject', reason: 'spam' }, 'staff-1', NOW)!.review;
    expect(moderate(rejected, { decision: 'reject', reason: 'spam' }, 'staff-2', NOW)).toBeUndefined();
    const again = moderate(rejected, { decision: 'reject', reason: 'offensive' }, 'staff-2', NOW);
    expect(again?.review).toMatchObject({ rejection: { reason: 'offensive' }, version: 3 });
  });

  it('clears the rejection when a rejected review is published', () => {
    const rejected = moderate(
      review(),
      { decision: 'reject', reason: 'off-topic', note: 'n' },
      'staff-1',
      NOW,
    )!.review;
    const result = moderate(rejected, { decision: 'publish' }, 'staff-2', NOW);
    expect(result?.review.status).toBe('published');
    expect(result?.review).not.toHaveProperty('rejection');
    expect(result?.review.version).toBe(3);
  });
});

describe('anonymize', () => {
  it('erases the author and keeps the rating and the text', () => {
    const anonymized = anonymize(review(), NOW);
    expect(anonymized.author).toEqual({ kind: 'erased' });
    expect(anonymized).toMatchObject({
      rating: 4,
      title: review().title,
      body: review().body,
      status: 'pending',
      version: 2,
      updatedAt: NOW.toISOString(),
    });
  });

  it('erases a guest buyer too', () => {
    const guest = review({ author: { kind: 'guest', orderId: 'o-7', name: 'Ben Meyer' } });
    expect(anonymize(guest, NOW).author).toEqual({ kind: 'erased' });
  });

  it('leaves no name, customer id or order id anywhere in the review', () => {
    const stored = JSON.stringify(anonymize(review(), NOW));
    expect(stored).not.toContain('Anna');
    expect(stored).not.toContain('c-42');
    // The order links the review back to the customer: "no customer or order link", says the rule.
    expect(stored).not.toContain('o-7');
  });
});

describe('displayName', () => {
  it('is the first name and the last name’s initial', () => {
    expect(displayName({ kind: 'customer', customerId: 'c', name: 'Anna Schmidt' })).toBe('Anna S.');
    expect(displayName({ kind: 'guest', orderId: 'o', name: '  Anna   Maria  schmidt ' })).toBe('Anna S.');
    expect(displayName({ kind: 'customer', customerId: 'c', name: 'Zoë Öztürk' })).toBe('Zoë Ö.');
  });

  it('is a single name as it is', () => {
    expect(displayName({ kind: 'customer', customerId: 'c', name: 'Anna' })).toBe('Anna');
  });

  it('is "A former customer" once erased', () => {
    expect(displayName({ kind: 'erased' })).toBe('A former customer');
  });

  it('is "A customer" when there is no name to show', () => {
    expect(displayName({ kind: 'customer', customerId: 'c', name: '   ' })).toBe('A customer');
  });
});
