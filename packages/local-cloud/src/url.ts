// Pure helpers for stack outputs: the emulator reports real AWS URLs, clients need its path form.
import { EMULATOR_ENDPOINT } from './config.ts';

/** Outputs as written by `cdk deploy --outputs-file`: stack name → output key → value. */
export type StackOutputs = Record<string, Record<string, string>>;

const EXECUTE_API = /^(https|wss):\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?::443)?(\/.*)?$/;

/**
 * Rewrites an API Gateway URL such as `https://{id}.execute-api.us-east-1.amazonaws.com/{stage}/path`
 * into the emulator's path form `http://localhost:4566/_aws/execute-api/{id}/{stage}/path` (WebSocket
 * `wss://` URLs become `ws://`). Anything else is returned unchanged.
 */
export function toEmulatorUrl(url: string, endpoint: string = EMULATOR_ENDPOINT): string {
  const match = EXECUTE_API.exec(url);
  if (!match) return url;
  const [, scheme, apiId, rest] = match;
  const base = new URL(endpoint);
  const protocol = scheme === 'wss' ? (base.protocol === 'https:' ? 'wss:' : 'ws:') : base.protocol;
  const origin = `${protocol}//${base.host}${base.pathname.replace(/\/$/, '')}`;
  return `${origin}/_aws/execute-api/${apiId}${rest ?? '/'}`;
}

/** Applies {@link toEmulatorUrl} to every output value. */
export function rewriteOutputs(outputs: StackOutputs, endpoint: string = EMULATOR_ENDPOINT): StackOutputs {
  return Object.fromEntries(
    Object.entries(outputs).map(([stack, values]) => [
      stack,
      Object.fromEntries(Object.entries(values).map(([key, value]) => [key, toEmulatorUrl(value, endpoint)])),
    ]),
  );
}

/**
 * The REST API base URL among the (rewritten) outputs: an execute-api URL, preferring an output key that
 * contains "ApiUrl", then "Api". Undefined when no stack outputs one.
 */
export function findApiBaseUrl(outputs: StackOutputs): string | undefined {
  const candidates = Object.values(outputs)
    .flatMap((values) => Object.entries(values))
    .filter(([, value]) => value.includes('/_aws/execute-api/') && !value.startsWith('ws'));
  const rank = (key: string): number => (/ApiUrl/i.test(key) ? 0 : /Api/i.test(key) ? 1 : 2);
  candidates.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return candidates[0]?.[1];
}
