// The catalog as a list, built from definitions.ts so that no event is named twice.
import * as definitions from './definitions.ts';
import type { EventDefinition } from './envelope.ts';

const isEventDefinition = (value: unknown): value is EventDefinition =>
  typeof value === 'object' &&
  value !== null &&
  'detailType' in value &&
  'source' in value &&
  'detail' in value;

/** Every event in the catalog, by service, for documentation and contract tests. */
export const eventCatalog: readonly EventDefinition[] = (Object.values(definitions) as unknown[]).filter(
  isEventDefinition,
);
