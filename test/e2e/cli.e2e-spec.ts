import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../../apps/cli/src/main.js';
import { runSteps, startCarnet } from '../support/carnet-app.js';
import { readModelRows } from '../support/read-model-rows.js';
import { scenarioA } from '../../apps/cli/src/demo/scenarios.js';

const exec = promisify(execFile);

describe('the carnet command', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('`carnet --help` works from the installed bin', async () => {
    const { stdout } = await exec(process.execPath, ['bin/carnet.js', '--help']);
    expect(stdout).toContain('Usage: carnet <command>');
    expect(stdout).toContain('events');
  });

  it('an unknown command exits 2 and points to --help', async () => {
    const failure = await exec(process.execPath, ['bin/carnet.js', 'frobnicate']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('carnet --help');
  });

  it('an option or an argument a command does not take exits 2, naming it and what the command takes, before doing anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-cli-'));
    dirs.push(dataDir);
    const { SqliteEventStore } = await import('#event-store');
    await SqliteEventStore.open(join(dataDir, 'carnet.sqlite')).close();
    for (const [args, refusal] of [
      [['export', '--stream', 'cooperation-coop:x'], 'export ne prend pas --stream / export does not take --stream (options : --cooperation, --from, --to, --out, --data-dir)'],
      [['audit', 'verify', '--cooperation', 'coop:nope'], 'audit verify ne prend pas --cooperation / audit verify does not take --cooperation (options : --stream, --data-dir)'],
      [['projections', 'status', '--threads', '2'], 'projections status ne prend pas --threads'],
      [['erase-person', 'person:a', 'person:b'], 'erase-person ne prend qu’un argument (personId) / erase-person takes one argument, personId — en trop (extra) : person:b'],
      [['status', 'everything'], 'status ne prend aucun argument / status takes no argument — en trop (extra) : everything'],
    ] as const) {
      const failure = await exec(process.execPath, ['bin/carnet.js', ...args, '--data-dir', dataDir]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect([args, failure.code, failure.stderr]).toEqual([args, 2, expect.stringContaining(`carnet: ${refusal}`)]);
    }
    const empty = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    expect(await empty.readAll()).toEqual([]); // erase-person recorded nothing
    await empty.close();
  });

  it('status and events read the embedded store the API wrote', async () => {
    const carnet = await startCarnet();
    await runSteps(carnet, scenarioA().slice(0, 8));
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-cli-'));
    dirs.push(dataDir);
    const { SqliteEventStore } = await import('#event-store');
    const copy = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    for (const e of await carnet.store.readAll()) await copy.append(e.streamId, [e], { expectedRevision: 'any' });
    await copy.close();
    await carnet.close();
    expect(carnet.store.database.open).toBe(false); // graceful shutdown closed the log

    const lines: string[] = [];
    expect(await main(['status', '--data-dir', dataDir], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/events: 8/);
    lines.length = 0;
    await main(['events', '--data-dir', dataDir, '--limit', '3'], (l) => lines.push(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('OrganisationRegistered');
    lines.length = 0;
    await main(['events', '--data-dir', dataDir, '--stream', 'cooperation-coop:citees-marseille', '--json'], (l) => lines.push(l));
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'CooperationProposed', revision: 0 });
    await expect(main(['events', '--data-dir', dataDir, '--stream', 'cooperation-coop:citees-marseille', '--after', '3'], () => undefined)).rejects.toThrow(
      '--after pages the whole log; with --stream, leave it out',
    );
  });

  it('`projections status` only reads: read models an earlier Carnet kept in the log’s file are reported there, not moved', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-cli-'));
    dirs.push(dataDir);
    const [{ SqliteEventStore }, { Checkpoints }, Database] = [await import('#event-store'), await import('#projections'), (await import('better-sqlite3')).default];
    await SqliteEventStore.open(join(dataDir, 'carnet.sqlite')).close();
    const log = new Database(join(dataDir, 'carnet.sqlite'));
    new Checkpoints(log).set('cooperation-list', { version: 1, position: '8' });
    log.close();

    const lines: string[] = [];
    expect(await main(['projections', 'status', '--data-dir', dataDir], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^read models still in the log's file .*: the next start of Carnet or rebuild moves them to .*read-models\.sqlite$/);
    expect(lines.find((l) => l.startsWith('cooperation-list'))).toMatch(/position 8 \(stored v1: will rebuild\)$/);
    expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(false);
    const after = new Database(join(dataDir, 'carnet.sqlite'), { readonly: true });
    expect(after.prepare(`SELECT position FROM projection_checkpoints WHERE name = 'cooperation-list'`).get()).toEqual({ position: '8' });
    after.close();
  });

  it('a data directory without a log is refused (exit 1), not given an empty log reported intact', async () => {
    const typo = join(tmpdir(), `carnet-cli-typo-${process.pid}`);
    dirs.push(typo);
    for (const command of [['audit', 'verify'], ['status'], ['events'], ['export'], ['projections', 'status'], ['projections', 'rebuild']]) {
      const failure = await exec(process.execPath, ['bin/carnet.js', ...command, '--data-dir', typo]).catch((error: { code: number; stderr: string }) => error);
      expect([command, failure]).toMatchObject([command, { code: 1, stderr: expect.stringContaining(`No Carnet log at ${join(typo, 'carnet.sqlite')}`) }]);
    }
    expect(existsSync(typo)).toBe(false);
  });
});

describe('carnet demo', () => {
  it('loads scenarios A to E through the API, and a second run doubles nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-demo-'));
    try {
      const lines: string[] = [];
      expect(await main(['demo', '--data-dir', dataDir], (l) => lines.push(l))).toBe(0);
      expect(lines).toHaveLength(5);
      expect(lines[0]).toMatch(/^Scénario A — CITÉES Marseille : (\d+) commandes, \1 enregistrées, 0 déjà présentes$/);
      const { SqliteEventStore } = await import('#event-store');
      const count = async () => {
        const store = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
        const n = (await store.readAll()).length;
        await store.close();
        return n;
      };
      const before = await count();
      const again: string[] = [];
      await main(['demo', '--data-dir', dataDir], (l) => again.push(l));
      expect(again).toHaveLength(5);
      for (const line of again) expect(line).toMatch(/: (\d+) commandes, 0 enregistrées, \1 déjà présentes$/);
      expect(again[4]).toMatch(/: (\d+) commandes, 0 enregistrées, \1 déjà présentes$/);
      expect(await count()).toBe(before);

      // Rebuilding every read model from position zero gives back the same read models, row for row.
      const readModels = () => readModelRows(join(dataDir, 'read-models.sqlite'));
      const beforeRebuild = readModels();
      const rebuilt: string[] = [];
      expect(await main(['projections', 'rebuild', '--threads', '1', '--data-dir', dataDir], (l) => rebuilt.push(l))).toBe(0);
      expect(rebuilt).toEqual([
        expect.stringMatching(new RegExp(`^cooperation-list : reconstruit depuis la position 0 — ${before} événements`)),
        expect.stringMatching(/^cooperation-timeline : reconstruit/),
        expect.stringMatching(/^dashboard : reconstruit/),
        expect.stringMatching(/^commitment-ledger : reconstruit/),
        expect.stringMatching(/^governance-log : reconstruit/),
        expect.stringMatching(/^actions-board : reconstruit/),
        expect.stringMatching(/^indicators : reconstruit/),
      ]);
      expect(readModels()).toEqual(beforeRebuild);
      // The installed bin spreads the read models over worker threads: the same read models again.
      const { stdout } = await exec(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--threads', '3', '--data-dir', dataDir]);
      expect(stdout.trim().split('\n')).toEqual(rebuilt.map((line) => expect.stringContaining(line.slice(0, line.indexOf(' en ')))));
      expect(readModels()).toEqual(beforeRebuild);
      await expect(main(['projections', 'rebuild', 'nope', '--data-dir', dataDir])).rejects.toThrow(/unknown projection "nope"/);
      await expect(main(['projections', 'rebuild', '--threads', '0', '--data-dir', dataDir])).rejects.toThrow(/--threads must be a whole number from 1/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two full demo loads and a rebuild of every read model: a long test on a busy 2-core machine.
  }, 60_000);
});
