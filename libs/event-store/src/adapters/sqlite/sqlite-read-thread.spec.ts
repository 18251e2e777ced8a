import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
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

/** Reads until the thread answers (its first read only starts it), within a few seconds. */
const readOnThread = async (thread: SqliteReadThread, parameters: readonly unknown[]): Promise<string[]> => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const rows = await thread.read(parameters);
    if (rows !== undefined) return rows;
    if (Date.now() > deadline) throw new Error('the read thread never answered');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('SqliteReadThread: one SELECT run off the event loop', () => {
  it('leaves its first read to the caller, then answers as the writer’s own connection does, its latest commits included', async () => {
    const { path, db } = logFile('reads.sqlite');
    const sql = 'SELECT text FROM notes WHERE n >= ? ORDER BY n LIMIT ?';
    const thread = new SqliteReadThread(path, sql);
    expect(await thread.read([1, -1])).toBeUndefined();
    expect(await readOnThread(thread, [2, 5])).toEqual(db.prepare(sql).pluck().all(2, 5));
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('quatre');
    expect(await thread.read([3, -1])).toEqual(['trois', 'quatre']);
    // Several reads in flight are answered in turn, each with its own rows.
    expect(await Promise.all([thread.read([1, 1]), thread.read([4, 1]), thread.read([9, 1])])).toEqual([['un'], ['quatre'], []]);
    await thread.close();
    db.close();
  });

  it('rejects a read whose statement fails, with its message, and keeps serving the next ones', async () => {
    const { path, db } = logFile('failing.sqlite');
    const thread = new SqliteReadThread(path, "SELECT CASE WHEN ? THEN json_extract('not json', '$') ELSE text END FROM notes ORDER BY n");
    await readOnThread(thread, [0]);
    await expect(thread.read([1])).rejects.toThrow(/malformed JSON/);
    expect(await thread.read([0])).toEqual(['un', 'deux', 'trois']);
    await thread.close();
    db.close();
  });

  it('answers undefined once closed, and for good when its file cannot be opened: the caller reads on its own thread', async () => {
    const { path, db } = logFile('closed.sqlite');
    const thread = new SqliteReadThread(path, 'SELECT text FROM notes');
    await readOnThread(thread, []);
    await thread.close();
    expect(await thread.read([])).toBeUndefined();
    db.close();

    const missing = new SqliteReadThread(join(dir, 'missing.sqlite'), 'SELECT 1');
    expect(await missing.read([])).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await missing.read([])).toBeUndefined();
    await missing.close();
  });
});
