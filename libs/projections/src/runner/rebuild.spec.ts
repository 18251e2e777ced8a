import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { eventIdFor, SqliteEventStore, type NewEvent } from '#event-store';
import { defineProjection } from '../projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { rebuildProjection, type RebuildProgress } from './rebuild.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number): NewEvent => ({
  eventId: eventIdFor('rebuild-spec', n),
  type: 'Counted',
  schemaVersion: 1,
  data: { n },
  metadata: { actor: { userId: 't' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: `c${n}` },
});

/** Each event under a primary key: applying one twice breaks the projection. */
const seen = defineProjection({
  name: 'seen',
  version: 1,
  tables: ['seen'],
  handles: ['Counted'],
  init: (db) => db.exec('CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY, n INTEGER NOT NULL)'),
  apply: (db, e) => void db.prepare('INSERT INTO seen (event_id, n) VALUES (?, ?)').run(e.eventId, (e.data as { n: number }).n),
});

describe('rebuildProjection', () => {
  it('replays into a fresh copy with progress, swaps it in, and the running API follows on without duplicates or loss', async () => {
    const path = join(dir, 'carnet.sqlite');
    const store = SqliteEventStore.open(path, { pollIntervalMs: 20 });
    for (let n = 1; n <= 30; n++) await store.append(`stream-${n % 4}`, [event(n)], { expectedRevision: 'any' });

    // The API: its own connection, its runner live on the current tables.
    const apiDb = new Database(path);
    const runner = new ProjectionRunner(store, apiDb, [seen], { batchSize: 8 });
    runner.start();
    await runner.waitUntilCaughtUp();
    const pushed: number[] = [];
    runner.onApplied((_name, events) => pushed.push(...events.map((e) => (e.data as { n: number }).n)));

    // The CLI: another connection rebuilds while the API keeps serving.
    const cliDb = new Database(path);
    const progress: RebuildProgress[] = [];
    const result = await rebuildProjection(store, cliDb, seen, { shadowPath: join(dir, 'shadow.sqlite'), batchSize: 7, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ projection: 'seen', events: 30, position: '30' });
    expect(progress.at(-1)).toMatchObject({ applied: 30, total: 30 });
    expect(progress.length).toBeGreaterThan(3);
    expect(existsSync(join(dir, 'shadow.sqlite'))).toBe(false);
    expect(pushed).toEqual([]); // no live pushes for the replay

    for (let n = 31; n <= 35; n++) await store.append('stream-x', [event(n)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    const [status] = await runner.status();
    expect(status).toMatchObject({ state: 'live', position: '35' });
    const rows = (apiDb.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n);
    expect(rows).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(pushed).toEqual([31, 32, 33, 34, 35]);

    await runner.stop();
    apiDb.close();
    cliDb.close();
    await store.close();
  });
});
