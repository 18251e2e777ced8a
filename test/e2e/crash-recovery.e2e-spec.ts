import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { eventIdFor, SqliteEventStore, type NewEvent } from '#event-store';
import { ALL_PROJECTIONS, Checkpoints, ProjectionRunner } from '#projections';
import { main } from '../../apps/cli/src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) =>
  Object.fromEntries(
    ALL_PROJECTIONS.flatMap((p) => p.tables).map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).raw().all().map((row) => JSON.stringify(row)).sort()]),
  );

const representative = (n: number): NewEvent => ({
  eventId: eventIdFor('crash-spec', n),
  type: 'RepresentativeDesignated',
  schemaVersion: 1,
  data: { organisationId: 'org:inter-made', personId: `person:${n}`, title: 'Bénévole', capacities: ['speak'], scope: 'cooperation', from: '2025' },
  metadata: { actor: { userId: 'load' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: `crash-${n}` },
});

/** The server is killed (SIGKILL) in the middle of projecting; after a restart every read model equals a full rebuild. */
describe('crash recovery of the read models', () => {
  it('a server killed mid-batch, restarted, ends with read models equal to a full replay and its checkpoints at the head', async () => {
    await main(['demo', '--data-dir', dir], () => undefined);
    const store = SqliteEventStore.open(join(dir, 'carnet.sqlite'));
    const path = join(dir, 'read-models.sqlite');
    for (let n = 0; n < 30_000; n += 500) {
      await store.append('cooperation-coop:citees-marseille', Array.from({ length: 500 }, (_, i) => representative(n + i)), { expectedRevision: 'any' });
    }
    const setup = new Database(path);
    setup.exec('DELETE FROM projection_checkpoints'); // the server must project everything again
    for (const table of ALL_PROJECTIONS.flatMap((p) => p.tables)) setup.exec(`DROP TABLE IF EXISTS "${table}"`);
    setup.close();

    const server = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env: { ...process.env, PORT: '0', CARNET_DATA_DIR: dir }, stdio: 'ignore' });
    // Kill it while it is working through the 30 000 events.
    const checkpoint = () => {
      const db = new Database(path, { readonly: true });
      try {
        return Number(new Checkpoints(db).get('cooperation-timeline')?.position ?? 0);
      } catch {
        return 0;
      } finally {
        db.close();
      }
    };
    const deadline = Date.now() + 20_000;
    while (checkpoint() < 2_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    const head = Number(await store.headPosition());
    expect(checkpoint()).toBeGreaterThan(0);
    expect(checkpoint()).toBeLessThan(head); // it really died mid-way

    // Restart: the API's runner on the same file.
    const db = new Database(path);
    const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS);
    runner.start();
    expect(await runner.waitUntilCaughtUp(undefined, 30_000)).toBe(true);
    await runner.stop();
    const checkpoints = new Checkpoints(db);
    for (const projection of ALL_PROJECTIONS) expect(checkpoints.get(projection.name)?.position).toBe(String(head));

    // The reference: every projection replayed once from zero into an empty database.
    const fresh = new Database(':memory:');
    for (const projection of ALL_PROJECTIONS) projection.init(fresh);
    const events = await store.readAll();
    fresh.transaction(() => {
      for (const event of events) for (const projection of ALL_PROJECTIONS) if (projection.handles.includes(event.type)) projection.apply(fresh, event);
    })();
    expect(tables(db)).toEqual(tables(fresh));
    db.close();
    fresh.close();
    await store.close();
  }, 90_000);
});
