// Warehouses: the places stock is kept. Created or replaced by staff with PUT; a replacement carries the
// version it was read at. Pure; no AWS.
import { VersionConflictError } from '@commerce/lambda-kit/errors';

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country code, where shipping rates and taxes need it. */
  readonly country?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WarehouseInput {
  readonly name: string;
  readonly country?: string;
  /** The version read; absent to create a new warehouse. */
  readonly version?: number;
}

/** What a PUT writes: the warehouse, and what the store must find (nothing, or the version read). */
export interface WarehouseWrite {
  readonly warehouse: Warehouse;
  readonly expected: 'none' | { readonly version: number };
  /** False when the PUT repeats what is stored (nothing to write). */
  readonly changed: boolean;
}

/**
 * Creates the warehouse when there is none (without a version), or replaces it when `version` is the
 * stored one. 409 `version-conflict` when it exists and the version is missing or stale, or when a version
 * is sent for a warehouse that does not exist.
 */
export function putWarehouse(
  id: string,
  existing: Warehouse | undefined,
  input: WarehouseInput,
  now: Date,
): WarehouseWrite {
  const at = now.toISOString();
  const fields = { name: input.name, ...(input.country !== undefined ? { country: input.country } : {}) };
  if (!existing) {
    if (input.version !== undefined) {
      throw new VersionConflictError(`Warehouse ${id} does not exist; create it without a version.`);
    }
    return {
      warehouse: { id, ...fields, version: 1, createdAt: at, updatedAt: at },
      expected: 'none',
      changed: true,
    };
  }
  if (input.version !== existing.version) {
    throw new VersionConflictError(
      input.version === undefined
        ? `Warehouse ${id} exists; send the version you read to replace it.`
        : undefined,
    );
  }
  if (existing.name === fields.name && existing.country === fields.country) {
    return { warehouse: existing, expected: { version: existing.version }, changed: false };
  }
  return {
    warehouse: {
      id,
      ...fields,
      version: existing.version + 1,
      createdAt: existing.createdAt,
      updatedAt: at,
    },
    expected: { version: existing.version },
    changed: true,
  };
}
