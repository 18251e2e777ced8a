import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

/**
 * V8 collects garbage with helper threads besides the thread collecting. A rebuild on several threads already keeps
 * every core busy replaying, and those helpers compete with it: it runs better with each thread collecting its own
 * garbage. That V8 flag can only be given when the process is launched (NODE_OPTIONS refuses it, and V8 aborts if it
 * is set while running), so `carnet projections rebuild` relaunches itself with it. Measured on the benchmark's
 * million events, on 2 cores, five alternating pairs: 24.5–30.2 s with it, against 29.5–35.9 s without.
 */
export const SINGLE_THREADED_GC = '--single-threaded-gc';

/** Set in the relaunched child's environment: it stops when its launcher is gone. */
const RELAUNCHED = 'CARNET_RELAUNCHED';

/** The V8 flags a command needs at launch: a rebuild on more than one thread (by default one per core) needs one. */
export const launchFlagsFor = (command: string, action: string | undefined, threads: string | undefined, cores = availableParallelism()): string[] =>
  command === 'projections' && action === 'rebuild' && (threads === undefined ? cores : Number(threads)) > 1 ? [SINGLE_THREADED_GC] : [];

/** Those of `flags` this process was not launched with. */
export const missingFlags = (flags: readonly string[]): string[] => flags.filter((flag) => !process.execArgv.includes(flag));

/**
 * Runs this very command again in a child process launched with `flags` too, on this process's terminal, and resolves
 * to its exit code (128 + the signal's number when a signal ended it). A signal sent to this process alone is passed
 * on; the child also stops if this process is killed outright (`stopWithLauncher`).
 */
export const relaunchWith = (flags: readonly string[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [RELAUNCHED]: '1' },
    });
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    for (const signal of signals) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });

/**
 * In a relaunched child: exits when its launcher is gone, even killed with SIGKILL (their IPC channel then closes), so
 * a rebuild killed by its pid is stopped, not left running unseen. The channel does not keep the child alive.
 */
export const stopWithLauncher = (): void => {
  if (process.env[RELAUNCHED] !== '1' || !process.channel) return;
  delete process.env[RELAUNCHED];
  process.channel.unref();
  process.once('disconnect', () => process.exit(1));
};
