import Database from 'better-sqlite3';
import { chownSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventStore, Position, ProjectableEvent, SyncEventLog } from '#event-store';
import { initProjection, type Projection } from '../projection.js';
import { Checkpoints, checkpointsIn, earliestPosition, readSavedCheckpoints } from './checkpoints.js';
import { messageOf } from './projection-runner.js';
import { copyTableFrom, generationOwner, isRunning, nextGenerationPath, publishGeneration, removeOtherGenerations } from './read-models-file.js';

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
  /** Of which assembling and publishing the new generation: the other threads' tables copied in, indexes, the tail. */
  readonly assemblyMs: number;
}

/** The log a replay reads: the SQLite log behind the upcasting view (personal values left sealed: read models keep none), read synchronously. */
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
  /** Every read model the file serves: those not rebuilt are carried over into the new generation as they stand. */
  readonly serves: readonly Projection[];
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /**
   * Groups replayed at once (default 1): one here, the others through `replayElsewhere`, each reading the log and
   * filling its own shadow file. Replaying is CPU-bound and single-threaded, so a second core nearly halves it.
   */
  readonly threads?: number;
  readonly replayElsewhere?: ReplayElsewhere;
}

/** Pages of the replay: large enough that reading and upcasting cost little per event. */
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

/** A read model that could not apply an event, named with the event: what an operator needs to find the fault. */
export class ReplayFailed extends Error {
  constructor(projection: string, event: ProjectableEvent, cause: unknown) {
    super(`${projection} could not apply ${event.type} at position ${event.position} (event ${event.eventId}): ${messageOf(cause)}`, { cause });
    this.name = 'ReplayFailed';
  }
}

const applyTo = (target: Database.Database, handlers: Handlers, events: readonly ProjectableEvent[]) => {
  for (const event of events) {
    const interested = handlers.get(event.type);
    if (!interested) continue;
    for (const projection of interested) {
      try {
        projection.apply(target, event);
      } catch (error) {
        throw new ReplayFailed(projection.name, event, error);
      }
    }
  }
};

/**
 * A read model not rebuilt, carried over from the generation served as it stands, rows, indexes and checkpoint read in
 * one snapshot (the API may be applying events to it meanwhile): the tail brings it to the head with the others.
 */
const carryOver = (next: Database.Database, projection: Projection): void => {
  // A table never applied there is not copied: `init` creates it empty and the tail fills it from its checkpoint.
  for (const table of projection.tables) copyTableFrom(next, 'served', table);
};

/**
 * Applies the log after each read model's checkpoint in `db` up to the head, page by page, and moves the checkpoints:
 * what was appended while the replay ran, and what a carried-over read model had not applied yet. Returns how many
 * events there were after `replayed`, the replay's head.
 */
const catchUp = (store: ReplayLog, db: Database.Database, projections: readonly Projection[], replayed: Position | undefined, batchSize: number): number => {
  const checkpoints = new Checkpoints(db);
  const positions = new Map(projections.map((projection) => [projection, checkpoints.get(projection.name)?.position]));
  const handlers = new Map(projections.map((projection) => [projection, handlersOf([projection])]));
  const behind = (projection: Projection, event: ProjectableEvent) => {
    const position = positions.get(projection);
    return position === undefined || store.comparePositions(event.position, position) > 0;
  };
  let after = earliestPosition([...positions.values()], (a, b) => store.comparePositions(a, b));
  let applied = 0;
  for (;;) {
    const page = store.readAllSync({ ...(after !== undefined ? { after } : {}), maxCount: batchSize });
    if (page.length === 0) break;
    db.transaction(() => {
      for (const projection of projections) {
        const events = page.filter((event) => behind(projection, event));
        if (events.length === 0) continue;
        applyTo(db, handlers.get(projection)!, events);
        positions.set(projection, events.at(-1)!.position);
        checkpoints.set(projection.name, { version: projection.version, position: events.at(-1)!.position });
      }
    })();
    applied += replayed === undefined ? page.length : page.filter((event) => store.comparePositions(event.position, replayed) > 0).length;
    after = page.at(-1)!.position;
  }
  return applied;
};

/** The shadow files of a rebuild: its own path for the first group, a numbered sibling for each other. */
const shadowPathOf = (shadowPath: string, group: number): string => (group === 0 ? shadowPath : `${shadowPath}.${group}`);

/**
 * Every shadow file there, whatever the number of groups of the rebuild that left them (one killed, say), with the
 * journal or WAL a kill leaves beside one.
 */
const removeShadows = (shadowPath: string): void => {
  const base = basename(shadowPath);
  for (const name of readdirSync(dirname(shadowPath))) {
    const file = name.replace(/-(journal|wal|shm)$/, '');
    if (file === base || (file.startsWith(`${base}.`) && /^\d+$/.test(file.slice(base.length + 1)))) rmSync(join(dirname(shadowPath), name), { force: true });
  }
};

/**
 * One rebuild at a time per served file: a second would delete the first's shadows and generation under it. The
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
 * file: what each thread of a rebuild runs. The file is a throwaway until it is published, so it is written without a journal
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
 * Replays the whole log into a fresh copy of a projection's tables, in a new generation of the read models' file
 * (`readModelsPath`), while the API keeps serving (and pushing from) the current one; then brings it to the head and
 * publishes it (read-models-file.ts). A running API moves to it at its next batch and goes on from its checkpoints,
 * applying again without pushing what it had already pushed. Nothing is pushed for the replay.
 * `store` is the SQLite log behind the upcaster chain (`upcastingEventStore`), so old events apply at their current schema.
 */
export const rebuildProjection = async (store: ReplayLog, readModelsPath: string, projection: Projection, options: RebuildOptions): Promise<RebuildResult> =>
  (await rebuildProjections(store, readModelsPath, [projection], options))[0]!;

/**
 * `rebuildProjection` for several read models in ONE pass over the log per thread: each page of events is read
 * and upcast once and applied to every projection of the group, then all of them are published together (so
 * they switch together, at the same position). Reading the log is much of a replay: `carnet projections rebuild` with
 * every read model costs one read of the log per thread instead of one per read model.
 */
export const rebuildProjections = async (store: ReplayLog, readModelsPath: string, projections: readonly Projection[], options: RebuildOptions): Promise<RebuildResult[]> => {
  const tables = projections.flatMap((p) => p.tables);
  if (new Set(tables).size !== tables.length) throw new Error(`Projections rebuilt together must own distinct tables: ${tables.join(', ')}`);
  const release = takeRebuildLock(options.shadowPath);
  try {
    return await rebuildUnderLock(store, readModelsPath, projections, options);
  } finally {
    release();
  }
};

const rebuildUnderLock = async (store: ReplayLog, readModelsPath: string, asked: readonly Projection[], options: RebuildOptions): Promise<RebuildResult[]> => {
  const started = Date.now();
  const owner = generationOwner(readModelsPath);
  // Handing a file over is tried on the lock file first: a file system that refuses it (root squashed) fails here, not after the replay.
  if (owner) chownSync(`${options.shadowPath}.lock`, owner.uid, owner.gid);
  // A read model served without a checkpoint of its version (new, or changed since) has nothing to carry over: it is
  // replayed with the others, on the threads, rather than from zero by the tail.
  const saved = readSavedCheckpoints(readModelsPath);
  const projections = [...asked, ...options.serves.filter((p) => !asked.includes(p) && saved.get(p.name)?.version !== p.version)];
  const label = projections.map((p) => p.name).join(', ');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const groups = replayGroups(projections, options.replayElsewhere ? (options.threads ?? 1) : 1);
  // A previous rebuild, killed, may have left shadows (of more groups than this one has) and an unpublished generation.
  removeShadows(options.shadowPath);
  removeOtherGenerations(readModelsPath);

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

  // The next generation: the first thread's shadow, the others' tables copied in, the read models not rebuilt carried
  // over, everything indexed, then brought to the head. It is private until published: no lock of the served file is taken.
  const nextPath = shadowPathOf(options.shadowPath, 0);
  const assemblyStarted = Date.now();
  let position = upTo;
  const next = new Database(nextPath);
  try {
    next.pragma(`cache_size = -${SHADOW_CACHE_KIB}`);
    const attach = next.prepare('ATTACH DATABASE ? AS ?');
    // ATTACH cannot run inside a transaction: each shadow is attached, copied and detached in turn.
    for (const [index, group] of groups.entries()) {
      if (index === 0) continue;
      attach.run(shadowPathOf(options.shadowPath, index), 'rebuilt');
      next.transaction(() => {
        // Without their indexes: `initProjection` builds them below once every table is full.
        for (const table of group.flatMap((projection) => projection.tables)) {
          if (!copyTableFrom(next, 'rebuilt', table, { indexed: false })) throw new Error(`The rebuild thread's shadow has no table ${table}`);
        }
      })();
      next.exec('DETACH DATABASE rebuilt');
    }
    const rebuilt = new Set(projections);
    const others = options.serves.filter((projection) => !rebuilt.has(projection));
    if (others.length > 0) {
      attach.run(readModelsPath, 'served');
      next.transaction(() => {
        const saved = checkpointsIn(next, 'served');
        const checkpoints = new Checkpoints(next);
        for (const projection of others) {
          // A read model of another version there is replayed from zero by the tail, as the runner would.
          if (saved.get(projection.name)?.version !== projection.version) continue;
          carryOver(next, projection);
          checkpoints.set(projection.name, saved.get(projection.name)!);
        }
      })();
      next.exec('DETACH DATABASE served');
    }
    next.transaction(() => {
      const checkpoints = new Checkpoints(next);
      for (const projection of [...rebuilt, ...others]) {
        // Filled first, indexed after: one sort per index rather than an update of it per row applied.
        initProjection(next, projection);
        if (rebuilt.has(projection)) checkpoints.set(projection.name, { version: projection.version, position });
      }
    })();
    applied += catchUp(store, next, [...rebuilt, ...others], upTo, batchSize);
    const last = new Checkpoints(next).get(projections[0]!.name)?.position;
    if (last !== undefined) position = last;
    next.pragma('journal_mode = WAL');
    next.close();
    if (owner) chownSync(nextPath, owner.uid, owner.gid);
  } catch (error) {
    if (next.open) next.close();
    removeShadows(options.shadowPath);
    throw error;
  }
  const generation = nextGenerationPath(readModelsPath);
  renameSync(nextPath, generation);
  publishGeneration(readModelsPath, generation);
  removeShadows(options.shadowPath);
  const assemblyMs = Date.now() - assemblyStarted;
  const elapsedMs = Date.now() - started;
  return projections.map((projection) => ({ projection: projection.name, events: applied, position, elapsedMs, assemblyMs }));
};
