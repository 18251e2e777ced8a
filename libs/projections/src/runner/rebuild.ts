import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventStore, Position, ProjectableEvent, SyncEventLog } from '#event-store';
import { initProjection, type Projection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';
import { isRunning, quote, STAGED } from './read-models-file.js';

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
  /** How long the final swap held the read models' write lock (the API's runner waits meanwhile; the log is another file). */
  readonly swapMs: number;
}

/** The log a replay reads: the SQLite log behind the decrypting and upcasting views, read synchronously. */
export type ReplayLog = SyncEventLog & Pick<EventStore, 'comparePositions'>;

/** One group of read models replayed from position zero up to `upTo` into a shadow file of their own. */
export interface ShadowReplayJob {
  readonly projections: readonly string[];
  readonly shadowPath: string;
  readonly upTo: Position | undefined;
  readonly batchSize: number;
}

/**
 * Runs a `ShadowReplayJob` on another thread (the CLI's worker, which opens the log itself and calls `replayIntoShadow`),
 * reporting how many events it has applied; on `signal`, it stops the thread.
 */
export type ReplayElsewhere = (job: ShadowReplayJob, onApplied: (applied: number) => void, signal: AbortSignal) => Promise<void>;

export interface RebuildOptions {
  readonly shadowPath: string;
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /**
   * Groups replayed at once (default 1): one here, the others through `replayElsewhere`, each reading the log and
   * filling its own shadow file. Replaying is CPU-bound and single-threaded, so a second core nearly halves it.
   */
  readonly threads?: number;
  readonly replayElsewhere?: ReplayElsewhere;
}

/** Pages of the replay: large enough that reading, decrypting and upcasting cost little per event. */
const DEFAULT_BATCH = 5000;
/** The shadow file's page cache (KiB, as SQLite's negative cache_size): the replay updates rows all over its tables. */
const SHADOW_CACHE_KIB = 256 * 1024;

type Handlers = ReadonlyMap<string, readonly Projection[]>;

const handlersOf = (projections: readonly Projection[]): Handlers => {
  const handlers = new Map<string, Projection[]>();
  for (const projection of projections) {
    for (const type of new Set(projection.handles)) handlers.set(type, [...(handlers.get(type) ?? []), projection]);
  }
  return handlers;
};

const applyTo = (target: Database.Database, handlers: Handlers, events: readonly ProjectableEvent[]) => {
  for (const event of events) {
    const interested = handlers.get(event.type);
    if (interested) for (const projection of interested) projection.apply(target, event);
  }
};

/** Rows copied per transaction into a staging table: a few tens of milliseconds of the served file's write lock. */
const COPY_CHUNK = 20_000;
const stagedName = (table: string): string => `${table}${STAGED}`;

/** Staging tables a rebuild left in the served file (killed between its copy and its swap, or failed): dropped. */
const dropStaged = (db: Database.Database): void => {
  const left = db.prepare<[], { name: string }>(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name GLOB '*${STAGED}'`).all();
  for (const { name } of left) db.exec(`DROP TABLE main.${quote(name)}`);
};

/**
 * A rebuilt table copied from its shadow schema into `<table>__rebuilt` in the served file, created as the projection's
 * `init` created it in the shadow (SQLite keeps that statement), without the indexes the swap builds once it is full.
 */
const stage = async (db: Database.Database, schema: string, table: string): Promise<void> => {
  const { sql } = db.prepare<[string], { sql: string }>(`SELECT sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(table)!;
  const staged = `main.${quote(stagedName(table))}`;
  db.exec(`DROP TABLE IF EXISTS ${staged}`);
  db.exec(`CREATE TABLE ${staged} ${sql.slice(sql.indexOf('('))}`);
  const { last } = db.prepare<[], { last: number | null }>(`SELECT max(rowid) AS last FROM ${schema}.${quote(table)}`).get()!;
  const copy = db.prepare<[number, number]>(`INSERT INTO ${staged} SELECT * FROM ${schema}.${quote(table)} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`);
  const chunk = db.transaction((from: number) => copy.run(from, from + COPY_CHUNK));
  for (let from = 0; from < (last ?? 0); from += COPY_CHUNK) {
    chunk.immediate(from);
    await new Promise((resolve) => setImmediate(resolve));
  }
};

/** The shadow files of a rebuild: its own path for the first group, a numbered sibling for each other. */
const shadowPathOf = (shadowPath: string, group: number): string => (group === 0 ? shadowPath : `${shadowPath}.${group}`);

/** Every shadow file there, whatever the number of groups of the rebuild that left them (one killed, say). */
const removeShadows = (shadowPath: string): void => {
  const base = basename(shadowPath);
  for (const name of readdirSync(dirname(shadowPath))) {
    if (name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))) rmSync(join(dirname(shadowPath), name), { force: true });
  }
};

/**
 * One rebuild at a time per served file: a second would delete the first's shadows and staging tables under it. The
 * lock file holds the rebuild's pid; one left by a killed rebuild (its process gone) is taken over. Returns its release.
 */
const takeRebuildLock = (shadowPath: string): (() => void) => {
  const path = `${shadowPath}.lock`;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(path, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    if (isRunning(holder)) throw new Error(`another rebuild (pid ${holder}) is under way on these read models; if none is, delete ${path}`);
    rmSync(path, { force: true });
  }
};

/**
 * Read models split into `count` groups of about equal replay cost (`Projection.replayWeight`), heaviest first, each
 * to the lightest group so far.
 */
export const replayGroups = (projections: readonly Projection[], count: number): Projection[][] => {
  const groups = Array.from({ length: Math.max(1, Math.min(count, projections.length)) }, () => ({ weight: 0, projections: [] as Projection[] }));
  const weightOf = (p: Projection) => p.replayWeight ?? 1;
  for (const projection of [...projections].sort((a, b) => weightOf(b) - weightOf(a))) {
    const lightest = groups.reduce((min, group) => (group.weight < min.weight ? group : min));
    lightest.projections.push(projection);
    lightest.weight += weightOf(projection);
  }
  return groups.map((group) => group.projections);
};

/**
 * Replays the log from position zero up to `job.upTo` into fresh copies of these projections' tables in a new shadow
 * file: what each thread of a rebuild runs. The file is a throwaway until the swap, so it is written without a journal
 * or syncs, in one transaction (a killed rebuild starts over from a fresh shadow).
 */
export const replayIntoShadow = async (
  store: ReplayLog,
  projections: readonly Projection[],
  job: ShadowReplayJob,
  onApplied: (applied: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<number> => {
  rmSync(job.shadowPath, { force: true });
  const shadow = new Database(job.shadowPath);
  shadow.pragma('journal_mode = OFF');
  shadow.pragma('synchronous = OFF');
  shadow.pragma(`cache_size = -${SHADOW_CACHE_KIB}`);
  const handlers = handlersOf(projections);
  let applied = 0;
  try {
    for (const projection of projections) projection.init(shadow);
    shadow.exec('BEGIN');
    let position: Position | undefined;
    const upTo = job.upTo;
    while (upTo !== undefined && (position === undefined || store.comparePositions(position, upTo) < 0)) {
      signal?.throwIfAborted();
      const page = store.readAllSync({ ...(position !== undefined ? { after: position } : {}), maxCount: job.batchSize });
      if (page.length === 0) break;
      const batch = page.filter((event) => store.comparePositions(event.position, upTo) <= 0);
      applyTo(shadow, handlers, batch);
      applied += batch.length;
      position = page.at(-1)!.position;
      onApplied(applied);
      await new Promise((resolve) => setImmediate(resolve)); // let the progress bar draw, and an abort arrive
    }
    shadow.exec('COMMIT');
  } finally {
    shadow.close();
  }
  return applied;
};

/**
 * Replays the whole log into a fresh copy of a projection's tables in a shadow file, while the API keeps
 * serving (and pushing from) the current tables. Then, in one transaction that holds SQLite's write lock,
 * it applies the last events, swaps the tables in and moves the checkpoint; a running API notices the
 * moved checkpoint and follows on from it, so nothing is applied twice and nothing is pushed for the replay.
 * `store` is the SQLite log behind the upcaster chain (`upcastingEventStore`), so old events apply at their current schema.
 */
export const rebuildProjection = async (store: ReplayLog, db: Database.Database, projection: Projection, options: RebuildOptions): Promise<RebuildResult> =>
  (await rebuildProjections(store, db, [projection], options))[0]!;

/**
 * `rebuildProjection` for several read models in ONE pass over the log per thread: each page of events is read,
 * decrypted and upcast once and applied to every projection of the group, then all of them are swapped in by one
 * transaction (so they switch together, at the same position). Reading the log is much of a replay: `carnet projections
 * rebuild` with every read model costs one read of the log per thread instead of one per read model.
 */
export const rebuildProjections = async (store: ReplayLog, db: Database.Database, projections: readonly Projection[], options: RebuildOptions): Promise<RebuildResult[]> => {
  const tables = projections.flatMap((p) => p.tables);
  if (new Set(tables).size !== tables.length) throw new Error(`Projections rebuilt together must own distinct tables: ${tables.join(', ')}`);
  const release = takeRebuildLock(options.shadowPath);
  try {
    return await rebuildUnderLock(store, db, projections, options);
  } finally {
    release();
  }
};

const rebuildUnderLock = async (store: ReplayLog, db: Database.Database, projections: readonly Projection[], options: RebuildOptions): Promise<RebuildResult[]> => {
  const started = Date.now();
  const label = projections.map((p) => p.name).join(', ');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const groups = replayGroups(projections, options.replayElsewhere ? (options.threads ?? 1) : 1);
  // A previous rebuild, killed, may have left shadows (of more groups than this one has) and staging tables.
  removeShadows(options.shadowPath);
  dropStaged(db);

  const upTo = await store.headPosition();
  const total = Number(upTo ?? 0);
  const appliedBy = groups.map(() => 0);
  const progress = (group: number) => (applied: number) => {
    appliedBy[group] = applied;
    options.onProgress?.({ projection: label, applied: Math.min(...appliedBy), total, elapsedMs: Date.now() - started });
  };
  const jobOf = (group: number): ShadowReplayJob => ({ projections: groups[group]!.map((p) => p.name), shadowPath: shadowPathOf(options.shadowPath, group), upTo, batchSize });
  // The first failure stops every thread (abort keeps the first reason), and is what the rebuild reports once all have stopped.
  const abort = new AbortController();
  const stopAllOnFailure = <T>(replay: Promise<T>) => replay.catch((error: unknown) => (abort.abort(error), Promise.reject(error)));
  const [here] = await Promise.allSettled([
    stopAllOnFailure(replayIntoShadow(store, groups[0]!, jobOf(0), progress(0), abort.signal)),
    ...groups.slice(1).map((_, i) => stopAllOnFailure(options.replayElsewhere!(jobOf(i + 1), progress(i + 1), abort.signal))),
  ]);
  if (abort.signal.aborted || here!.status === 'rejected') {
    removeShadows(options.shadowPath);
    throw abort.signal.reason;
  }
  let applied = here!.value as number;

  const checkpoints = new Checkpoints(db);
  let position = upTo;
  let attached = 0;
  let swapMs = 0;
  try {
    // ATTACH cannot run inside a transaction: every shadow is attached before the copy and the swap.
    for (; attached < groups.length; attached++) db.prepare('ATTACH DATABASE ? AS ?').run(shadowPathOf(options.shadowPath, attached), `rebuilt${attached}`);
    // 1. Each rebuilt table copied into a staging table of the served file, a chunk of rows per transaction: the API's
    // runner waits for one chunk at most, never for the whole copy.
    for (const [index, group] of groups.entries()) {
      for (const table of group.flatMap((projection) => projection.tables)) await stage(db, `rebuilt${index}`, table);
    }
    // 2. One transaction: the served tables replaced by the staged ones (a rename), indexed, the events appended since
    // the replay's head applied, the checkpoints moved. It holds the write lock for the indexing, not for the copy.
    const swap = db.transaction(() => {
      for (const projection of projections) {
        for (const table of projection.tables) {
          db.exec(`DROP TABLE IF EXISTS main.${quote(table)}`);
          db.exec(`ALTER TABLE main.${quote(stagedName(table))} RENAME TO ${quote(table)}`);
        }
        // Filled first, indexed after: one sort per index rather than an update of it per row copied.
        initProjection(db, projection);
      }
      const tail = store.readAllSync({ ...(position !== undefined ? { after: position } : {}) });
      applyTo(db, handlersOf(projections), tail);
      if (tail.length) position = tail.at(-1)!.position;
      applied += tail.length;
      for (const projection of projections) checkpoints.set(projection.name, { version: projection.version, position });
    });
    const swapStarted = Date.now();
    swap.immediate();
    swapMs = Date.now() - swapStarted;
  } finally {
    for (let group = 0; group < attached; group++) db.exec(`DETACH DATABASE rebuilt${group}`);
    removeShadows(options.shadowPath);
    try {
      dropStaged(db);
    } catch {
      // The file is busy or gone: the next rebuild drops them first. The error that matters is the swap's.
    }
  }
  const elapsedMs = Date.now() - started;
  return projections.map((projection) => ({ projection: projection.name, events: applied, position, elapsedMs, swapMs }));
};
