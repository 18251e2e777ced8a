import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isRunning } from '../../libs/projections/src/runner/read-models-file.js';
import { launchFlagsFor, missingFlags, REBUILD_YOUNG_GENERATION, SINGLE_THREADED_GC } from '../../apps/cli/src/relaunch.js';
import { generateCooperationLog } from '../../bench/support/cooperation-log.js';

/**
 * `carnet projections rebuild` relaunches itself with the V8 flags it runs best with (relaunch.ts): a larger young
 * generation, and single-threaded collection on several threads. The rebuild is the relaunched child's, and a launcher
 * killed outright takes it down too.
 */
describe('carnet projections rebuild, relaunched with its V8 flags', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carnet-relaunch-'));
    await generateCooperationLog(dataDir, 40_000);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks every rebuild for a larger young generation, and single-threaded collection on more than one thread', () => {
    const rebuild = { command: 'projections', action: 'rebuild' };
    const severalThreads = [SINGLE_THREADED_GC, REBUILD_YOUNG_GENERATION];
    expect(launchFlagsFor(rebuild, 2)).toEqual(severalThreads);
    expect(launchFlagsFor({ ...rebuild, threads: '2' }, 1)).toEqual(severalThreads);
    expect(launchFlagsFor(rebuild, 1)).toEqual([REBUILD_YOUNG_GENERATION]);
    expect(launchFlagsFor({ ...rebuild, threads: '1' }, 8)).toEqual([REBUILD_YOUNG_GENERATION]);
    // One read model named replays on one thread; help runs nothing.
    expect(launchFlagsFor({ ...rebuild, name: 'cooperation-list' }, 8)).toEqual([REBUILD_YOUNG_GENERATION]);
    expect(launchFlagsFor({ ...rebuild, help: true }, 8)).toEqual([]);
    expect(launchFlagsFor({ command: 'projections', action: 'status' }, 8)).toEqual([]);
    expect(launchFlagsFor({ command: 'serve' }, 8)).toEqual([]);
  });

  it("leaves a flag the user gave with another value (command line or NODE_OPTIONS' spelling) as they gave it", () => {
    const wanted = [SINGLE_THREADED_GC, REBUILD_YOUNG_GENERATION];
    expect(missingFlags(wanted, [])).toEqual(wanted);
    expect(missingFlags(wanted, ['--max-semi-space-size=128'])).toEqual([SINGLE_THREADED_GC]);
    expect(missingFlags(wanted, ['--max_semi_space_size=16', '--no-single-threaded-gc'])).toEqual([]);
    expect(missingFlags(wanted, ['--max-old-space-size=4096'])).toEqual(wanted);
  });

  /** `carnet projections rebuild` on 2 threads, once it is replaying: the launcher and the pid holding the rebuild's lock. */
  const rebuildUnderWay = async () => {
    const lock = join(dataDir, 'read-models.sqlite.rebuild.lock');
    rmSync(lock, { force: true }); // a killed rebuild's, whose pid is gone
    const launcher = spawn(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--threads', '2', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let progress = '';
    launcher.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    for (let waited = 0; !(existsSync(lock) && /\d+ %/.test(progress)); waited += 10) {
      if (waited > 20_000 || launcher.exitCode !== null) throw new Error(`no rebuild under way: ${progress}`);
      await sleep(10);
    }
    return { launcher, rebuilding: Number(readFileSync(lock, 'utf8')) };
  };
  const untilGone = async (pid: number) => {
    for (let waited = 0; isRunning(pid); waited += 20) {
      if (waited > 10_000) throw new Error(`the rebuild (pid ${pid}) outlived its launcher`);
      await sleep(20);
    }
  };

  it('rebuilds in a child launched with the flag, which stops when its launcher is killed with SIGKILL; the next rebuild takes over', async () => {
    const { launcher, rebuilding } = await rebuildUnderWay();
    // The rebuilding process holds the lock under its pid: the child's, launched with the flag.
    expect(rebuilding).not.toBe(launcher.pid);
    if (existsSync(`/proc/${rebuilding}/cmdline`)) expect(readFileSync(`/proc/${rebuilding}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([SINGLE_THREADED_GC, REBUILD_YOUNG_GENERATION]));

    launcher.kill('SIGKILL');
    await untilGone(rebuilding);
    // Stopped mid-replay: nothing was published.
    expect(lstatSync(join(dataDir, 'read-models.sqlite')).isSymbolicLink()).toBe(false);

    // SIGTERM to the launcher alone is passed on, and the launcher ends killed by it too, as a shell expects.
    const second = await rebuildUnderWay();
    const ended = new Promise((resolve) => second.launcher.once('exit', (code, signal) => resolve({ code, signal })));
    second.launcher.kill('SIGTERM');
    expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
    await untilGone(second.rebuilding);
    expect(lstatSync(join(dataDir, 'read-models.sqlite')).isSymbolicLink()).toBe(false);

    const next = spawn(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    next.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await new Promise((resolve) => next.once('exit', resolve))).toBe(0);
    expect(out).toMatch(/reconstruit depuis la position 0 — 40\s000 événements/);
    expect(lstatSync(join(dataDir, 'read-models.sqlite')).isSymbolicLink()).toBe(true);
  });
});
