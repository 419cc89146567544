// The prod and dev apps deploy the admin console's and the storefront's builds (Commerce-<stage>-WebContent),
// so synthesizing them needs the builds: made here when missing or stale.
import { ensureAppBuilds } from '@commerce/local-cloud';

export default async function setup(): Promise<void> {
  await ensureAppBuilds((line) => console.log(`[apps] ${line}`));
}
