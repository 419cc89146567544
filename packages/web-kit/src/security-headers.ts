// The apps' content security policy and permissions policy: one definition for CloudFront's response-headers
// policy (infra/constructs/web-app.ts) and the local app server (packages/local-cloud/src/web-server.ts),
// which differ only in where the apps may connect. No DOM, no Node: both sides import it.

/**
 * What the apps may load and call: their own files, `connectTo` (API, Cognito, the media bucket's uploads)
 * and images from `imagesFrom` (the media CDN); nothing inline.
 */
export function contentSecurityPolicy(
  connectTo: readonly string[],
  imagesFrom: readonly string[] = [],
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...imagesFrom].join(' '),
    `connect-src 'self' ${connectTo.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';
