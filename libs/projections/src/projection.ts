import type Database from 'better-sqlite3';
import { cooperationIdOfStream, type CooperationEvent } from '#domain';
import type { RecordedEvent } from '#event-store';

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
  readonly apply: (db: Database.Database, event: RecordedEvent) => void;
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
export const cooperationEventOf = (recorded: RecordedEvent): { cooperationId: string; event: CooperationEvent } | undefined => {
  const cooperationId = cooperationIdOfStream(recorded.streamId);
  return cooperationId ? { cooperationId, event: { type: recorded.type, data: recorded.data } as CooperationEvent } : undefined;
};

/**
 * Whether an event's source marks it as a demo assumption (source confidence D, domain.md §9): what a read model
 * shows of it must then say so.
 */
export const isAssumedForDemo = (recorded: RecordedEvent): boolean => recorded.metadata.source?.confidence === 'assumedForDemo';
