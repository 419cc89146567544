// Environment read once at cold start; a missing or malformed variable fails loudly. `loadEnv` checks a zod
// schema, classic (`zod`) or mini (`zod/mini`) alike; `requireEnv` only needs non-empty strings and keeps zod
// out of a bundle that has no other use for it.
import * as core from 'zod/v4/core';

export function loadEnv<S extends core.$ZodObject>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): core.output<S> {
  const result = core.safeParse(schema, source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

/** The named variables, each required to be set and non-empty; throws naming every one that is not. */
export function requireEnv<const K extends string>(
  names: readonly K[],
  source: NodeJS.ProcessEnv = process.env,
): Readonly<Record<K, string>> {
  const missing = names.filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new Error(`Invalid environment: ${missing.map((name) => `${name}: required`).join('; ')}`);
  }
  return Object.fromEntries(names.map((name) => [name, source[name] as string])) as Record<K, string>;
}
