// A value kept in Web Storage that React components can subscribe to: the currency, the guest cart and the
// checkout attempt survive reloads, and every component sees a change at once (other tabs too).
import { useSyncExternalStore } from 'react';
import type * as z from 'zod/mini';

export interface StoredValue<T> {
  readonly get: () => T | null;
  readonly set: (value: T) => void;
  readonly clear: () => void;
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * `key` in `storage`, checked with `schema` on read: something another version of the app (or a person with
 * the dev tools) left there reads as nothing rather than breaking a page.
 */
export function storedValue<T>(storage: Storage, key: string, schema: z.ZodMiniType<T>): StoredValue<T> {
  const listeners = new Set<() => void>();
  // Parsed once per raw string, so useSyncExternalStore sees the same object until the value changes.
  let cached: { raw: string | null; value: T | null } = { raw: null, value: null };
  const parse = (raw: string | null): T | null => {
    try {
      const parsed = schema.safeParse(raw === null ? undefined : JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const notify = () => listeners.forEach((listener) => listener());
  window.addEventListener('storage', (event) => {
    if (event.key === key || event.key === null) notify();
  });
  return {
    get: () => {
      const raw = storage.getItem(key);
      if (raw === cached.raw) return cached.value;
      cached = { raw, value: parse(raw) };
      return cached.value;
    },
    set: (value) => {
      storage.setItem(key, JSON.stringify(value));
      notify();
    },
    clear: () => {
      storage.removeItem(key);
      notify();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStoredValue<T>(stored: StoredValue<T>): T | null {
  return useSyncExternalStore(stored.subscribe, stored.get);
}
