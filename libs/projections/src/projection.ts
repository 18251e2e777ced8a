import type Database from 'better-sqlite3';
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
}

export const defineProjection = (projection: Projection): Projection => projection;
