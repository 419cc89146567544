// DynamoDB key helpers: every item key is `<TYPE>#<id>` parts joined with '#'; and random ids.
import { randomBytes } from 'node:crypto';

const SEPARATOR = '#';

/** Joins key parts; refuses a part that contains the separator, so keys cannot collide. */
export function key(...parts: readonly (string | number)[]): string {
  return parts
    .map((p) => {
      const s = String(p);
      if (s.includes(SEPARATOR)) throw new Error(`Key part must not contain '${SEPARATOR}': ${s}`);
      return s;
    })
    .join(SEPARATOR);
}

/** TTL attribute value (epoch seconds) for a moment `seconds` after `now`. */
export function ttlAfter(seconds: number, now: Date = new Date()): number {
  return Math.floor(now.getTime() / 1000) + seconds;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `<prefix><length random lower-case letters and digits>`: `randomId('md_', 20)`. */
export function randomId(prefix: string, length: number): string {
  return `${prefix}${Array.from(randomBytes(length), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}
