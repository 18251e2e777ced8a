import Database from 'better-sqlite3';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { SqliteReadThread } from './sqlite-read-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-read-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL file with a few rows, written by this thread's connection as the store's writer does. */
const logFile = (name: string): { path: string; db: Database.Database } => {
  const path = join(dir, name);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  db.prepare('INSERT INTO notes (text) VALUES (?), (?), (?)').run('un', 'deux', 'trois');
  return { path, db };
};

/** The warnings the process emits while `run` runs. */
const warningsDuring = async (run: () => Promise<void>): Promise<string[]> => {
  const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    await run();
    return emitWarning.mock.calls.map(([warning, options]) => `${(options as { code?: string } | undefined)?.code}: ${String(warning)}`);
  } finally {
    emitWarning.mockRestore();
  }
};

describe('SqliteReadThread: one SELECT run off the event loop', () => {
  it('leaves its first read to the caller, then answers as the writer’s own connection does, its latest commits included', async () => {
    const { path, db } = logFile('reads.sqlite');
    const sql = 'SELECT text FROM notes WHERE n >= ? ORDER BY n LIMIT ?';
    const thread = new SqliteReadThread(path, statSync(path), sql);
    expect(await thread.read([1, -1])).toBeUndefined();
    expect(await thread.whenReady()).toBe(true);
    expect(await thread.read([2, 5])).toEqual(db.prepare(sql).pluck().all(2, 5));
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('quatre');
    expect(await thread.read([3, -1])).toEqual(['trois', 'quatre']);
    // Several reads in flight are answered in turn, each with its own rows.
    expect(await Promise.all([thread.read([1, 1]), thread.read([4, 1]), thread.read([9, 1])])).toEqual([['un'], ['quatre'], []]);
    await thread.close();
    db.close();
  });

  it('leaves a read whose statement fails there to the caller’s connection, and keeps serving the next ones', async () => {
    const { path, db } = logFile('failing.sqlite');
    const thread = new SqliteReadThread(path, statSync(path), "SELECT CASE WHEN ? THEN json_extract('not json', '$') ELSE text END FROM notes ORDER BY n");
    expect(await thread.whenReady()).toBe(true);
    expect(await thread.read([1])).toBeUndefined();
    expect(await thread.read([0])).toEqual(['un', 'deux', 'trois']);
    await thread.close();
    db.close();
  });

  it('answers the reads under way with undefined when closed, and every read after it', async () => {
    const { path, db } = logFile('closed.sqlite');
    // A statement the thread takes a while over (a few million rows counted): still under way when the thread is closed.
    // (Closing waits for the statement to end: a thread cannot be stopped inside SQLite, and a page read is short.)
    const thread = new SqliteReadThread(path, statSync(path), 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) FROM n');
    expect(await thread.whenReady()).toBe(true);
    const underWay = thread.read([3e6]);
    const warnings = await warningsDuring(() => thread.close());
    expect(await underWay).toBeUndefined();
    expect(await thread.read([1])).toBeUndefined();
    expect(await thread.whenReady()).toBe(false);
    expect(warnings).toEqual([]);
    db.close();
  });

  it('is not used when it cannot open the store’s own file, says so once, and is not started again', async () => {
    const missing = join(dir, 'missing.sqlite');
    const { path: moved, db } = logFile('moved.sqlite');
    const identity = statSync(moved);
    const thread = new SqliteReadThread(missing, identity, 'SELECT 1');
    const warnings = await warningsDuring(async () => {
      expect(await thread.read([])).toBeUndefined();
      expect(await thread.whenReady()).toBe(false);
      expect(await thread.read([])).toBeUndefined();
      expect(await thread.whenReady()).toBe(false);
    });
    expect(warnings).toEqual([expect.stringMatching(/^CARNET_SQLITE_READ_THREAD: SQLite reader thread stopped \(.+\): long reads of .*missing\.sqlite run on the event loop$/)]);

    // Another file put where the store's was (a restore while it runs): not the store's log, not read.
    const { path: replaced, db: other } = logFile('replaced.sqlite');
    renameSync(replaced, moved);
    const elsewhere = new SqliteReadThread(moved, identity, 'SELECT text FROM notes');
    const replacedWarnings = await warningsDuring(async () => expect(await elsewhere.whenReady()).toBe(false));
    expect(replacedWarnings).toEqual([expect.stringContaining('is no longer the file the store opened')]);
    await Promise.all([thread.close(), elsewhere.close()]);
    db.close();
    other.close();
  });
});
