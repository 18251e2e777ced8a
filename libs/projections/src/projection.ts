import type Database from 'better-sqlite3';
import { cooperationIdOfStream, dayOf, type CooperationEvent, type RecordCorrected } from '#domain';
import type { ProjectableEvent } from '#event-store';

/**
 * A read model: its tables (created by `init`), how each event changes them (`apply`, run inside the
 * runner's transaction) and, in the same file, the queries that read them. Bump `version` when the shape
 * of its tables or its logic changes: the runner then rebuilds it from position zero.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** The tables it owns: a rebuild replaces exactly these. */
  readonly tables: readonly string[];
  /** Event types it reads; others only move its checkpoint. */
  readonly handles: readonly string[];
  readonly init: (db: Database.Database) => void;
  readonly apply: (db: Database.Database, event: ProjectableEvent) => void;
  /**
   * `CREATE INDEX IF NOT EXISTS` statements that only its queries use, never `apply`: a rebuild creates them once the
   * tables are filled (one sort) instead of updating them at each of a million inserts. `init` keeps the indexes `apply` reads.
   */
  readonly queryIndexes?: readonly string[];
  /**
   * What replaying it costs, relative to the others (default 1): a rebuild on several threads balances its groups by it.
   * Set from a profile of `carnet projections rebuild`, not guessed.
   */
  readonly replayWeight?: number;
}

export const defineProjection = (projection: Projection): Projection => projection;

/** The day an event was recorded where the cooperations are (`recordedOn`); the UTC day for events recorded before it was stamped. */
export const recordDayOf = (recorded: Pick<ProjectableEvent, 'metadata'>): string => recorded.metadata.recordedOn ?? dayOf(recorded.metadata.recordedAt);

/** Its tables and every index, the query ones included: what a read model serving queries needs. */
export const initProjection = (db: Database.Database, projection: Projection): void => {
  projection.init(db);
  for (const index of projection.queryIndexes ?? []) db.exec(index);
};

/**
 * SQL dropping a previous version's tables: a new version replays into new tables (the runner's rule), and the old
 * ones are dropped by its `init` rather than left behind in the file.
 */
export const dropTables = (tables: readonly string[]): string => tables.map((table) => `DROP TABLE IF EXISTS ${table};`).join('\n');

/**
 * The same tables under the versions from `since` up to the current one, excluded (`x_v7` since 3: `x_v3` … `x_v6`):
 * what `dropTables` drops, named after the current tables so that a version bump cannot leave one behind.
 */
export const earlierVersionsOf = (tables: readonly string[], since: number): string[] =>
  tables.flatMap((table) => {
    const [, name, current] = /^(.*)_v(\d+)$/.exec(table) ?? [];
    if (name === undefined) throw new Error(`${table}: a read model's table is named <name>_v<version>`);
    return Array.from({ length: Number(current) - since }, (_, i) => `${name}_v${since + i}`);
  });

/** Prepares a read model's statements once per connection: `apply` runs per event and must not re-prepare. */
export const statementsPerConnection = <S>(prepare: (db: Database.Database) => S): ((db: Database.Database) => S) => {
  const cache = new WeakMap<Database.Database, S>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) cache.set(db, (statements = prepare(db)));
    return statements;
  };
};

/** A recorded event of a cooperation's stream, typed as the domain knows it; undefined for the registries' streams. */
export const cooperationEventOf = (recorded: ProjectableEvent): { cooperationId: string; event: CooperationEvent } | undefined => {
  const cooperationId = cooperationIdOfStream(recorded.streamId);
  return cooperationId ? { cooperationId, event: { type: recorded.type, data: recorded.data } as CooperationEvent } : undefined;
};

/**
 * Whether an event's source marks it as a demo assumption (source confidence D, domain.md §9): what a read model
 * shows of it must then say so.
 */
export const isAssumedForDemo = (recorded: ProjectableEvent): boolean => recorded.metadata.source?.confidence === 'assumedForDemo';

/** Where a read model shows a field of an event: a column of the row that event made, found by one of the event's ids. */
export interface ShownField {
  readonly table: string;
  readonly column: string;
  /** The row's key column and the name of the corrected event's id it holds (RecordCorrected's `correctedEventRefs`). */
  readonly key: readonly [column: string, ref: string];
  /** The column holds the field as JSON text: a correction inside it (`agenda.1`) is set in place. */
  readonly json?: boolean;
  /** Rows keyed per cooperation (`cooperation_id` is part of the key). */
  readonly perCooperation?: boolean;
  /** An SQL condition the row must also meet, when only some of the rows the event type makes show this field. */
  readonly onlyWhere?: string;
}

/** Per event type, per top-level field of its data: where a read model shows it. */
export type ShownFields = Readonly<Partial<Record<CooperationEvent['type'], Readonly<Record<string, ShownField | readonly ShownField[]>>>>>;

/** The columns of one table whose rows an event type makes, keyed by one of its ids: `rowsOf(MEETINGS, 'meeting_id', 'meetingId')('location')`. */
export const rowsOf =
  (table: string, keyColumn: string, ref: string, common: Pick<ShownField, 'perCooperation'> = {}) =>
  (column: string, options: Pick<ShownField, 'json' | 'onlyWhere'> = {}): ShownField => ({ table, column, key: [keyColumn, ref], ...common, ...options });

/** `agenda.1.title` inside the `agenda` column: the JSON path `$[1]."title"`. */
const jsonPathOf = (inside: readonly string[]): string => `$${inside.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `."${segment}"`)).join('')}`;

/**
 * E50 in a read model: a correction of a field it shows sets that column of the row the corrected event made, and
 * nothing else it derived. Read models keep no person's value (they resolve those at read time), so a correction of
 * one changes none of their rows; nor does one recorded without `correctedEventRefs`, which names no row.
 */
export const correctShownFields = (db: Database.Database, cooperationId: string, correction: RecordCorrected['data'], shown: ShownFields): void => {
  if (correction.personId !== undefined) return;
  const [field, ...inside] = correction.fieldPath.split('.');
  // The path was checked against the event's own keys when the correction was decided; own keys again here, for safety.
  const type = correction.correctedEventType as CooperationEvent['type'];
  const byField = Object.hasOwn(shown, type) ? shown[type] : undefined;
  if (!byField || !Object.hasOwn(byField, field!) || !inside.every((segment) => /^\w+$/.test(segment))) return;
  for (const place of [byField[field!]!].flat()) {
    const id = correction.correctedEventRefs?.[place.key[1]];
    const value = correction.correctedValue;
    const scalar = value === null || typeof value !== 'object';
    if (id === undefined || (!place.json && (inside.length > 0 || !scalar))) continue;
    const inPlace = place.json === true && inside.length > 0;
    const bound = place.json ? JSON.stringify(value) : typeof value === 'boolean' ? Number(value) : value;
    const where = [`${place.key[0]} = ?`, ...(place.perCooperation ? ['cooperation_id = ?'] : []), ...(place.onlyWhere ? [place.onlyWhere] : [])];
    db.prepare(`UPDATE ${place.table} SET ${place.column} = ${inPlace ? `json_set(${place.column}, ?, json(?))` : '?'} WHERE ${where.join(' AND ')}`).run(
      ...(inPlace ? [jsonPathOf(inside)] : []),
      bound,
      id,
      ...(place.perCooperation ? [cooperationId] : []),
    );
  }
};
