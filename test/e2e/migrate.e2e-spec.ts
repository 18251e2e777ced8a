import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { eventIdFor, SqliteEventStore, type RecordedEvent } from '#event-store';
import { main } from '../../apps/cli/src/main.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'carnet-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const countIn = (path: string): number => {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
};
const envelopes = (events: readonly RecordedEvent[]) => events.map((e) => JSON.stringify(e));

/** `carnet migrate` through the CLI, SQLite to a second SQLite directory: the same code path as to EventStoreDB. */
describe('carnet migrate', () => {
  it('copies the demo history and 12 000 more events, survives being killed mid-way, resumes, and verifies', async () => {
    const from = join(dir, 'from');
    const to = join(dir, 'to');
    await main(['demo', '--data-dir', from], () => undefined);
    const source = SqliteEventStore.open(join(from, 'carnet.sqlite'));
    // Two streams interleaved one event at a time: each copied event is its own append, so the copy takes seconds.
    for (let n = 0; n < 12_000; n++) {
      const stream = n % 2 === 0 ? 'organisation-org:migration-a' : 'organisation-org:migration-b';
      const metadata = { actor: { userId: 'load' }, recordedAt: new Date().toISOString(), correlationId: `c-${n}`, causationId: `c-${n}`, commandId: `migration-${n}`, hash: `h-${n}` };
      await source.append(stream, [{ eventId: eventIdFor('migration-spec', n), type: 'MigrationSpecRecorded', schemaVersion: 1, data: { n, label: `Événement n° ${n}` }, metadata }], { expectedRevision: 'any' });
    }
    const total = (await source.readAll()).length;

    const first = spawn(process.execPath, ['bin/carnet.js', 'migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`], { stdio: 'ignore' });
    const target = join(to, 'carnet.sqlite');
    const deadline = Date.now() + 30_000;
    while (countIn(target) < 1_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const copiedBeforeKill = countIn(target);
    expect(copiedBeforeKill).toBeGreaterThan(0);
    expect(copiedBeforeKill).toBeLessThan(total); // it really was interrupted

    const { stdout } = await exec(process.execPath, ['bin/carnet.js', 'migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    const french = (n: number) => n.toLocaleString('fr-FR');
    expect(stdout).toContain(`Copiés : ${french(total - copiedBeforeKill)} · déjà présents (reprise) : ${french(copiedBeforeKill)}`);
    expect(stdout).toContain(`Vérifié : ${french(total)} événements`);

    // Checked here too, independently of the command's own verification: same envelopes, same order.
    const copy = SqliteEventStore.open(target);
    expect(envelopes(await copy.readAll())).toEqual(envelopes(await source.readAll()));
    await copy.close();
    await source.close();
  }, 120_000);

  it('refuses, before writing anything, a target that holds another history (exit 1): no mixed log left behind', async () => {
    const from = join(dir, 'unrelated-from');
    const to = join(dir, 'unrelated-to');
    const source = SqliteEventStore.open(join(from, 'carnet.sqlite'));
    const other = SqliteEventStore.open(join(to, 'carnet.sqlite'));
    const metadata = { actor: { userId: 'load' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: 'c' };
    for (const [store, stream, n] of [[source, 'organisation-org:source', 1], [other, 'organisation-org:autre', 2]] as const) {
      await store.append(stream, [{ eventId: eventIdFor('migrate-unrelated', n), type: 'MigrationSpecRecorded', schemaVersion: 1, data: { n }, metadata }], { expectedRevision: 'noStream' });
      await store.close();
    }
    const refused = await exec(process.execPath, ['bin/carnet.js', 'migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('the target is neither empty nor an interrupted copy of this log. Nothing was written; migrate into an empty store');
    expect(countIn(join(to, 'carnet.sqlite'))).toBe(1);
  });

  it('says what it needs when --to is missing, names the source itself, or the source has no log', async () => {
    const missing = await exec(process.execPath, ['bin/carnet.js', 'migrate', '--from', 'sqlite:./nowhere']).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toContain('migrate needs --from sqlite:<data dir> and --to');
    const same = join(dir, 'from');
    const itself = await exec(process.execPath, ['bin/carnet.js', 'migrate', '--from', `sqlite:${same}`, '--to', `sqlite:${same}`]).catch((e: { code: number; stderr: string }) => e);
    expect(itself).toMatchObject({ code: 1 });
    expect((itself as { stderr: string }).stderr).toContain('--from and --to name the same store');
    const nowhere = await exec(process.execPath, ['bin/carnet.js', 'migrate', '--from', `sqlite:${join(dir, 'nowhere')}`, '--to', `sqlite:${join(dir, 'elsewhere')}`]).catch((e: { code: number; stderr: string }) => e);
    expect((nowhere as { stderr: string }).stderr).toContain(`no Carnet log at ${join(dir, 'nowhere', 'carnet.sqlite')}`);
  });
});
