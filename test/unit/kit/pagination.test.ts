import { ValidationError } from '@commerce/lambda-kit/errors';
import { cursorCodec, paginate, type StartKey } from '@commerce/lambda-kit/pagination';
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

describe('paginate', () => {
  const rows = ['a', 'b', 'c'];
  // A store of three rows read two at a time; its key is the index to start at.
  const load = (start: StartKey | undefined) => {
    const from = Number(start?.['i'] ?? 0);
    const items = rows.slice(from, from + 2);
    return Promise.resolve({ items, lastKey: from + 2 < rows.length ? { i: from + 2 } : undefined });
  };

  it('signs where the next page starts, loads from there, and says nothing after the last page', async () => {
    const first = await paginate(codec, 'rows', undefined, load);
    expect(first.items).toEqual(['a', 'b']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await paginate(codec, 'rows', first.nextCursor, load);
    expect(second).toEqual({ items: ['c'] });
  });

  it('refuses a cursor issued for another scope before loading anything', async () => {
    const { nextCursor } = await paginate(codec, 'rows', undefined, load);
    let loaded = false;
    await expect(
      paginate(codec, 'other', nextCursor, (start) => {
        loaded = true;
        return load(start);
      }),
    ).rejects.toThrow(ValidationError);
    expect(loaded).toBe(false);
  });
});
