import Database from 'better-sqlite3';
import { existsSync, linkSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CHECKPOINTS_TABLE } from './checkpoints.js';

/** A SQLite identifier quoted for a statement. */
export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
/** The suffix of a rebuild's staging tables (rebuild.ts). */
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
      const schemaOf = target.prepare<[string], { sql: string }>(`SELECT sql FROM legacy.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'`);
      target.transaction(() => {
        for (const table of tables) {
          const [create, ...indexes] = schemaOf.all(table).map((row) => row.sql);
          if (!create) continue; // dropped meanwhile by another process, which moved it
          // The statements SQLite kept name no schema: they create the table and its indexes in this file.
          target.exec(create);
          target.exec(`INSERT INTO main.${quote(table)} SELECT * FROM legacy.${quote(table)}`);
          for (const index of indexes) target.exec(index);
        }
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
