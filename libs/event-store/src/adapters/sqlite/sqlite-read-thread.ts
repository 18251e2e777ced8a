import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code: a read-only connection to the same file (WAL lets it read beside the writer) running one
 * prepared statement, whose rows (texts) it sends back. Inline rather than a file of its own, so it runs the same from
 * the compiled build and from the test runner's TypeScript sources.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
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

interface PendingRead {
  readonly resolve: (rows: string[] | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One SELECT of a SQLite file run on a thread of its own, for long reads: better-sqlite3 steps through rows on the
 * calling thread, so a cold fold of a long stream read each page on the event loop, then folded it. Read here, the next
 * page is stepped through while the event loop folds the one before, and other requests are served meanwhile.
 *
 * Started on the first read, which it does not serve (the caller reads on its own thread meanwhile); `read` answers
 * undefined whenever the thread cannot serve (not started yet, failed, closed), and the caller then reads as before:
 * the thread only ever moves work, never changes an answer. An error of the statement itself is the caller's error.
 */
export class SqliteReadThread {
  private worker: Worker | undefined;
  private ready = false;
  private closed = false;
  private nextId = 0;
  private readonly pending = new Map<number, PendingRead>();

  constructor(
    private readonly file: string,
    private readonly sql: string,
  ) {}

  /** The statement's rows for these parameters, or undefined when the thread cannot serve (read them yourself). */
  read(parameters: readonly unknown[]): Promise<string[] | undefined> {
    if (!this.ready) {
      this.start();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      // Held while a read is pending, so a process awaiting one does not exit under it; let go once idle.
      if (this.pending.size === 1) this.worker!.ref();
      this.worker!.postMessage({ id, parameters });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.stop();
    await worker?.terminate();
  }

  private start(): void {
    if (this.worker || this.closed) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { driver, file: this.file, sql: this.sql } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    // A thread that cannot open the file or dies is not used again: its reads are done on the caller's thread.
    worker.on('error', () => this.stop());
    worker.on('exit', () => this.stop());
    this.worker = worker;
  }

  private settle(reply: Reply): void {
    if ('ready' in reply) {
      this.ready = !this.closed;
      return;
    }
    const read = this.pending.get(reply.id);
    if (!read) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) read.reject(new Error(reply.error));
    else read.resolve(reply.rows);
  }

  /** No more reads on the thread; those under way are answered undefined, to be read on the caller's thread. */
  private stop(): void {
    this.ready = false;
    this.worker = undefined;
    // Kept closed after a failure too: a thread that failed once is not restarted at every read.
    this.closed = true;
    for (const read of this.pending.values()) read.resolve(undefined);
    this.pending.clear();
  }
}
