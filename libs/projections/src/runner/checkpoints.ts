import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Position } from '#event-store';

export interface Checkpoint {
  readonly version: number;
  readonly position: Position | undefined;
}

/** The table of the checkpoints, in the read models' file. */
export const CHECKPOINTS_TABLE = 'projection_checkpoints';

/** Checkpoints live in the read-model database, so rows and checkpoint commit in one transaction. */
export class Checkpoints {
  private readonly read;
  private readonly write;
  private readonly remove;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position TEXT, updated_at TEXT NOT NULL)`);
    this.read = db.prepare<[string], { version: number; position: string | null }>(`SELECT version, position FROM ${CHECKPOINTS_TABLE} WHERE name = ?`);
    this.write = db.prepare(
      `INSERT INTO ${CHECKPOINTS_TABLE} (name, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare(`DELETE FROM ${CHECKPOINTS_TABLE} WHERE name = ?`);
  }

  get(name: string): Checkpoint | undefined {
    const row = this.read.get(name);
    return row ? { version: row.version, position: row.position ?? undefined } : undefined;
  }

  set(name: string, checkpoint: Checkpoint): void {
    this.write.run(name, checkpoint.version, checkpoint.position ?? null, new Date().toISOString());
  }

  delete(name: string): void {
    this.remove.run(name);
  }
}

/** The checkpoints in a schema of this connection (`main`, or an attached file), read without writing: none without their table. */
export const checkpointsIn = (db: Database.Database, schema = 'main'): Map<string, Checkpoint> => {
  if (!db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(CHECKPOINTS_TABLE)) return new Map();
  const rows = db.prepare<[], { name: string; version: number; position: string | null }>(`SELECT name, version, position FROM ${schema}.${CHECKPOINTS_TABLE}`).all();
  return new Map(rows.map((row) => [row.name, { version: row.version, position: row.position ?? undefined }]));
};

/**
 * The checkpoints saved in a SQLite file, read without writing to it, nor creating it: none when it has no checkpoints
 * table. For `carnet projections status`, which must not change what it reports on.
 */
export const readSavedCheckpoints = (path: string): Map<string, Checkpoint> => {
  if (!existsSync(path)) return new Map();
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return checkpointsIn(db);
  } finally {
    db.close();
  }
};

/**
 * Where reading must start for every one of these positions to be served: the earliest, or undefined (from the start
 * of the log) when one of them is undefined — a read model that has applied nothing.
 */
export const earliestPosition = (positions: readonly (Position | undefined)[], compare: (a: Position, b: Position) => number): Position | undefined =>
  positions.some((p) => p === undefined) ? undefined : (positions as Position[]).reduce((min, p) => (compare(p, min) < 0 ? p : min));
