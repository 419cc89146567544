// The catalog as a list, built from definitions.ts so that no event is named twice.
import * as definitions from './definitions.ts';
import type { EventDefinition } from './envelope.ts';

/** Every event in the catalog, in the order of definitions.ts, for documentation and contract tests. */
export const eventCatalog: readonly EventDefinition[] = Object.values(definitions);
