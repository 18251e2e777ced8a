import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { Position, RecordedEvent, SyncEventLog } from '#event-store';
import type { Projection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';

export interface RebuildProgress {
  /** The projection rebuilt, or the names of those rebuilt together, comma-separated. */
  readonly projection: string;
  readonly applied: number;
  readonly total: number;
  readonly elapsedMs: number;
}

export interface RebuildResult {
  readonly projection: string;
  readonly events: number;
  readonly position: Position | undefined;
  readonly elapsedMs: number;
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** Pages of the replay: large enough that reading, decrypting and upcasting cost little per event. */
const DEFAULT_BATCH = 5000;
/** The shadow file's page cache (KiB, as SQLite's negative cache_size): the replay updates rows all over its tables. */
const SHADOW_CACHE_KIB = 256 * 1024;

/**
 * Replays the whole log into a fresh copy of a projection's tables in a shadow file, while the API keeps
 * serving (and pushing from) the current tables. Then, in one transaction that holds SQLite's write lock,
 * it applies the last events, swaps the tables in and moves the checkpoint; a running API notices the
 * moved checkpoint and follows on from it, so nothing is applied twice and nothing is pushed for the replay.
 * `store` is the SQLite log behind the upcaster chain (`upcastingEventStore`), so old events apply at their current schema.
 */
export const rebuildProjection = async (
  store: SyncEventLog,
  db: Database.Database,
  projection: Projection,
  options: { shadowPath: string; batchSize?: number; onProgress?: (progress: RebuildProgress) => void },
): Promise<RebuildResult> => (await rebuildProjections(store, db, [projection], options))[0]!;

/**
 * `rebuildProjection` for several read models in ONE pass over the log: each page of events is read, decrypted and
 * upcast once and applied to every projection's shadow tables, then all of them are swapped in by one transaction
 * (so they switch together, at the same position). Reading the log dominates a replay: `carnet projections rebuild`
 * with every read model costs one read of the log instead of one per read model.
 */
export const rebuildProjections = async (
  store: SyncEventLog,
  db: Database.Database,
  projections: readonly Projection[],
  options: { shadowPath: string; batchSize?: number; onProgress?: (progress: RebuildProgress) => void },
): Promise<RebuildResult[]> => {
  const started = Date.now();
  const tables = projections.flatMap((p) => p.tables);
  if (new Set(tables).size !== tables.length) throw new Error(`Projections rebuilt together must own distinct tables: ${tables.join(', ')}`);
  const label = projections.map((p) => p.name).join(', ');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const handlers = new Map<string, Projection[]>();
  for (const projection of projections) {
    for (const type of new Set(projection.handles)) handlers.set(type, [...(handlers.get(type) ?? []), projection]);
  }
  const total = Number((await store.headPosition()) ?? 0);
  rmSync(options.shadowPath, { force: true });
  const shadow = new Database(options.shadowPath);
  // A throwaway copy: durability would only slow the replay down.
  shadow.pragma('journal_mode = OFF');
  shadow.pragma('synchronous = OFF');
  shadow.pragma(`cache_size = -${SHADOW_CACHE_KIB}`);
  for (const projection of projections) projection.init(shadow);
  const applyTo = (target: Database.Database, events: readonly RecordedEvent[]) => {
    for (const event of events) {
      const interested = handlers.get(event.type);
      if (interested) for (const projection of interested) projection.apply(target, event);
    }
  };
  const applyToShadow = shadow.transaction((events: readonly RecordedEvent[]) => applyTo(shadow, events));

  let position: Position | undefined;
  let applied = 0;
  try {
    for (;;) {
      const batch = store.readAllSync({ ...(position !== undefined ? { after: position } : {}), maxCount: batchSize });
      if (batch.length === 0) break;
      applyToShadow(batch);
      applied += batch.length;
      position = batch.at(-1)!.position;
      options.onProgress?.({ projection: label, applied, total: Math.max(total, applied), elapsedMs: Date.now() - started });
      await new Promise((resolve) => setImmediate(resolve)); // let the progress bar draw
    }
  } finally {
    shadow.close();
  }

  const checkpoints = new Checkpoints(db);
  // The indexes a table was created with, but those SQLite makes for its PRIMARY KEY and UNIQUE constraints (sql IS NULL).
  const indexSql = db.prepare<[string], { name: string; sql: string }>(
    "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
  );
  db.prepare('ATTACH DATABASE ? AS rebuilt').run(options.shadowPath);
  try {
    const swap = db.transaction(() => {
      for (const projection of projections) {
        for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS main.${quote(table)}`);
        projection.init(db);
        // Filled first, indexed after: one sort per index rather than an update of it per row copied.
        const existing = projection.tables.flatMap((table) => indexSql.all(table));
        for (const { name } of existing) db.exec(`DROP INDEX main.${quote(name)}`);
        for (const table of projection.tables) db.exec(`INSERT INTO main.${quote(table)} SELECT * FROM rebuilt.${quote(table)}`);
        for (const index of [...existing.map((i) => i.sql), ...(projection.queryIndexes ?? [])]) db.exec(index);
      }
      const tail = store.readAllSync({ ...(position !== undefined ? { after: position } : {}) });
      applyTo(db, tail);
      if (tail.length) position = tail.at(-1)!.position;
      applied += tail.length;
      for (const projection of projections) checkpoints.set(projection.name, { version: projection.version, position });
    });
    swap.immediate();
  } finally {
    db.exec('DETACH DATABASE rebuilt');
    rmSync(options.shadowPath, { force: true });
  }
  const elapsedMs = Date.now() - started;
  return projections.map((projection) => ({ projection: projection.name, events: applied, position, elapsedMs }));
};
