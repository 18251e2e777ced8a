import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { EventStoreDbEventStore, SqliteEventStore } from '#event-store';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoints, readSavedCheckpoints } from './checkpoints.js';

describe('checkpoints', () => {
  it('keep any adapter’s position exactly: a SQLite row number, an EventStoreDB commit/prepare pair at 64 bits', async () => {
    const checkpoints = new Checkpoints(new Database(':memory:'));
    const sqlite = SqliteEventStore.open(':memory:');
    // Lazy client: comparing positions dials nothing.
    const eventStoreDb = EventStoreDbEventStore.connect('esdb://localhost:2113?tls=false');
    const cases = [
      { store: sqlite, position: '999999999999999' },
      { store: eventStoreDb, position: 'C:18446744073709551615/P:18446744073709551615' },
      { store: eventStoreDb, position: 'C:9007199254740993/P:9007199254741000' },
    ];
    for (const [i, { store, position }] of cases.entries()) {
      checkpoints.set(`projection-${i}`, { version: 1, position });
      const stored = checkpoints.get(`projection-${i}`)!.position!;
      expect(stored).toBe(position);
      expect(store.isPosition(stored)).toBe(true);
      expect(store.comparePositions(stored, position)).toBe(0);
    }
    await sqlite.close();
    await eventStoreDb.close();
  });

  it('are read from a file without writing to it: a missing file is not created, a file without them gains no table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-checkpoints-'));
    try {
      expect(readSavedCheckpoints(join(dir, 'missing.sqlite'))).toEqual(new Map());
      expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
      const path = join(dir, 'read-models.sqlite');
      new Database(path).close();
      expect(readSavedCheckpoints(path)).toEqual(new Map());
      const db = new Database(path);
      expect(db.prepare(`SELECT name FROM sqlite_master`).all()).toEqual([]);
      new Checkpoints(db).set('dashboard', { version: 2, position: '41' });
      db.close();
      expect(readSavedCheckpoints(path)).toEqual(new Map([['dashboard', { version: 2, position: '41' }]]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
