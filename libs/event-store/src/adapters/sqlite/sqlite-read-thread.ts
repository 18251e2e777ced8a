import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code: a read-only connection to the same file (WAL lets it read beside the writer) running one
 * prepared statement, whose rows (texts) it sends back. Inline rather than a file of its own, so it runs the same from
 * the compiled build and from the test runner's TypeScript sources.
 */
const THREAD_SOURCE = `
const { statSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
// Started after the store opened its file: a file put at that path since (a restore) is not the store's log.
const { dev, ino } = statSync(workerData.file);
if (dev !== workerData.dev || ino !== workerData.ino) throw new Error(workerData.file + ' is no longer the file the store opened');
db.pragma('busy_timeout = 5000');
const statement = db.prepare(workerData.sql).pluck();
parentPort.on('message', ({ id, parameters }) => {
  try {
    parentPort.postMessage({ id, rows: statement.all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
`;

type Reply = { readonly ready: true } | { readonly id: number; readonly rows: string[] } | { readonly id: number; readonly error: string };

/** What identifies a file whatever its path: the thread checks it opened the store's own file. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

type PendingRead = (rows: string[] | undefined) => void;

/**
 * One SELECT of a SQLite file run on a thread of its own, for long reads: better-sqlite3 steps through rows on the
 * calling thread, so a cold fold of a long stream read each page on the event loop, then folded it. Read here, the next
 * page is stepped through while the event loop folds the one before, and other requests are served meanwhile.
 *
 * Started on the first read, which it does not serve (the caller reads on its own thread meanwhile); `read` answers
 * undefined whenever the thread does not serve (not started yet, failed, closed, or the statement failed there), and
 * the caller then reads as before, on its own connection: the thread only ever moves work, never changes an answer or
 * an error. A thread that fails is not restarted, and says so once (a process warning, CARNET_SQLITE_READ_THREAD).
 */
export class SqliteReadThread {
  private worker: Worker | undefined;
  private ready = false;
  private closed = false;
  private nextId = 0;
  private readonly pending = new Map<number, PendingRead>();

  private readonly started: Promise<boolean>;
  private settleStart!: (ready: boolean) => void;

  constructor(
    private readonly file: string,
    private readonly identity: FileIdentity,
    private readonly sql: string,
  ) {
    this.started = new Promise((resolve) => (this.settleStart = resolve));
  }

  /** Starts the thread if need be: true once it serves, false if it cannot (closed, or failed to open the file). */
  whenReady(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.start();
    return this.started;
  }

  /** The statement's rows for these parameters, or undefined when the thread cannot serve (read them yourself). */
  read(parameters: readonly unknown[]): Promise<string[] | undefined> {
    if (!this.ready) {
      this.start();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, resolve);
      // Held while a read is pending, so a process awaiting one does not exit under it; let go once idle.
      if (this.pending.size === 1) this.worker!.ref();
      this.worker!.postMessage({ id, parameters });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.stop();
    await worker?.terminate();
  }

  private start(): void {
    if (this.worker || this.closed) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { driver, file: this.file, ...this.identity, sql: this.sql } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    // A thread that cannot open the file, dies or sends what cannot be read is not used again.
    worker.on('error', (error) => this.stop(error));
    worker.on('messageerror', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`exited with code ${code}`)));
    this.worker = worker;
  }

  private settle(reply: Reply): void {
    if ('ready' in reply) {
      this.ready = !this.closed;
      this.settleStart(this.ready);
      return;
    }
    const read = this.pending.get(reply.id);
    if (!read) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    // A statement that failed there (the thread's own lock wait, its view of the file) is run again by the caller, whose
    // connection gives the answer, or the error, it always gave.
    read('error' in reply ? undefined : reply.rows);
  }

  /** No more reads on the thread, for good; those under way are answered undefined, to be read on the caller's thread. */
  private stop(failure?: unknown): void {
    if (failure !== undefined && !this.closed) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      process.emitWarning(`SQLite reader thread stopped (${reason}): long reads of ${this.file} run on the event loop`, { code: 'CARNET_SQLITE_READ_THREAD' });
    }
    this.closed = true;
    this.ready = false;
    this.worker = undefined;
    this.settleStart(false);
    for (const read of this.pending.values()) read(undefined);
    this.pending.clear();
  }
}
