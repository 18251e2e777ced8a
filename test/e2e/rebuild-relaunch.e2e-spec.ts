import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isRunning } from '../../libs/projections/src/runner/read-models-file.js';
import { launchFlagsFor, SINGLE_THREADED_GC } from '../../apps/cli/src/relaunch.js';
import { generateCooperationLog } from '../../bench/support/cooperation-log.js';

/**
 * `carnet projections rebuild` on several threads relaunches itself with the V8 flag it runs best with (relaunch.ts):
 * the rebuild is the relaunched child's, and a launcher killed outright takes it down too.
 */
describe('carnet projections rebuild, relaunched with its V8 flag', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carnet-relaunch-'));
    await generateCooperationLog(dataDir, 40_000);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks for the flag only for a rebuild on more than one thread', () => {
    expect(launchFlagsFor('projections', 'rebuild', undefined, 2)).toEqual([SINGLE_THREADED_GC]);
    expect(launchFlagsFor('projections', 'rebuild', '2', 1)).toEqual([SINGLE_THREADED_GC]);
    expect(launchFlagsFor('projections', 'rebuild', undefined, 1)).toEqual([]);
    expect(launchFlagsFor('projections', 'rebuild', '1', 8)).toEqual([]);
    expect(launchFlagsFor('projections', 'status', undefined, 8)).toEqual([]);
    expect(launchFlagsFor('serve', undefined, undefined, 8)).toEqual([]);
  });

  it('rebuilds in a child launched with the flag, which stops when its launcher is killed with SIGKILL; the next rebuild takes over', async () => {
    const lock = join(dataDir, 'read-models.sqlite.rebuild.lock');
    const launcher = spawn(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--threads', '2', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let progress = '';
    launcher.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    // The rebuilding process holds the lock under its pid: the child's, launched with the flag.
    for (let waited = 0; !(existsSync(lock) && /\d+ %/.test(progress)); waited += 10) {
      if (waited > 20_000 || launcher.exitCode !== null) throw new Error(`no rebuild under way: ${progress}`);
      await sleep(10);
    }
    const rebuilding = Number(readFileSync(lock, 'utf8'));
    expect(rebuilding).not.toBe(launcher.pid);
    if (existsSync(`/proc/${rebuilding}/cmdline`)) expect(readFileSync(`/proc/${rebuilding}/cmdline`, 'utf8').split('\0')).toContain(SINGLE_THREADED_GC);

    launcher.kill('SIGKILL');
    for (let waited = 0; isRunning(rebuilding); waited += 20) {
      if (waited > 10_000) throw new Error(`the rebuild (pid ${rebuilding}) outlived its launcher`);
      await sleep(20);
    }
    // Stopped mid-replay: nothing was published.
    expect(lstatSync(join(dataDir, 'read-models.sqlite')).isSymbolicLink()).toBe(false);

    const next = spawn(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    next.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await new Promise((resolve) => next.once('exit', resolve))).toBe(0);
    expect(out).toMatch(/reconstruit depuis la position 0 — 40\s000 événements/);
    expect(lstatSync(join(dataDir, 'read-models.sqlite')).isSymbolicLink()).toBe(true);
  });
});
