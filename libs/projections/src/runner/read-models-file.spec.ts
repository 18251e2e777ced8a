import Database from 'better-sqlite3';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { eventIdFor, SqliteEventStore } from '#event-store';
import { Checkpoints } from './checkpoints.js';
import { moveReadModelsOutOfLog, openReadModels, publishGeneration, ReadModelsConnection } from './read-models-file.js';

/** The read models' tables, as the API passes every projection's. */
const TABLES = ['seen'];
const root = mkdtempSync(join(tmpdir(), 'carnet-read-models-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dir: string;
let logPath: string;
let readModelsPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(root, 'dir-'));
  logPath = join(dir, 'carnet.sqlite');
  readModelsPath = join(dir, 'read-models.sqlite');
});

/** A data directory as an earlier Carnet left it: one event in the log, a read model and its checkpoint in the same file. */
const legacyDataDirectory = async (): Promise<void> => {
  const store = SqliteEventStore.open(logPath);
  await store.append('stream-1', [
    { eventId: eventIdFor('move', 1), type: 'Counted', schemaVersion: 1, data: {}, metadata: { actor: { userId: 't' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c1' } },
  ], { expectedRevision: 'noStream' });
  await store.close();
  const db = new Database(logPath);
  db.exec(`CREATE TABLE seen (event_id TEXT PRIMARY KEY, n INTEGER NOT NULL);
    CREATE INDEX seen_by_n ON seen (n);
    INSERT INTO seen VALUES ('a', 1), ('b', 2);
    CREATE TABLE seen__rebuilt (event_id TEXT);
    CREATE TABLE person_keys (person_id TEXT PRIMARY KEY, key BLOB);`);
  new Checkpoints(db).set('seen', { version: 3, position: '1' });
  db.close();
};

const tablesOf = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all().map((r) => r.name);
  } finally {
    db.close();
  }
};

describe('read models moved out of the log file', () => {
  it('copies an earlier layout\'s read models (rows, indexes, checkpoints) into their own file, then drops them from the log', async () => {
    await legacyDataDirectory();
    const db = openReadModels(readModelsPath, { legacyLogPath: logPath, tables: TABLES });
    expect(db.prepare('SELECT event_id, n FROM seen ORDER BY n').all()).toEqual([{ event_id: 'a', n: 1 }, { event_id: 'b', n: 2 }]);
    expect(new Checkpoints(db).get('seen')).toEqual({ version: 3, position: '1' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(tablesOf(readModelsPath)).toEqual(['projection_checkpoints', 'seen', 'seen_by_n']);
    // The log keeps its own tables and events, and what is not a read model (keys, say, kept there by CARNET_PERSON_KEYS); no draft is left.
    expect(tablesOf(logPath)).toEqual(['carnet_schema', 'events', 'events_by_correlation', 'events_by_type', 'person_keys']);
    const store = SqliteEventStore.open(logPath);
    expect(await store.readAll()).toHaveLength(1);
    await store.close();
    expect(readdirSync(dir).filter((name) => name.includes('.moving'))).toEqual([]);
  });

  it('is done once: a second open finds nothing to move and keeps what the read models hold since', async () => {
    await legacyDataDirectory();
    const first = openReadModels(readModelsPath, { legacyLogPath: logPath, tables: TABLES });
    first.exec(`INSERT INTO seen VALUES ('c', 3)`);
    first.close();
    expect(moveReadModelsOutOfLog(logPath, readModelsPath, TABLES)).toEqual([]);
    const again = openReadModels(readModelsPath, { legacyLogPath: logPath, tables: TABLES });
    expect(again.prepare('SELECT count(*) AS n FROM seen').get()).toEqual({ n: 3 });
    again.close();
  });

  it('when the read models\' file already exists, only drops the stale copies from the log (killed between the copy and the drop)', async () => {
    await legacyDataDirectory();
    const current = new Database(readModelsPath);
    current.exec(`CREATE TABLE seen (event_id TEXT PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO seen VALUES ('z', 26)`);
    current.close();
    expect(moveReadModelsOutOfLog(logPath, readModelsPath, TABLES)).toEqual(['projection_checkpoints', 'seen', 'seen__rebuilt']);
    expect(tablesOf(logPath)).toEqual(['carnet_schema', 'events', 'events_by_correlation', 'events_by_type', 'person_keys']);
    const db = new Database(readModelsPath, { readonly: true });
    expect(db.prepare('SELECT event_id FROM seen').all()).toEqual([{ event_id: 'z' }]);
    db.close();
  });

  it('a link left naming a generation deleted by hand is replaced by the moved read models, not taken for a file', async () => {
    await legacyDataDirectory();
    symlinkSync('read-models.sqlite.g7', readModelsPath);
    const db = openReadModels(readModelsPath, { legacyLogPath: logPath, tables: TABLES });
    expect(db.prepare('SELECT event_id, n FROM seen ORDER BY n').all()).toEqual([{ event_id: 'a', n: 1 }, { event_id: 'b', n: 2 }]);
    expect(new Checkpoints(db).get('seen')).toEqual({ version: 3, position: '1' });
    db.close();
    expect(lstatSync(readModelsPath).isSymbolicLink()).toBe(false);
    expect(existsSync(join(dir, 'read-models.sqlite.g7'))).toBe(false);
  });

  it('removes the draft a killed move left (its process gone), never a live process\'s', async () => {
    await legacyDataDirectory();
    const dead = join(dir, 'read-models.sqlite.moving-999999999');
    const live = join(dir, `read-models.sqlite.moving-${process.ppid}`);
    writeFileSync(dead, 'half a copy');
    writeFileSync(live, 'a copy under way');
    openReadModels(readModelsPath, { legacyLogPath: logPath, tables: TABLES }).close();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('leaves a log without read models, a missing log and the same path alone', async () => {
    const store = SqliteEventStore.open(logPath);
    await store.close();
    expect(moveReadModelsOutOfLog(logPath, readModelsPath, TABLES)).toEqual([]);
    expect(moveReadModelsOutOfLog(join(dir, 'nowhere.sqlite'), readModelsPath, TABLES)).toEqual([]);
    expect(moveReadModelsOutOfLog(logPath, logPath, TABLES)).toEqual([]);
    expect(existsSync(readModelsPath)).toBe(false);
    expect(existsSync(join(dir, 'nowhere.sqlite'))).toBe(false);
  });
});

describe('ReadModelsConnection', () => {
  const generation = (n: number): string => {
    const file = `${readModelsPath}.g${n}`;
    const db = new Database(file);
    db.exec(`CREATE TABLE generation (n INTEGER); INSERT INTO generation VALUES (${n})`);
    db.close();
    return file;
  };
  const generationOf = (connection: ReadModelsConnection) => connection.db.prepare('SELECT n FROM generation').pluck().get();

  it('knows the generation it opened even when one is published before it is built (start-up), and moves on at its refresh', () => {
    publishGeneration(readModelsPath, generation(1));
    const opened = openReadModels(readModelsPath); // g1
    expect(opened.prepare('SELECT n FROM generation').pluck().get()).toBe(1); // read at once, as the runner's start does
    publishGeneration(readModelsPath, generation(2)); // in the instant between opening and the connection
    const connection = new ReadModelsConnection(opened, () => openReadModels(readModelsPath));
    expect(generationOf(connection)).toBe(1);
    expect(connection.refresh()).toBe(true);
    expect(generationOf(connection)).toBe(2);
    expect(connection.refresh()).toBe(false);
    connection.close();
  });

  it('moves to the generation it opened when another was published while it reopened', () => {
    publishGeneration(readModelsPath, generation(1));
    let published = false;
    const connection = new ReadModelsConnection(openReadModels(readModelsPath), () => {
      if (!published) publishGeneration(readModelsPath, generation(3)); // a second rebuild, just before the reopen
      published = true;
      return openReadModels(readModelsPath);
    });
    publishGeneration(readModelsPath, generation(2));
    expect(connection.refresh()).toBe(true);
    expect(generationOf(connection)).toBe(3);
    expect(connection.refresh()).toBe(false);
    connection.close();
  });
});
