// The local stand-in for the apps' CloudFront distributions (docs/local-cloud.md): serves each app's build
// (packages/<app>/dist) on its port with the same security headers and single-page fallback, and its
// /config.json from .local/web. The storefront's port also plays the sandbox gateway's 3-D Secure page:
// POST /_sandbox/challenges/<providerRef> sends the signed webhook a gateway would send when the shopper
// passes (or fails) the challenge; the admin console's port passes /_api/* to the API (the emulator's CORS
// preflight names one origin only). Run by `npm start` as a background server; no part of it is deployed.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { LOCAL_SANDBOX_WEBHOOK_SECRET } from '../../../functions/payment/local-secrets.ts';
import { sandboxWebhook } from '../../../functions/payment/providers/sandbox.ts';
import { contentSecurityPolicy, PERMISSIONS_POLICY } from '@commerce/web-kit/security-headers';
import { EMULATOR_ENDPOINT, LOOPBACK, REPO_ROOT, type WebAppName } from './config.ts';
import {
  ADMIN_CONSOLE_PORT,
  API_PROXY_PATH,
  SANDBOX_CHALLENGE_PATH,
  settingsFile,
  STOREFRONT_PORT,
} from './web-settings.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What CloudFront's response-headers policy adds (infra/constructs/web-app.ts), with local origins. */
const SECURITY_HEADERS: Record<string, string> = {
  // The emulator is the API, Cognito and the media bucket (uploads, and the images it serves locally).
  'content-security-policy': contentSecurityPolicy(
    [EMULATOR_ENDPOINT, `http://localhost:${STOREFRONT_PORT}`],
    [EMULATOR_ENDPOINT],
  ),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

function send(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer | string,
) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

function serveFile(app: WebAppName, urlPath: string, res: http.ServerResponse): void {
  if (urlPath === '/config.json') {
    const file = settingsFile(app);
    if (!fs.existsSync(file)) return send(res, 503, { 'content-type': 'text/plain' }, 'not deployed yet');
    return send(
      res,
      200,
      { 'content-type': TYPES['.json']!, 'cache-control': 'no-cache' },
      fs.readFileSync(file),
    );
  }
  const dist = path.join(REPO_ROOT, 'packages', app, 'dist');
  const wanted = path.normalize(path.join(dist, decodeURIComponent(urlPath)));
  const inside = wanted.startsWith(dist + path.sep);
  const isFile = inside && fs.existsSync(wanted) && fs.statSync(wanted).isFile();
  // The single-page fallback: what is not a file is a route of the app.
  const file = isFile ? wanted : path.join(dist, 'index.html');
  if (!fs.existsSync(file)) return send(res, 503, { 'content-type': 'text/plain' }, `${app} is not built`);
  const immutable = isFile && urlPath.startsWith('/assets/');
  send(
    res,
    200,
    {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    fs.readFileSync(file),
  );
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The API's real base URL (the storefront's settings name it; the admin console's name this proxy). */
function upstreamApi(): string {
  const settings = JSON.parse(fs.readFileSync(settingsFile('storefront'), 'utf8')) as { apiUrl: string };
  return settings.apiUrl.replace(/\/$/, '');
}

/** The sandbox gateway's side of a 3-D Secure challenge: the webhook it sends when the shopper is done. */
async function completeChallenge(providerRef: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', vary: 'origin' };
  let outcome: unknown;
  try {
    outcome = (JSON.parse(await readBody(req)) as { outcome?: unknown }).outcome;
  } catch {
    outcome = undefined;
  }
  if ((outcome !== 'authenticated' && outcome !== 'failed') || !/^[\w-]{1,200}$/.test(providerRef)) {
    const problem = {
      type: 'about:blank',
      title: 'Bad challenge',
      status: 400,
      detail: 'outcome: authenticated or failed',
    };
    return send(res, 400, { ...cors, 'content-type': 'application/problem+json' }, JSON.stringify(problem));
  }
  const { body, headers } = sandboxWebhook(
    outcome === 'authenticated'
      ? { type: 'payment.authorized', providerRef }
      : { type: 'payment.failed', providerRef, failureCode: 'authentication_failed' },
    LOCAL_SANDBOX_WEBHOOK_SECRET,
  );
  const delivered = await fetch(`${upstreamApi()}/webhooks/payments/sandbox`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  if (!delivered.ok) {
    return send(res, 502, { ...cors, 'content-type': 'text/plain' }, `webhook answered ${delivered.status}`);
  }
  send(res, 204, cors);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

/** Passes a request on to the API and its answer back, as a same-origin call of the admin console. */
async function proxyToApi(rest: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers.set(name, value);
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  const answer = await fetch(`${upstreamApi()}${rest}`, {
    method: req.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const out: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
  });
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

function server(app: WebAppName): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return send(res, 200, { 'content-type': 'text/plain' }, 'ok');
    if (app === 'storefront' && url.pathname.startsWith(`${SANDBOX_CHALLENGE_PATH}/`)) {
      if (req.method === 'OPTIONS') {
        return send(res, 204, {
          'access-control-allow-origin': req.headers.origin ?? '*',
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
        });
      }
      if (req.method === 'POST') {
        const ref = url.pathname.slice(SANDBOX_CHALLENGE_PATH.length + 1);
        completeChallenge(ref, req, res).catch((error: unknown) => {
          send(
            res,
            500,
            { 'content-type': 'text/plain' },
            error instanceof Error ? error.message : String(error),
          );
        });
        return;
      }
    }
    if (app === 'admin-console' && url.pathname.startsWith(`${API_PROXY_PATH}/`)) {
      proxyToApi(url.pathname.slice(API_PROXY_PATH.length) + url.search, req, res).catch((error: unknown) => {
        send(
          res,
          502,
          { 'content-type': 'text/plain' },
          error instanceof Error ? error.message : String(error),
        );
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { allow: 'GET, HEAD' });
    serveFile(app, url.pathname, res);
  });
}

server('storefront').listen(STOREFRONT_PORT, LOOPBACK);
server('admin-console').listen(ADMIN_CONSOLE_PORT, LOOPBACK);
