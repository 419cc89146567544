import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { putWarehouse } from '../../../functions/inventory/domain/warehouse.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const t1 = new Date('2026-03-02T10:00:00.000Z');

describe('putWarehouse', () => {
  const created = putWarehouse('berlin', undefined, { name: 'Berlin', country: 'DE' }, t0);

  it('creates a warehouse at version 1 when none exists and no version is sent', () => {
    expect(created).toEqual({
      warehouse: {
        id: 'berlin',
        name: 'Berlin',
        country: 'DE',
        version: 1,
        createdAt: t0.toISOString(),
        updatedAt: t0.toISOString(),
      },
      expected: 'none',
      changed: true,
    });
  });

  it('replaces it at the version read, keeping its creation time', () => {
    const replaced = putWarehouse('berlin', created.warehouse, { name: 'Berlin Nord', version: 1 }, t1);
    expect(replaced.expected).toEqual({ version: 1 });
    expect(replaced.warehouse).toEqual({
      id: 'berlin',
      name: 'Berlin Nord',
      version: 2,
      createdAt: t0.toISOString(),
      updatedAt: t1.toISOString(),
    });
  });

  it('writes nothing when the PUT repeats what is stored', () => {
    const again = putWarehouse(
      'berlin',
      created.warehouse,
      { name: 'Berlin', country: 'DE', version: 1 },
      t1,
    );
    expect(again).toEqual({ warehouse: created.warehouse, expected: { version: 1 }, changed: false });
  });

  it.each([
    ['exists and no version is sent', created.warehouse, undefined],
    ['exists and the version is stale', created.warehouse, 7],
    ['does not exist and a version is sent', undefined, 1],
  ])('refuses with 409 when it %s', (_why, existing, version) => {
    expect(() =>
      putWarehouse('berlin', existing, { name: 'X', ...(version ? { version } : {}) }, t1),
    ).toThrow(VersionConflictError);
  });
});
