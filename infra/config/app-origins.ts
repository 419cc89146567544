// Where the people's apps are served from: the API's CORS origins and the app clients' sign-in callbacks
// are built from these and nothing else.
import type { StageConfig } from './stage-config.ts';

export interface AppOrigins {
  /** `scheme://host[:port]` of each place the storefront is served; the first is its main address. */
  readonly storefront: readonly string[];
  readonly adminConsole: readonly string[];
}

/**
 * The stage's app origins: the hosting distributions' (when CloudFront serves the apps) before the ones the
 * stage configuration adds (custom domains, local servers).
 */
export function appOrigins(
  config: StageConfig,
  hosted?: { storefront: string; adminConsole: string },
): AppOrigins {
  return {
    storefront: [...(hosted ? [hosted.storefront] : []), ...config.apps.storefrontOrigins],
    adminConsole: [...(hosted ? [hosted.adminConsole] : []), ...config.apps.adminConsoleOrigins],
  };
}

/** Every origin a browser may call the API from. */
export function corsOrigins(origins: AppOrigins): string[] {
  return [...origins.storefront, ...origins.adminConsole];
}
