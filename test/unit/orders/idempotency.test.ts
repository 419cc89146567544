import { ConflictError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertIdempotencyKey,
  canonicalJson,
  idempotencyDecision,
  idempotencyState,
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotencyRecord,
} from '../../../functions/orders/domain/idempotency.ts';

describe('Idempotency-Key format', () => {
  it.each(['a', '8e03978e-40d5-43e8-bc93-6894a57f9324', '!~#$%&()*+,-./:;<=>?@[]^_`{|}', 'k'.repeat(255)])(
    'accepts %j',
    (key) => {
      expect(isValidIdempotencyKey(key)).toBe(true);
      expect(assertIdempotencyKey(key)).toBe(key);
    },
  );

  it.each(['', 'k'.repeat(256), 'has space', 'tab\there', 'new\nline', 'café', '\u007f', 'emoji😀'])(
    'refuses %j',
    (key) => {
      expect(isValidIdempotencyKey(key)).toBe(false);
      expect(() => assertIdempotencyKey(key)).toThrow(ValidationError);
    },
  );

  it('asks for the header when it is missing, pointing at it', () => {
    try {
      assertIdempotencyKey(undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        {
          in: 'header',
          pointer: '/Idempotency-Key',
          detail: 'This request needs an Idempotency-Key header.',
        },
      ]);
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts by code unit, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, é: 0, '10': 0, '9': 0 })).toBe(
      '{"10":0,"9":0,"B":0,"a":0,"b":0,"é":0}',
    );
  });

  it('leaves out undefined members and writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('uses toJSON where a value has one', () => {
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00.000Z') })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z"}',
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1, Symbol('s')])('refuses %s', (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });
});

describe('requestFingerprint', () => {
  it('is the SHA-256 of the canonical JSON (known vector)', () => {
    // echo -n '{"a":1,"b":[2,3]}' | sha256sum
    expect(requestFingerprint({ b: [2, 3], a: 1 })).toBe(
      'efbd0040190fb0871831e606c581f8a66db79d8e2bb836745a70051306956070',
    );
  });

  it('does not depend on key order or formatting', () => {
    const body = {
      cartId: 'c1',
      payment: { method: 'card', token: 't' },
      lines: [{ sku: 'A', quantity: 1 }],
    };
    const reordered = JSON.parse(
      '{ "lines": [ { "quantity": 1, "sku": "A" } ], "payment": { "token": "t", "method": "card" }, "cartId": "c1" }',
    ) as unknown;
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
  });

  it('changes with any value, and with array order', () => {
    const base = requestFingerprint({ lines: ['A', 'B'], n: 1 });
    expect(requestFingerprint({ lines: ['A', 'B'], n: 2 })).not.toBe(base);
    expect(requestFingerprint({ lines: ['B', 'A'], n: 1 })).not.toBe(base);
    expect(requestFingerprint({ lines: ['A', 'B'], n: '1' })).not.toBe(base);
  });

  it('treats a missing body as null', () => {
    expect(requestFingerprint(undefined)).toBe(requestFingerprint(null));
    expect(requestFingerprint(undefined)).toBe(
      '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b',
    );
  });

  it('is the same for any JSON body whatever its key order (property)', () => {
    const reverseKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reverseKeys(v)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const fingerprint = requestFingerprint(body);
        expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
        expect(requestFingerprint(reverseKeys(body))).toBe(fingerprint);
        expect(requestFingerprint(JSON.parse(JSON.stringify(body)))).toBe(fingerprint);
      }),
    );
  });
});

describe('idempotencyDecision', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const record = (
    overrides: Partial<IdempotencyRecord<{ orderId: string }>> = {},
  ): IdempotencyRecord<{ orderId: string }> => ({
    fingerprint: requestFingerprint({ cartId: 'c1' }),
    status: 'completed' as const,
    outcome: { orderId: 'o1' },
    leaseUntil: Date.parse('2026-03-01T10:01:00.000Z'),
    expiresAt: Date.parse('2026-03-02T10:00:00.000Z'),
    ...overrides,
  });

  it('proceeds with a key never seen or expired', () => {
    expect(idempotencyDecision(undefined, 'f', now)).toEqual({ kind: 'proceed' });
    expect(idempotencyDecision(record({ expiresAt: now.getTime() }), 'other', now)).toEqual({
      kind: 'proceed',
    });
  });

  it('replays the first answer to a retry of the same request', () => {
    expect(idempotencyDecision(record(), requestFingerprint({ cartId: 'c1' }), now)).toEqual({
      kind: 'replay',
      outcome: { orderId: 'o1' },
    });
  });

  it('refuses the same key with a different body (422 idempotency-key-reused)', () => {
    try {
      idempotencyDecision(record(), requestFingerprint({ cartId: 'c2' }), now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as UnprocessableError).problemType).toBe('idempotency-key-reused');
      expect((error as UnprocessableError).status).toBe(422);
    }
  });

  it('asks to retry later while the first request is still running (409)', () => {
    const running = record({ status: 'in_progress', outcome: undefined });
    expect(() => idempotencyDecision(running, running.fingerprint, now)).toThrow(ConflictError);
  });

  it('resumes a request of the same body whose lease ran out, and refuses another body (422)', () => {
    const abandoned = record({ status: 'in_progress', outcome: undefined, leaseUntil: now.getTime() });
    expect(idempotencyDecision(abandoned, abandoned.fingerprint, now)).toEqual({
      kind: 'resume',
      record: abandoned,
    });
    expect(() => idempotencyDecision(abandoned, requestFingerprint({ cartId: 'c2' }), now)).toThrow(
      UnprocessableError,
    );
  });
});

describe('idempotencyState', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const at = (minutes: number) => now.getTime() + minutes * 60_000;
  const base: IdempotencyRecord<string> = {
    fingerprint: 'f',
    status: 'in_progress',
    leaseUntil: at(1),
    expiresAt: at(60),
  };

  it('is live while a request holds the key within its lease', () => {
    expect(idempotencyState(base, now)).toBe('live');
  });

  it('is abandoned once the lease of a request in progress ran out', () => {
    expect(idempotencyState({ ...base, leaseUntil: at(0) }, now)).toBe('abandoned');
    expect(idempotencyState({ ...base, leaseUntil: at(-1) }, now)).toBe('abandoned');
  });

  it('is finished once completed, lease or not', () => {
    expect(idempotencyState({ ...base, status: 'completed', outcome: 'o' }, now)).toBe('finished');
    expect(idempotencyState({ ...base, status: 'completed', outcome: 'o', leaseUntil: at(-5) }, now)).toBe(
      'finished',
    );
  });

  it('is expired from its expiry on, whatever else it says', () => {
    expect(idempotencyState({ ...base, expiresAt: at(0) }, now)).toBe('expired');
    expect(idempotencyState({ ...base, status: 'completed', outcome: 'o', expiresAt: at(-1) }, now)).toBe(
      'expired',
    );
  });
});
