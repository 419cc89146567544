// The services of the registry as the CDK app reads them, and every route of the API: the platform's own
// routes (functions/platform) and each service's.
import type { Route, ServiceDefinition } from '@commerce/lambda-kit/service';
import { platformRoutes as platformRouteMap } from '../../functions/platform/routes.ts';
import type { StageConfig } from '../config/stage-config.ts';
import * as registry from './registry.ts';

export const services: readonly ServiceDefinition<StageConfig>[] = Object.values(registry);

/** Routes of the platform itself, outside any service (liveness, the OpenAPI document). */
export const platformRoutes: readonly Route[] = Object.values(platformRouteMap);

/** Every route of the public API, each declared once next to its handler. */
export const allRoutes: readonly Route[] = [...platformRoutes, ...services.flatMap((s) => s.routes)];
