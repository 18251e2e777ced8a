import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * V8 collects garbage with helper threads besides the thread collecting. A rebuild on several threads already keeps
 * every core busy replaying, and those helpers compete with it: it runs better with each thread collecting its own
 * garbage. That V8 flag can only be given when the process is launched (NODE_OPTIONS refuses it, and V8 aborts if it
 * is set while running), so `carnet projections rebuild` relaunches itself with it. Measured on the benchmark's
 * million events, on 2 cores, five alternating pairs: 24.5–30.2 s with it, against 29.5–35.9 s without.
 */
export const SINGLE_THREADED_GC = '--single-threaded-gc';

/**
 * A replay's garbage is short-lived (each page of events, its labels and rows), so a larger young generation collects
 * the same survivors less often. Measured on the benchmark's million events: on 2 threads 22.5 s (Node's 16 MB
 * semi-spaces) → 21.4 s (32 MB) → 19.7–19.9 s (64 MB), 128 MB no better; one read model on one thread 14.8–15.4 →
 * 13.8–13.9 s. Given at launch, with the flag above, so that the main thread's heap (set up at start) has it too.
 */
export const REBUILD_YOUNG_GENERATION = '--max-semi-space-size=64';

/** Set in the relaunched child's environment: it stops when its launcher is gone. */
const RELAUNCHED = 'CARNET_RELAUNCHED';

export interface Launch {
  readonly command: string;
  readonly action?: string | undefined;
  /** The read model named, if one is: it replays on one thread, whatever `--threads` says. */
  readonly name?: string | undefined;
  readonly threads?: string | undefined;
  readonly help?: boolean | undefined;
}

/**
 * The V8 flags a command needs at launch: every rebuild a larger young generation, and a rebuild of every read model
 * on more than one thread (by default one per core) single-threaded collection.
 */
export const launchFlagsFor = ({ command, action, name, threads, help }: Launch, cores = availableParallelism()): string[] => {
  if (command !== 'projections' || action !== 'rebuild' || help) return [];
  const severalThreads = name === undefined && (threads === undefined ? cores : Number(threads)) > 1;
  return severalThreads ? [SINGLE_THREADED_GC, REBUILD_YOUNG_GENERATION] : [REBUILD_YOUNG_GENERATION];
};

/** Those of `flags` this process was not launched with, whatever value it was given for one. */
export const missingFlags = (flags: readonly string[], given: readonly string[] = launchedWith()): string[] =>
  flags.filter((flag) => !given.some((option) => nameOf(option) === nameOf(flag)));

/**
 * A V8 option's name, its value aside, `_` read as `-` and a negation (`--no-…`, `--no…`) aside, as V8 reads them: a
 * user's own `--max-semi-space-size=128` or `--no-single-threaded-gc` stands.
 */
const nameOf = (option: string): string => option.split('=')[0]!.replaceAll('_', '-').replace(/^--no-?/, '--');

/** The options this process was launched with: its command line's and NODE_OPTIONS' (which may set the young generation's size). */
const launchedWith = (): string[] => [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/).filter(Boolean)];

/** How the relaunched child ended: its exit code, or the signal that killed it. */
export type Ended = { readonly code: number; readonly signal?: undefined } | { readonly code?: undefined; readonly signal: NodeJS.Signals };

/**
 * Runs this very command again in a child process launched with `flags` too, on this process's terminal, and resolves
 * to how it ended. A signal sent to this process alone is passed on; the child also stops if this process is killed
 * outright (`stopWithLauncher`). A debugger's flags are not passed on: a second inspector would take the same port.
 */
export const relaunchWith = (flags: readonly string[]): Promise<Ended> =>
  new Promise((resolve, reject) => {
    const inherited = process.execArgv.filter((flag) => !/^--inspect/.test(flag));
    const child = spawn(process.execPath, [...inherited, ...flags, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [RELAUNCHED]: '1' },
    });
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    for (const signal of signals) process.on(signal, forward);
    const done = () => signals.forEach((signal) => process.off(signal, forward));
    child.once('error', (error) => (done(), reject(error)));
    child.once('exit', (code, signal) => (done(), resolve(signal ? { signal } : { code: code ?? 1 })));
  });

/**
 * Ends this process as the relaunched child ended: with its code, or killed by the same signal, so that a shell
 * running the command in a loop stops at Ctrl-C as it would have without the relaunch.
 */
export const endAs = (ended: Ended): void => {
  if (ended.signal) process.kill(process.pid, ended.signal);
  else process.exitCode = ended.code;
};

/**
 * In a relaunched child: exits when its launcher is gone, even killed with SIGKILL (their IPC channel then closes), so
 * a rebuild killed by its pid is stopped, not left running unseen — also when that happened while this child was
 * still starting. The channel does not keep the child alive.
 */
export const stopWithLauncher = (): void => {
  if (process.env[RELAUNCHED] !== '1') return;
  delete process.env[RELAUNCHED];
  if (!process.channel || !process.connected) process.exit(1);
  process.channel.unref();
  process.once('disconnect', () => process.exit(1));
};
