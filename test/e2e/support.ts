// Helpers for end-to-end tests: HTTP against the deployed API, AWS clients aimed at the emulator, polling.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export const apiUrl = (): string => inject('apiUrl').replace(/\/$/, '');

export function stackOutput(match: (key: string) => boolean): string {
  for (const values of Object.values(inject('stackOutputs'))) {
    for (const [key, value] of Object.entries(values)) if (match(key)) return value;
  }
  throw new Error('No such stack output');
}

const awsConfig = {
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
export const sqs = new SQSClient(awsConfig);
export const eventBridge = new EventBridgeClient(awsConfig);

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}

export async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as ApiResponse['body']) : {},
  };
}

/** A unique, valid handle/sku/slug fragment for this test run. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const handle = unique('tee');
  return {
    handle,
    title: 'Organic tee',
    description: 'Soft cotton.',
    status: 'published',
    attributes: { material: 'cotton' },
    options: [{ name: 'size', values: ['S', 'M'] }],
    variants: [
      { sku: `${handle}-S`, title: 'S', optionValues: { size: 'S' }, weightGrams: 180 },
      { sku: `${handle}-M`, title: 'M', optionValues: { size: 'M' }, weightGrams: 200 },
    ],
    ...overrides,
  };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
