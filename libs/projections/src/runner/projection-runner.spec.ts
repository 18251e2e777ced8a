import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventIdFor, eventStoreView, InMemoryEventStore, type NewEvent, type Subscription } from '#event-store';
import { defineProjection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';
import { ProjectionRunner } from './projection-runner.js';

const event = (n: number, type = 'Counted', note?: string): NewEvent => ({
  eventId: eventIdFor('runner-spec', n),
  type,
  schemaVersion: 1,
  data: { n, note },
  metadata: { actor: { userId: 'test' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: `c${n}` },
});

/** Inserting each event id under a primary key: applying one twice would throw. */
const seen = (version = 1, poison?: number) =>
  defineProjection({
    name: 'seen',
    version,
    tables: [`seen_v${version}`],
    handles: ['Counted'],
    init: (db) => db.exec(`CREATE TABLE IF NOT EXISTS seen_v${version} (event_id TEXT PRIMARY KEY, n INTEGER, note TEXT)`),
    apply: (db, e) => {
      const { n, note } = e.data as { n: number; note?: string };
      if (n === poison) throw new Error(`cannot project ${n}`);
      db.prepare(`INSERT INTO seen_v${version} (event_id, n, note) VALUES (?, ?, ?)`).run(e.eventId, n, note ?? null);
    },
  });

const appendEvents = async (store: InMemoryEventStore, from: number, to: number) => {
  for (let n = from; n <= to; n++) await store.append(`stream-${n % 3}`, [event(n, n % 5 === 0 ? 'Ignored' : 'Counted')], { expectedRevision: 'any' });
};
const applied = (db: Database.Database, version = 1) => (db.prepare(`SELECT n FROM seen_v${version} ORDER BY n`).all() as { n: number }[]).map((r) => r.n);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Polls `condition` every 5 ms, for `timeoutMs` at most. */
const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms: ${condition.toString()}`);
    await sleep(5);
  }
};
/** A SQLite error of the read models' file, as better-sqlite3 throws it. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ProjectionRunner', () => {
  const runners: ProjectionRunner[] = [];
  afterEach(async () => Promise.all(runners.splice(0).map((r) => r.stop())));
  const run = (store: InMemoryEventStore, db: Database.Database, projection = seen(), batchSize = 4) => {
    const runner = new ProjectionRunner(store, db, [projection], { batchSize });
    runners.push(runner);
    runner.start();
    return runner;
  };

  it('catches up in batches, then follows live appends, checkpointing as it goes', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 10);
    const runner = run(store, db);
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    expect(applied(db)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    await appendEvents(store, 11, 12);
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    expect(applied(db)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11, 12]);
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'seen', state: 'live', position: '12', lagEvents: 0, lagSeconds: 0 });
    expect(runner.appliedPosition('seen')).toBe('12');
    expect(runner.appliedPosition('unknown')).toBeUndefined();
  });

  it('resumes from its checkpoint after a restart: each event takes effect exactly once', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 7);
    const first = run(store, db);
    await first.waitUntilCaughtUp();
    await first.stop();
    await appendEvents(store, 8, 9);
    const second = run(store, db);
    expect(await second.waitUntilCaughtUp()).toBe(true); // a re-applied event would break the primary key
    expect(applied(db)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it('stops on a poison event, says which, keeps what precedes it and never skips it', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 9);
    const runner = run(store, db, seen(1, 7));
    await runner.waitUntilCaughtUp(undefined, 500);
    const [status] = await runner.status();
    expect(status!.state).toBe('stopped');
    expect(status!.failure).toMatchObject({ position: '7', streamId: 'stream-1', message: 'cannot project 7' });
    expect(status!.position).toBe('6');
    expect(status!.lagEvents).toBe(3);
    expect(applied(db)).toEqual([1, 2, 3, 4, 6]);
    // Stopped, it applies nothing more: no position to wait on (the live feed then starts at the log's head).
    expect(runner.appliedPosition('seen')).toBeUndefined();
  });

  it('a new version replays the log from position zero into its own tables', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 4);
    const v1 = run(store, db, seen(1));
    await v1.waitUntilCaughtUp();
    await v1.stop();
    const v2 = run(store, db, seen(2));
    expect(await v2.waitUntilCaughtUp()).toBe(true);
    expect(applied(db, 2)).toEqual([1, 2, 3, 4]);
  });

  it('feeds every read model from one subscription, each from its own checkpoint, a poison event stopping only its own', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 6);
    const older = run(store, db, seen(1));
    await older.waitUntilCaughtUp();
    await older.stop();
    await appendEvents(store, 7, 9);
    const counted = defineProjection({ ...seen(3, 8), name: 'counted' });
    const subscriptions: unknown[] = [];
    const subscribeToAll = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => (subscriptions.push(options.after), subscribeToAll(options));
    const runner = new ProjectionRunner(store, db, [seen(1), counted], { batchSize: 4 });
    runners.push(runner);
    runner.start();
    await runner.waitUntilCaughtUp(undefined, 1000);
    // From the oldest checkpoint: the new read model's (none), `seen` skipping the six events it had applied.
    expect(subscriptions).toEqual([undefined]);
    expect(applied(db, 1)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(applied(db, 3)).toEqual([1, 2, 3, 4, 6, 7]);
    const statuses = await runner.status();
    expect(statuses.map((status) => [status.name, status.state, status.position, status.failure?.position])).toEqual([
      ['seen', 'live', '9', undefined],
      ['counted', 'stopped', '7', '8'],
    ]);
    await appendEvents(store, 10, 11);
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    expect(applied(db, 1)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11]);
    expect(applied(db, 3)).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('waits for a write lock another connection holds (a rebuild copying, an append) instead of stopping on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-runner-'));
    try {
      const path = join(dir, 'read-models.sqlite');
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 50'); // shorter than the lock below: the runner must retry, not only wait
      const store = new InMemoryEventStore();
      await appendEvents(store, 1, 2);
      const runner = run(store, db);
      expect(await runner.waitUntilCaughtUp()).toBe(true);
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      await appendEvents(store, 3, 4);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await runner.status())[0]).toMatchObject({ state: 'live', position: '2' });
      other.exec('COMMIT');
      other.close();
      expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
      expect(applied(db)).toEqual([1, 2, 3, 4]);
      expect((await runner.status())[0]!.failure).toBeUndefined();
      await runner.stop();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('while the lock is held, events arriving wait for the scheduled retry: they do not each try the lock again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-runner-'));
    try {
      const path = join(dir, 'read-models.sqlite');
      const file = new Database(path);
      file.pragma('journal_mode = WAL');
      file.pragma('busy_timeout = 20');
      // Counts the runner's attempts at its batch transaction, each of which waits out the busy timeout on the event loop.
      let attempts = 0;
      const db = new Proxy(file, {
        get: (target, property) => {
          if (property === 'transaction') {
            return (fn: (...args: never[]) => unknown) => {
              const transaction = target.transaction(fn);
              return Object.assign((...args: never[]) => transaction(...args), {
                immediate: (...args: never[]) => {
                  attempts += 1;
                  return transaction.immediate(...args);
                },
              });
            };
          }
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const store = new InMemoryEventStore();
      await appendEvents(store, 1, 2);
      const runner = run(store, db);
      expect(await runner.waitUntilCaughtUp()).toBe(true);
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      const before = attempts;
      await appendEvents(store, 3, 60);
      const during = attempts - before;
      other.exec('COMMIT');
      other.close();
      expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
      expect(applied(db)).toEqual(range(1, 60).filter((n) => n % 5 !== 0));
      // 58 events in batches of 4: one refused attempt, then they wait for its retry (each used to try again on arrival).
      expect(during).toBeLessThan(5);
      await runner.stop();
      file.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows a rebuild whose checkpoint falls inside a batch it was delivered, applying the rest of that batch', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 2);
    const runner = run(store, db, seen(), 10);
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    // A rebuild swapped in tables holding event 3 and left the checkpoint there; events 3 and 4 then arrive together.
    db.prepare('INSERT INTO seen_v1 (event_id, n) VALUES (?, 3)').run(eventIdFor('runner-spec', 3));
    new Checkpoints(db).set('seen', { version: 1, position: '3' });
    await store.append('stream-0', [event(3), event(4)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect(applied(db)).toEqual([1, 2, 3, 4]);
  });

  it('a version deployed again after a rollback replays into its emptied tables (v2, v1, v2 again)', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 4);
    for (const version of [2, 1, 2]) {
      const runner = run(store, db, seen(version));
      expect(await runner.waitUntilCaughtUp()).toBe(true);
      expect((await runner.status())[0]!.failure).toBeUndefined(); // a re-applied event would break the primary key
      expect(applied(db, version)).toEqual([1, 2, 3, 4]);
      await runner.stop();
    }
  });

  it('keeps running when the read models file refuses a batch (disk full): nothing of it kept, retried after a backoff', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 4);
    const retried: string[] = [];
    const runner = new ProjectionRunner(store, db, [seen(1), { ...seen(3), name: 'counted' }], { batchSize: 4, onRetry: (error) => retried.push(String(error)) });
    runners.push(runner);
    runner.start();
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    // No page to spare: the next rows, too big for the pages' free space, fill the "disk" (SQLite then undoes the whole transaction).
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await store.append('stream-x', [5, 6].map((n) => event(n, 'Counted', 'x'.repeat(8000))), { expectedRevision: 'any' });
    await until(async () => (await runner.status())[0]!.retrying !== undefined);
    const statuses = await runner.status();
    expect(statuses.map(({ state, position, failure }) => ({ state, position, failure }))).toEqual([
      { state: 'reconnecting', position: '4', failure: undefined },
      { state: 'reconnecting', position: '4', failure: undefined },
    ]);
    expect(statuses[0]!.retrying).toMatchObject({ message: 'database or disk is full', position: '6' });
    expect(new Checkpoints(db).get('seen')?.position).toBe('4');
    expect(new Checkpoints(db).get('counted')?.position).toBe('4');
    expect([applied(db, 1), applied(db, 3)]).toEqual([range(1, 4), range(1, 4)]);
    expect(retried[0]).toContain('database or disk is full');
    db.pragma('max_page_count = 1000000'); // room again
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect([applied(db, 1), applied(db, 3)]).toEqual([range(1, 6), range(1, 6)]);
    expect((await runner.status()).map(({ state, retrying }) => ({ state, retrying }))).toEqual([
      { state: 'live', retrying: undefined },
      { state: 'live', retrying: undefined },
    ]);
  });

  it.each([
    ['a write the file refused (the transaction kept)', 'after', () => sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error')],
    ['the transaction undone under the next read models', 'before', (db: Database.Database) => (db.exec('ROLLBACK'), new Error('rolled back'))],
  ] as const)('never applies part of a batch, nor takes an event for poison, on %s', async (_case, order, failure) => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 4);
    let failing = false;
    const flaky = defineProjection({
      ...seen(3),
      name: 'flaky',
      apply: (db, e) => {
        if (failing) throw failure(db);
        seen(3).apply(db, e);
      },
    });
    const runner = new ProjectionRunner(store, db, order === 'after' ? [seen(1), flaky] : [flaky, seen(1)], { batchSize: 4 });
    runners.push(runner);
    runner.start();
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    failing = true;
    await appendEvents(store, 6, 7);
    await until(async () => (await runner.status())[0]!.retrying !== undefined);
    // `seen` wrote nothing alone: the batch is tried again whole.
    expect(applied(db, 1)).toEqual([1, 2, 3, 4]);
    expect((await runner.status()).map(({ position, failure }) => ({ position, failure }))).toEqual([
      { position: '4', failure: undefined },
      { position: '4', failure: undefined },
    ]);
    failing = false;
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect([applied(db, 1), applied(db, 3)]).toEqual([
      [1, 2, 3, 4, 6, 7],
      [1, 2, 3, 4, 6, 7],
    ]);
  });

  it('reads the log again after a backoff when a read fails, saying so meanwhile', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 4);
    const readAll = store.readAll.bind(store);
    let unreachable = false;
    store.readAll = async (options) => {
      if (unreachable) throw new Error('log unreachable');
      return readAll(options);
    };
    const retried: number[] = [];
    const runner = new ProjectionRunner(store, db, [seen()], { onRetry: (_error, retryInMs) => retried.push(retryInMs) });
    runners.push(runner);
    runner.start();
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    unreachable = true;
    await appendEvents(store, 6, 6);
    await until(async () => (await runner.status())[0]!.state === 'reconnecting');
    // The lag cannot be counted either: unknown, not an error.
    expect((await runner.status())[0]).toMatchObject({ position: '4', lagEvents: null, retrying: { message: 'log unreachable', position: '4' } });
    expect(retried).toEqual([500]);
    unreachable = false;
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect(applied(db)).toEqual([1, 2, 3, 4, 6]);
    expect((await runner.status())[0]).toMatchObject({ state: 'live', lagEvents: 0 });
  });

  it('applies what a subscription delivered before an error without an event, so that an error met again and again does not hold it back', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 5);
    // Every subscription fails after the third event with an error naming none (a row the adapter cannot map, say).
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) =>
      subscribe({
        ...options,
        onEvent: (event) => {
          options.onEvent(event);
          if (event.position === '3') options.onError?.(new Error('a row that cannot be mapped'));
        },
      });
    const runner = new ProjectionRunner(store, db, [seen()], { batchSize: 100 });
    runners.push(runner);
    runner.start();
    await until(async () => applied(db).length === 3);
    expect((await runner.status())[0]).toMatchObject({ position: '3', retrying: { message: 'a row that cannot be mapped' } });
  });

  it('says since when the store\'s own subscription has been reconnecting', async () => {
    const store = new InMemoryEventStore();
    const subscribeToAll = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => {
      const subscription = subscribeToAll(options);
      return { state: 'reconnecting', position: undefined, close: () => subscription.close() };
    };
    const runner = run(store, new Database(':memory:'));
    const [first] = await runner.status();
    expect(first).toMatchObject({ state: 'reconnecting', retrying: { since: expect.any(String), position: null } });
    await sleep(10);
    expect((await runner.status())[0]!.retrying!.since).toBe(first!.retrying!.since);
  });

  it('reports the lag of a read model stopped on an event that cannot be read, counting it on the stored log once a second at most', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 9);
    // The API's decrypting view: event 7 cannot be decrypted.
    const view = eventStoreView(store, {
      read: (e) => {
        if ((e.data as { n?: number }).n === 7) throw new Error('cannot decrypt 7');
        return e;
      },
    });
    const runner = new ProjectionRunner(view, db, [seen()], { batchSize: 4 });
    runners.push(runner);
    runner.start();
    await runner.waitUntilCaughtUp();
    const readAll = store.readAll.bind(store);
    let reads = 0;
    store.readAll = (options) => (reads++, readAll(options));
    const [status] = await runner.status();
    expect(status).toMatchObject({ position: '6', lagEvents: 3, failure: { position: '7', message: 'cannot decrypt 7' } });
    expect((await runner.status())[0]!.lagEvents).toBe(3);
    expect(reads).toBe(1);
  });

  it('opens no subscription after stop(), even when stopped while replacing one', async () => {
    const store = new InMemoryEventStore();
    const db = new Database(':memory:');
    await appendEvents(store, 1, 2);
    let subscriptions = 0;
    let closing: () => void = () => undefined;
    const closeStarted = new Promise<void>((resolve) => (closing = resolve));
    const subscribeToAll = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options): Subscription => {
      subscriptions++;
      const subscription = subscribeToAll(options);
      return {
        get state() {
          return subscription.state;
        },
        get position() {
          return subscription.position;
        },
        close: async () => {
          closing();
          await sleep(50);
          await subscription.close();
        },
      };
    };
    const runner = run(store, db, seen(), 10);
    expect(await runner.waitUntilCaughtUp()).toBe(true);
    // A rebuild moved the checkpoint inside the next batch: the runner replaces its subscription to read from there.
    db.prepare('INSERT INTO seen_v1 (event_id, n) VALUES (?, 3)').run(eventIdFor('runner-spec', 3));
    new Checkpoints(db).set('seen', { version: 1, position: '3' });
    await store.append('stream-0', [event(3), event(4)], { expectedRevision: 'any' });
    await closeStarted;
    await runner.stop();
    await sleep(100);
    expect(subscriptions).toBe(1);
  });

  it('empties a read model whose checkpoint this log cannot have written (unknown position, past its head), then replays it from zero', async () => {
    const store = new InMemoryEventStore();
    await appendEvents(store, 1, 4);
    for (const foreign of ['C:12/P:12', '999']) {
      const db = new Database(':memory:');
      seen().init(db);
      db.exec(`INSERT INTO seen_v1 (event_id, n) VALUES ('from another log', 42)`);
      new Checkpoints(db).set('seen', { version: 1, position: foreign });
      const runner = new ProjectionRunner(store, db, [seen()], { batchSize: 4 });
      runners.push(runner);
      expect(await runner.discardCheckpointsForeignToLog()).toEqual(['seen']);
      runner.start();
      expect(await runner.waitUntilCaughtUp()).toBe(true);
      expect(applied(db)).toEqual([1, 2, 3, 4]);
    }
    // A checkpoint this log wrote is kept.
    const db = new Database(':memory:');
    const first = run(store, db);
    expect(await first.waitUntilCaughtUp()).toBe(true);
    await first.stop();
    expect(await new ProjectionRunner(store, db, [seen()]).discardCheckpointsForeignToLog()).toEqual([]);
    expect(applied(db)).toEqual([1, 2, 3, 4]);
  });
});
