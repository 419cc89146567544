import { ValidationError } from '@commerce/lambda-kit/errors';
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { describe, expect, it } from 'vitest';

const codec = cursorCodec('k'.repeat(40));
const key = { pk: 'PRODUCT#1', sk: 'PRODUCT', gsi1pk: 'PUBLISHED', gsi1sk: '2026#1' };

describe('cursor codec', () => {
  it('round-trips a key for the same scope', () => {
    const cursor = codec.encode(key, 'products:*');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor, 'products:*')).toEqual(key);
  });

  it('has no cursor for the last page and accepts none for the first', () => {
    expect(codec.encode(undefined, 's')).toBeUndefined();
    expect(codec.decode(undefined, 's')).toBeUndefined();
  });

  it('rejects a tampered payload, a cursor from another scope and one signed with another key', () => {
    const cursor = codec.encode(key, 'products:*')!;
    const [payload, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'products:*', k: { ...key, pk: 'PRODUCT#2' } })).toString(
      'base64url',
    );
    expect(() => codec.decode(`${forged}.${mac}`, 'products:*')).toThrow(ValidationError);
    expect(() => codec.decode(cursor, 'products:shirts')).toThrow(ValidationError);
    expect(() => cursorCodec('x'.repeat(40)).decode(cursor, 'products:*')).toThrow(ValidationError);
    expect(() => codec.decode(`${payload}`, 'products:*')).toThrow(ValidationError);
  });

  it('refuses a short signing key', () => {
    expect(() => cursorCodec('short')).toThrow(/at least 32 bytes/);
  });
});
