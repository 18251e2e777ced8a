import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CHECKPOINTS_TABLE } from './checkpoints.js';

/** A SQLite identifier quoted for a statement. */
export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * A table of an attached file (`schema`) copied into this connection's main file, rows and indexes, by the statements
 * SQLite kept for them (they name no schema, so they create the table in `main`). False when that file has no such table.
 * `indexed: false` leaves the indexes out, for a caller that builds them once every table is full. The rows go as one
 * `INSERT … SELECT *` into the empty table, which SQLite copies record by record in rowid order (its transfer
 * optimisation: an ORDER BY would turn it off, ≈ 1.3 → 0.9 s for a rebuild's 130 MB).
 */
export const copyTableFrom = (target: Database.Database, schema: string, table: string, { indexed = true } = {}): boolean => {
  const statements = target.prepare<[string], { sql: string }>(`SELECT sql FROM ${schema}.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'`).all(table);
  if (statements.length === 0) return false;
  const [create, ...indexes] = statements.map((row) => row.sql);
  target.exec(create!);
  target.exec(`INSERT INTO main.${quote(table)} SELECT * FROM ${schema}.${quote(table)}`);
  if (indexed) for (const index of indexes) target.exec(index);
  return true;
};
/** The suffix of the staging tables a rebuild made until 2026-12-07 (copied into the served file, then swapped in). */
export const STAGED = '__rebuilt';

export interface ReadModelsFileOptions {
  /** The SQLite log's file, where an earlier Carnet kept the read models: `tables` are moved out of it first. */
  readonly legacyLogPath?: string;
  /** The read models' tables (every projection's `tables`): only these, their staging copies and the checkpoints move. */
  readonly tables?: readonly string[];
}

/**
 * Opens the read models' own SQLite file. `synchronous=NORMAL` suffices there: a read model lost to a power cut is
 * replayed from the log.
 */
export const openReadModels = (path: string, options: ReadModelsFileOptions = {}): Database.Database => {
  if (options.legacyLogPath) moveReadModelsOutOfLog(options.legacyLogPath, path, options.tables ?? []);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
};

/**
 * Read models switch by generation. The configured path (`read-models.sqlite`) is the file itself until the first
 * rebuild, then a symbolic link to the generation served, `read-models.sqlite.g<N>`. A rebuild fills the next generation
 * beside it, never writing into the one served, and publishes it by renaming a new link over the path (atomic): whoever
 * opens the path from then on gets it — SQLite names a generation's WAL after it —, and a running API moves to it at its
 * next batch (ReadModelsConnection). Nothing is copied into the served file, and no lock of it is held.
 */
const GENERATION = /\.g(\d+)$/;

/** The file the path serves now (the link followed), or undefined when there is none yet. */
const servedFileOf = (path: string): string | undefined => {
  try {
    // realpath(3) in one call: the runner asks before each batch.
    return realpathSync.native(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * The file a connection has open, as SQLite resolved the path's links when it opened it (undefined in memory): the
 * generation it reads and writes, whatever the link says since. Asking the link after opening would race a publish.
 */
const fileOpenBy = (db: Database.Database): string | undefined =>
  (db.pragma('database_list') as { name: string; file: string }[]).find((entry) => entry.name === 'main')?.file || undefined;

/** Where a rebuild writes the generation after the one served: `<path>.g<N+1>` (the file itself counting as 0). */
export const nextGenerationPath = (path: string): string => {
  const served = servedFileOf(path);
  const current = served ? Number(GENERATION.exec(served)?.[1] ?? 0) : 0;
  return `${path}.g${current + 1}`;
};

/**
 * Generations and their WAL and shared-memory files other than the one served, a link a killed publish left, and once
 * the path is a link the WAL files of the file it replaced: a killed rebuild's, or the previous one once replaced. A
 * process still holding one keeps it open (POSIX) until it moves on; nothing opens them by name again. Compared in the
 * directory's real path: a data directory reached through a link must not take the generation served for another one.
 */
export const removeOtherGenerations = (path: string): void => {
  const served = servedFileOf(path);
  const base = basename(path);
  const directory = realpathSync(dirname(path));
  const linked = existsSync(path) && lstatSync(path).isSymbolicLink();
  for (const name of readdirSync(directory)) {
    const file = name.replace(/-(wal|shm)$/, '');
    const earlier = (file.startsWith(`${base}.g`) && GENERATION.test(file)) || (linked && file === base && name !== base) || name.startsWith(`${base}.link-`);
    if (earlier && join(directory, file) !== served) rmSync(join(directory, name), { force: true });
  }
};

/**
 * Whom a rebuild's generation must belong to: the served file's owner, who runs the API. A rebuild run as another user
 * would publish a file the API cannot write (it would go on with the previous generation, saying why on /health): it is
 * refused before replaying, unless run as root, which hands the new generation to that owner. Undefined: nothing to
 * hand — the same user, or a file of root's (root writes whatever another user makes).
 */
export const generationOwner = (path: string, uid: number | undefined = process.getuid?.()): { uid: number; gid: number } | undefined => {
  const served = uid === undefined ? undefined : statSync(path, { throwIfNoEntry: false });
  if (!served || served.uid === uid || served.uid === 0) return undefined;
  if (uid === 0) return { uid: served.uid, gid: served.gid };
  throw new Error(
    `${path} belongs to uid ${served.uid}, who runs the API; this rebuild runs as uid ${uid} and would publish read models the API cannot write: run it as that user`,
  );
};

/** The directory's entries (a rename, a new link) made durable: a power cut must not leave the link to a missing generation. */
const syncDirectory = (directory: string): void => {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Serves `file` (a closed SQLite file beside `path`) from now on, by replacing the link at `path`; the others go. */
export const publishGeneration = (path: string, file: string): void => {
  const link = `${path}.link-${process.pid}`;
  rmSync(link, { force: true });
  syncDirectory(dirname(path)); // the generation's own name first
  symlinkSync(basename(file), link);
  renameSync(link, path);
  syncDirectory(dirname(path));
  removeOtherGenerations(path);
};

/**
 * The API's connection to its read models: `db` is the generation served when it was last `refresh`ed, which opens a
 * generation a rebuild published since (and closes the one it replaced). A connection not on a file never switches.
 */
export class ReadModelsConnection {
  private served: string | undefined;

  constructor(
    private current: Database.Database,
    private readonly reopen?: () => Database.Database,
  ) {
    this.served = fileOpenBy(current);
  }

  get db(): Database.Database {
    return this.current;
  }

  /**
   * Moves to a generation a rebuild published since, if any: `prepare` gets its connection first, and if it throws
   * (the file locked by another writer, or not writable), the new connection is closed, the current one kept, and the
   * error thrown. True when it moved: what was read from the previous generation may be ahead of or behind it.
   */
  refresh(prepare: (db: Database.Database) => void = () => undefined): boolean {
    if (this.served === undefined || !this.reopen) return false;
    const served = servedFileOf(this.current.name);
    if (served === undefined || served === this.served) return false;
    const next = this.reopen();
    // Published again meanwhile, it opened a later generation than `served`: it moves there, the one it has open.
    const opened = fileOpenBy(next);
    try {
      prepare(next);
    } catch (error) {
      next.close();
      throw error;
    }
    const previous = this.current;
    [this.current, this.served] = [next, opened];
    previous.close();
    return true;
  }

  close(): void {
    if (this.current.open) this.current.close();
  }
}

/**
 * Until 2026-12, read models shared the SQLite log's file by default, so a rebuild's copy and swap held the log's write
 * lock and every append waited (4.2 s at a million events, near the 5 s busy timeout). They now live in a file of their
 * own. An earlier data directory has its read-model tables (`tables`, a rebuild's staging copies of them, the
 * checkpoints; nothing else of that file) copied, rows and indexes, into `readModelsPath` when that file does not exist
 * yet — written whole beside it, then linked into place, so a crash or a second process never leaves half a file there —
 * then dropped from the log's file. Two processes starting together both end well: the first link wins, the drops
 * tolerate each other. Returns the tables dropped from the log.
 */
export const moveReadModelsOutOfLog = (logPath: string, readModelsPath: string, tables: readonly string[]): string[] => {
  if (logPath === readModelsPath || !existsSync(logPath)) return [];
  removeDrafts(readModelsPath);
  const log = new Database(logPath);
  try {
    log.pragma('busy_timeout = 5000');
    const ours = new Set([...tables, CHECKPOINTS_TABLE]);
    const present = () =>
      log
        .prepare<[], { name: string }>(`SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name`)
        .all()
        .map((row) => row.name)
        .filter((name) => ours.has(name) || (name.endsWith(STAGED) && ours.has(name.slice(0, -STAGED.length))));
    const legacy = present();
    if (legacy.length === 0) return [];
    // A link naming a generation deleted by hand holds nothing: the moved read models take its place (linking them
    // there would fail on the link, and the log's copies be dropped all the same).
    if (isDanglingLink(readModelsPath)) rmSync(readModelsPath, { force: true });
    // A rebuild's staging tables (left by a killed one) are dropped, not carried over.
    if (!existsSync(readModelsPath)) copyTables(logPath, legacy.filter((name) => !name.endsWith(STAGED)), readModelsPath);
    // Listed again under the write lock: another process may have moved them meanwhile.
    return log.transaction(() => {
      const dropped = present();
      for (const table of dropped) log.exec(`DROP TABLE IF EXISTS main.${quote(table)}`);
      return dropped;
    }).immediate();
  } finally {
    log.close();
  }
};

const draftPrefix = (readModelsPath: string): string => `${basename(readModelsPath)}.moving-`;

const isDanglingLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink() && !existsSync(path);
  } catch {
    return false;
  }
};

/** Whether a process of that pid is alive (EPERM: alive, another user's). */
export const isRunning = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Drafts a killed move left beside the read models' file (named after its pid, gone); a live process's is its own. */
const removeDrafts = (readModelsPath: string): void => {
  const prefix = draftPrefix(readModelsPath);
  if (!existsSync(dirname(readModelsPath))) return;
  for (const name of readdirSync(dirname(readModelsPath))) {
    const pid = name.startsWith(prefix) ? name.slice(prefix.length) : '';
    if (/^\d+$/.test(pid) && !isRunning(Number(pid))) rmSync(join(dirname(readModelsPath), name), { force: true });
  }
};

const copyTables = (fromPath: string, tables: readonly string[], toPath: string): void => {
  const draft = join(dirname(toPath), `${draftPrefix(toPath)}${process.pid}`);
  try {
    const target = new Database(draft);
    try {
      target.pragma('busy_timeout = 5000');
      target.prepare('ATTACH DATABASE ? AS legacy').run(fromPath);
      target.transaction(() => {
        // A table missing there was dropped meanwhile by another process, which moved it.
        for (const table of tables) copyTableFrom(target, 'legacy', table);
      })();
      target.exec('DETACH DATABASE legacy');
    } finally {
      target.close();
    }
    linkSync(draft, toPath); // fails if another process moved them first: its file stays, this copy goes
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
};
