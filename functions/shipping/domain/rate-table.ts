// The versioned rate table the staff routes edit: every zone and method, each with its own version, kept
// together so that a write is checked against the whole table (overlapping zones, a method of an unknown
// zone) and a quote reads it in one GetItem. Pure; no AWS.
import { RuleViolationError, VersionConflictError, type FieldError } from '@commerce/lambda-kit/errors';
import { rateTableProblems, type Method, type Zone } from './rates.ts';

export interface Versioned {
  /** 1 on creation, +1 on every change. */
  readonly version: number;
  readonly updatedAt: string;
}

export type ZoneRecord = Zone & Versioned;
export type MethodRecord = Method & Versioned;

export interface RateTable {
  readonly zones: readonly ZoneRecord[];
  readonly methods: readonly MethodRecord[];
  /** The version of the table item itself, for the conditional write (0: never written). */
  readonly version: number;
}

export const EMPTY_RATE_TABLE: RateTable = { zones: [], methods: [], version: 0 };

export interface TableWrite<R> {
  readonly record: R;
  /** The table to store; absent when the write changed nothing (same content: no write, same version). */
  readonly table?: RateTable;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sameContent(a: object, b: object): boolean {
  const strip = ({ version: _v, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
  const canonical = (o: object) =>
    JSON.stringify(strip(o as Record<string, unknown>), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v,
    );
  return canonical(a) === canonical(b);
}

/**
 * Checks the table with the written entry in it and re-points that entry's problems at the request body
 * (`/zones/3/countries/0` → `/countries/0`); a problem elsewhere in the table keeps its table pointer.
 */
function assertValid(
  zones: readonly Zone[],
  methods: readonly Method[],
  kind: 'zones' | 'methods',
  index: number,
): void {
  const prefix = `/${kind}/${index}`;
  const errors: FieldError[] = rateTableProblems(zones, methods).map((e) =>
    e.pointer === prefix || e.pointer.startsWith(`${prefix}/`)
      ? { ...e, pointer: e.pointer.slice(prefix.length) }
      : e,
  );
  if (errors.length > 0) throw new RuleViolationError(errors);
}

function nextVersion(expected: number, current: Versioned | undefined): number {
  if (expected !== (current?.version ?? 0)) throw new VersionConflictError();
  return expected + 1;
}

/** Creates (version 0) or replaces (the version read) a zone. */
export function putZone(
  table: RateTable,
  id: string,
  input: { version: number; name: string; countries: readonly string[]; regions?: readonly string[] },
  now: Date,
): TableWrite<ZoneRecord> {
  const current = table.zones.find((z) => z.id === id);
  const version = nextVersion(input.version, current);
  const record: ZoneRecord = {
    id,
    name: input.name,
    countries: [...input.countries],
    ...(input.regions === undefined ? {} : { regions: [...input.regions] }),
    version,
    updatedAt: now.toISOString(),
  };
  if (current && sameContent(current, record)) return { record: current };
  // The written zone goes last, so an overlap is reported on it rather than on the zone it overlaps.
  const zones = [...table.zones.filter((z) => z.id !== id), record];
  assertValid(zones, table.methods, 'zones', zones.length - 1);
  return { record, table: { ...table, zones: zones.sort(byId) } };
}

/** Creates (version 0) or replaces (the version read) a shipping method and its rate. */
export function putMethod(
  table: RateTable,
  id: string,
  input: Omit<Method, 'id'> & { readonly version: number },
  now: Date,
): TableWrite<MethodRecord> {
  const current = table.methods.find((m) => m.id === id);
  const version = nextVersion(input.version, current);
  const { version: _read, ...fields } = input;
  const record: MethodRecord = { id, ...fields, version, updatedAt: now.toISOString() };
  if (current && sameContent(current, record)) return { record: current };
  const methods = [...table.methods.filter((m) => m.id !== id), record];
  assertValid(table.zones, methods, 'methods', methods.length - 1);
  return { record, table: { ...table, methods: methods.sort(byId) } };
}
