import Database from 'better-sqlite3';
import { existsSync, linkSync, rmSync } from 'node:fs';
import { SQLITE_LOG_TABLES } from '#event-store';

/** A SQLite identifier quoted for a statement. */
export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
/** The suffix of a rebuild's staging tables (rebuild.ts). */
export const STAGED = '__rebuilt';

/**
 * Opens the read models' own SQLite file. `synchronous=NORMAL` suffices there: a read model lost to a power cut is
 * replayed from the log. With `legacyLogPath` (the SQLite log's file), read models an earlier Carnet kept inside the
 * log's own file are moved out first (`moveReadModelsOutOfLog`).
 */
export const openReadModels = (path: string, options: { readonly legacyLogPath?: string } = {}): Database.Database => {
  if (options.legacyLogPath) moveReadModelsOutOfLog(options.legacyLogPath, path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
};

/**
 * Until 2026-12, read models shared the SQLite log's file by default, so a rebuild's copy and swap held the log's write
 * lock and every append waited (4.3 s at a million events, near the 5 s busy timeout). They now live in a file of their
 * own. An earlier data directory has its read-model tables (every table of the log's file that is not the log's) copied,
 * rows, indexes and checkpoints, into `readModelsPath` when that file does not exist yet — written whole beside it, then
 * linked into place, so a crash or a second process never leaves half a file there — and then dropped from the log's
 * file. Idempotent: once moved, nothing is left to move. Returns the tables moved or dropped.
 */
export const moveReadModelsOutOfLog = (logPath: string, readModelsPath: string): string[] => {
  if (logPath === readModelsPath || !existsSync(logPath)) return [];
  const log = new Database(logPath);
  try {
    log.pragma('busy_timeout = 5000');
    const own = new Set<string>(SQLITE_LOG_TABLES);
    const legacy = log
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
      .all()
      .map((row) => row.name)
      .filter((name) => !own.has(name));
    if (legacy.length === 0) return [];
    // A rebuild's staging tables (`…__rebuilt`, left by a killed one) are dropped, not carried over.
    if (!existsSync(readModelsPath)) copyTables(logPath, legacy.filter((name) => !name.endsWith(STAGED)), readModelsPath);
    log.transaction(() => {
      for (const table of legacy) log.exec(`DROP TABLE main.${quote(table)}`);
    }).immediate();
    return legacy;
  } finally {
    log.close();
  }
};

const copyTables = (fromPath: string, tables: readonly string[], toPath: string): void => {
  const draft = `${toPath}.moving-${process.pid}`;
  rmSync(draft, { force: true });
  const target = new Database(draft);
  try {
    target.prepare('ATTACH DATABASE ? AS legacy').run(fromPath);
    const schemaOf = target.prepare<[string], { sql: string }>(`SELECT sql FROM legacy.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'`);
    target.transaction(() => {
      for (const table of tables) {
        const [create, ...indexes] = schemaOf.all(table).map((row) => row.sql);
        // The statements SQLite kept name no schema: they create the table and its indexes in this file.
        target.exec(create!);
        target.exec(`INSERT INTO main.${quote(table)} SELECT * FROM legacy.${quote(table)}`);
        for (const index of indexes) target.exec(index);
      }
    })();
    target.exec('DETACH DATABASE legacy');
  } finally {
    target.close();
  }
  try {
    linkSync(draft, toPath); // fails if another process moved them first: its file stays, this copy goes
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
};
