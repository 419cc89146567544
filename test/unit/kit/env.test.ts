import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { loadEnv, requireEnv } from '../../../packages/lambda-kit/src/env.ts';

describe('requireEnv', () => {
  it('returns the named variables', () => {
    expect(
      requireEnv(['TABLE_NAME', 'EVENT_BUS_NAME'], { TABLE_NAME: 't', EVENT_BUS_NAME: 'b', X: 'x' }),
    ).toEqual({ TABLE_NAME: 't', EVENT_BUS_NAME: 'b' });
  });

  it('names every variable that is unset or empty', () => {
    expect(() => requireEnv(['A', 'B', 'C'], { A: 'a', B: '' })).toThrow(
      'Invalid environment: B: required; C: required',
    );
  });
});

describe('loadEnv', () => {
  it('parses the environment with the schema and reports what does not match', () => {
    const schema = z.object({ LIMIT: z.coerce.number().int(), NAME: z.string().min(1) });
    expect(loadEnv(schema, { LIMIT: '5', NAME: 'n' })).toEqual({ LIMIT: 5, NAME: 'n' });
    expect(() => loadEnv(schema, { LIMIT: 'x' })).toThrow(/^Invalid environment: LIMIT: .*; NAME: /);
  });

  it('takes a zod/mini schema as well', () => {
    const schema = zm.object({ NAME: zm.string().check(zm.minLength(1)) });
    const env: { NAME: string } = loadEnv(schema, { NAME: 'n' });
    expect(env).toEqual({ NAME: 'n' });
    expect(() => loadEnv(schema, {})).toThrow(/^Invalid environment: NAME: /);
  });
});
