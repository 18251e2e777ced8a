import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { Position, RecordedEvent, SyncEventLog } from '#event-store';
import type { Projection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';

export interface RebuildProgress {
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
): Promise<RebuildResult> => {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5000;
  const handles = new Set(projection.handles);
  const total = Number((await store.headPosition()) ?? 0);
  rmSync(options.shadowPath, { force: true });
  const shadow = new Database(options.shadowPath);
  // A throwaway copy: durability would only slow the replay down.
  shadow.pragma('journal_mode = OFF');
  shadow.pragma('synchronous = OFF');
  projection.init(shadow);
  const applyTo = (target: Database.Database, events: readonly RecordedEvent[]) => {
    for (const event of events) if (handles.has(event.type)) projection.apply(target, event);
  };
  const applyToShadow = shadow.transaction((events: readonly RecordedEvent[]) => applyTo(shadow, events));

  let position: Position | undefined;
  let applied = 0;
  for (;;) {
    const batch = store.readAllSync({ ...(position !== undefined ? { after: position } : {}), maxCount: batchSize });
    if (batch.length === 0) break;
    applyToShadow(batch);
    applied += batch.length;
    position = batch.at(-1)!.position;
    options.onProgress?.({ projection: projection.name, applied, total: Math.max(total, applied), elapsedMs: Date.now() - started });
    await new Promise((resolve) => setImmediate(resolve)); // let the progress bar draw
  }
  shadow.close();

  const checkpoints = new Checkpoints(db);
  db.prepare('ATTACH DATABASE ? AS rebuilt').run(options.shadowPath);
  try {
    const swap = db.transaction(() => {
      for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS main.${quote(table)}`);
      projection.init(db);
      for (const table of projection.tables) db.exec(`INSERT INTO main.${quote(table)} SELECT * FROM rebuilt.${quote(table)}`);
      const tail = store.readAllSync({ ...(position !== undefined ? { after: position } : {}) });
      applyTo(db, tail);
      if (tail.length) position = tail.at(-1)!.position;
      applied += tail.length;
      checkpoints.set(projection.name, { version: projection.version, position });
    });
    swap.immediate();
  } finally {
    db.exec('DETACH DATABASE rebuilt');
    rmSync(options.shadowPath, { force: true });
  }
  return { projection: projection.name, events: applied, position, elapsedMs: Date.now() - started };
};
