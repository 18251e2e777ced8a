import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { EventStoreDbEventStore, SqliteEventStore } from '#event-store';
import { Checkpoints } from './checkpoints.js';

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
});
