import Database from 'better-sqlite3';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { eventIdFor, SqliteEventStore, type NewEvent } from '#event-store';
import { defineProjection } from '../projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { Checkpoints } from './checkpoints.js';
import { generationOwner, openReadModels, publishGeneration, ReadModelsConnection } from './read-models-file.js';
import { rebuildProjection, rebuildProjections, replayGroups, replayIntoShadow, type RebuildProgress, type ReplayElsewhere } from './rebuild.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number): NewEvent => ({
  eventId: eventIdFor('rebuild-spec', n),
  type: 'Counted',
  schemaVersion: 1,
  data: { n },
  metadata: { actor: { userId: 't' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: `c${n}` },
});

/** Each event under a primary key: applying one twice breaks the projection. */
const seen = defineProjection({
  name: 'seen',
  version: 1,
  tables: ['seen'],
  handles: ['Counted'],
  init: (db) => db.exec('CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY, n INTEGER NOT NULL)'),
  apply: (db, e) => void db.prepare('INSERT INTO seen (event_id, n) VALUES (?, ?)').run(e.eventId, (e.data as { n: number }).n),
});

/** An API's runner of `seen` on the read models at that path, caught up, and the numbers it pushes from then on. */
const startApi = async (store: SqliteEventStore, readModelsPath: string) => {
  const api = new ReadModelsConnection(openReadModels(readModelsPath), () => openReadModels(readModelsPath));
  const runner = new ProjectionRunner(store, api, [seen], { batchSize: 8 });
  runner.start();
  await runner.waitUntilCaughtUp();
  const pushed: number[] = [];
  runner.onApplied((_name, events) => pushed.push(...events.map((e) => (e.data as { n: number }).n)));
  return { api, runner, pushed };
};

describe('rebuildProjection', () => {
  it('replays into a new generation with progress, publishes it, and the running API moves to it without duplicates or loss', async () => {
    const path = join(dir, 'carnet.sqlite');
    const readModelsPath = join(dir, 'read-models.sqlite');
    const store = SqliteEventStore.open(path, { pollIntervalMs: 20 });
    for (let n = 1; n <= 30; n++) await store.append(`stream-${n % 4}`, [event(n)], { expectedRevision: 'any' });

    // The API: its own connection, its runner live on the generation served (the file itself, before any rebuild).
    const { api, runner, pushed } = await startApi(store, readModelsPath);
    const before = api.db;

    // The CLI rebuilds while the API keeps serving.
    const progress: RebuildProgress[] = [];
    const result = await rebuildProjection(store, readModelsPath, seen, { shadowPath: join(dir, 'shadow.sqlite'), serves: [seen], batchSize: 7, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ projection: 'seen', events: 30, position: '30' });
    expect(progress.at(-1)).toMatchObject({ applied: 30, total: 30 });
    expect(progress.length).toBeGreaterThan(3);
    expect(existsSync(join(dir, 'shadow.sqlite'))).toBe(false);
    // Published: the path is a link to the new generation; the file it replaced and its WAL are gone.
    expect(lstatSync(readModelsPath).isSymbolicLink()).toBe(true);
    expect(readlinkSync(readModelsPath)).toBe('read-models.sqlite.g1');
    expect(readdirSync(dir).filter((name) => name.startsWith('read-models')).sort()).toEqual(['read-models.sqlite', 'read-models.sqlite.g1']);

    for (let n = 31; n <= 35; n++) await store.append('stream-x', [event(n)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect(api.db).not.toBe(before);
    expect(before.open).toBe(false);
    const [status] = await runner.status();
    expect(status).toMatchObject({ state: 'live', position: '35' });
    const rows = (api.db.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n);
    expect(rows).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(pushed).toEqual([31, 32, 33, 34, 35]);

    // A second rebuild publishes the next generation and removes this one.
    await rebuildProjection(store, readModelsPath, seen, { shadowPath: join(dir, 'shadow.sqlite'), serves: [seen] });
    expect(readlinkSync(readModelsPath)).toBe('read-models.sqlite.g2');
    await store.append('stream-x', [event(36)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect((api.db.prepare('SELECT COUNT(*) AS n FROM seen').get() as { n: number }).n).toBe(36);
    expect(readdirSync(dir).filter((name) => name.startsWith('read-models') && !/-(wal|shm)$/.test(name)).sort()).toEqual(['read-models.sqlite', 'read-models.sqlite.g2']);
    expect(pushed).toEqual([31, 32, 33, 34, 35, 36]);

    await runner.stop();
    api.close();
    await store.close();
  });

  it('moves to a generation published behind it: applies again what it had applied past its checkpoints, never pushing it twice', async () => {
    const store = SqliteEventStore.open(join(dir, 'behind.sqlite'), { pollIntervalMs: 20 });
    const readModelsPath = join(dir, 'behind-read-models.sqlite');
    for (let n = 1; n <= 3; n++) await store.append('stream-b', [event(n)], { expectedRevision: 'any' });
    const { api, runner, pushed } = await startApi(store, readModelsPath);
    for (let n = 4; n <= 5; n++) await store.append('stream-b', [event(n)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect(pushed).toEqual([4, 5]);

    // A generation at position 3, as a rebuild whose tail ended there publishes it.
    const generation = `${readModelsPath}.g1`;
    const next = new Database(generation);
    seen.init(next);
    for (const recorded of store.readAllSync({ maxCount: 3 })) seen.apply(next, recorded);
    new Checkpoints(next).set('seen', { version: 1, position: '3' });
    next.close();
    publishGeneration(readModelsPath, generation);

    await store.append('stream-b', [event(6)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect((api.db.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pushed).toEqual([4, 5, 6]);
    expect((await runner.status())[0]).toMatchObject({ state: 'live', position: '6' });
    await runner.stop();
    api.close();
    await store.close();
  });

  it('moves to a generation ahead of it: pushes the events its tail applied, without applying them again', async () => {
    const path = join(dir, 'ahead.sqlite');
    // The API's store hears of appends made through it at once, of other processes' only when it polls: an hour here.
    const store = SqliteEventStore.open(path, { pollIntervalMs: 3_600_000 });
    const elsewhere = SqliteEventStore.open(path);
    const readModelsPath = join(dir, 'ahead-read-models.sqlite');
    for (let n = 1; n <= 3; n++) await store.append('stream-c', [event(n)], { expectedRevision: 'any' });
    const { api, runner, pushed } = await startApi(store, readModelsPath);
    for (let n = 4; n <= 5; n++) await store.append('stream-c', [event(n)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    // Recorded by another process, which a rebuild's tail applies before this runner polls.
    for (let n = 6; n <= 7; n++) await elsewhere.append('stream-c', [event(n)], { expectedRevision: 'any' });
    await rebuildProjection(store, readModelsPath, seen, { shadowPath: join(dir, 'ahead-shadow.sqlite'), serves: [seen] });

    await store.append('stream-c', [event(8)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect((api.db.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pushed).toEqual([4, 5, 6, 7, 8]);
    expect((await runner.status())[0]).toMatchObject({ state: 'live', position: '8' });
    await runner.stop();
    api.close();
    await elsewhere.close();
    await store.close();
  });

  it('goes on with its generation while the published one cannot be started (locked), says why, and moves once it can', async () => {
    const store = SqliteEventStore.open(join(dir, 'locked.sqlite'), { pollIntervalMs: 20 });
    const readModelsPath = join(dir, 'locked-read-models.sqlite');
    for (let n = 1; n <= 3; n++) await store.append('stream-d', [event(n)], { expectedRevision: 'any' });
    const api = new ReadModelsConnection(openReadModels(readModelsPath), () => {
      const db = openReadModels(readModelsPath);
      db.pragma('busy_timeout = 20');
      return db;
    });
    const runner = new ProjectionRunner(store, api, [seen], { batchSize: 8 });
    runner.start();
    await runner.waitUntilCaughtUp();
    const pushed: number[] = [];
    runner.onApplied((_name, events) => pushed.push(...events.map((e) => (e.data as { n: number }).n)));
    const before = api.db;
    await rebuildProjection(store, readModelsPath, seen, { shadowPath: join(dir, 'locked-shadow.sqlite'), serves: [seen] });
    // Another writer holds the new generation's write lock.
    const writer = new Database(readModelsPath);
    writer.exec('BEGIN IMMEDIATE');
    await store.append('stream-d', [event(4)], { expectedRevision: 'any' });
    let status = (await runner.status())[0]!;
    for (let tries = 0; !status.retrying && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await runner.status())[0]!;
    }
    expect(status).toMatchObject({ state: 'reconnecting', retrying: { message: 'database is locked' } });
    // Meanwhile the events are applied to the generation it still has, and pushed.
    expect(await runner.waitUntilCaughtUp(undefined, 3000)).toBe(true);
    expect(api.db).toBe(before);
    expect((before.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(pushed).toEqual([4]);
    writer.exec('ROLLBACK');
    writer.close();
    // Idle: it moves by itself once its backoff has passed, and applies event 4 again there without pushing it again.
    for (let tries = 0; api.db === before && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.db).not.toBe(before);
    await store.append('stream-d', [event(5)], { expectedRevision: 'any' });
    expect(await runner.waitUntilCaughtUp(undefined, 5000)).toBe(true);
    expect((api.db.prepare('SELECT n FROM seen ORDER BY n').all() as { n: number }[]).map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
    expect(pushed).toEqual([4, 5]);
    expect((await runner.status())[0]).toMatchObject({ state: 'live', position: '5' });
    expect((await runner.status())[0]!.retrying).toBeUndefined();
    await runner.stop();
    api.close();
    await store.close();
  });

  it('publishes in a data directory reached through a link without taking the generation served for another one', async () => {
    const real = join(dir, 'real-data');
    const linked = join(dir, 'linked-data');
    mkdirSync(real);
    symlinkSync(real, linked);
    const store = SqliteEventStore.open(join(linked, 'carnet.sqlite'));
    for (let n = 1; n <= 4; n++) await store.append('stream-e', [event(n)], { expectedRevision: 'any' });
    const readModelsPath = join(linked, 'read-models.sqlite');
    for (const generation of ['g1', 'g2']) {
      await rebuildProjection(store, readModelsPath, seen, { shadowPath: `${readModelsPath}.rebuild`, serves: [seen] });
      expect(readlinkSync(readModelsPath)).toBe(`read-models.sqlite.${generation}`);
      expect(readdirSync(real).filter((name) => name.startsWith('read-models')).sort()).toEqual(['read-models.sqlite', `read-models.sqlite.${generation}`]);
      const served = new Database(readModelsPath, { readonly: true });
      expect((served.prepare('SELECT COUNT(*) AS n FROM seen').get() as { n: number }).n).toBe(4);
      served.close();
    }
    await store.close();
  });

  it('rebuilds several read models in one pass over the log, swaps them together, and indexes them as a live one is', async () => {
    const path = join(dir, 'together.sqlite');
    const store = SqliteEventStore.open(path);
    for (let n = 1; n <= 25; n++) await store.append(`stream-${n % 3}`, [event(n)], { expectedRevision: 'any' });
    const totals = defineProjection({
      name: 'totals',
      version: 2,
      tables: ['totals'],
      handles: ['Counted'],
      init: (db) => db.exec('CREATE TABLE IF NOT EXISTS totals (stream_id TEXT PRIMARY KEY, total INTEGER NOT NULL); CREATE INDEX IF NOT EXISTS totals_by_total ON totals (total)'),
      apply: (db, e) =>
        void db.prepare('INSERT INTO totals (stream_id, total) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET total = total + excluded.total').run(e.streamId, (e.data as { n: number }).n),
      queryIndexes: ['CREATE INDEX IF NOT EXISTS totals_by_stream_and_total ON totals (stream_id, total)'],
    });
    const pages: number[] = [];
    const counted = { readAllSync: (options?: Parameters<typeof store.readAllSync>[0]) => { const page = store.readAllSync(options); pages.push(page.length); return page; }, headPosition: () => store.headPosition(), comparePositions: store.comparePositions.bind(store) };
    const readModelsPath = join(dir, 'together-read-models.sqlite');
    // A killed rebuild left a generation it never published.
    writeFileSync(`${readModelsPath}.g7`, 'left over');
    // And a killed rebuild of more groups left its third shadow, and its lock (its pid, gone: 2^31 - 2 is no process here).
    writeFileSync(join(dir, 'together-shadow.sqlite.2'), 'left over');
    writeFileSync(join(dir, 'together-shadow.sqlite.2-journal'), 'left over');
    writeFileSync(join(dir, 'together-shadow.sqlite.lock'), String(2 ** 31 - 2));
    const options = { shadowPath: join(dir, 'together-shadow.sqlite'), serves: [seen, totals], batchSize: 10 };
    const results = await rebuildProjections(counted, readModelsPath, [seen, totals], options);
    expect(readdirSync(dir).filter((name) => name.startsWith('together-'))).toEqual(['together-read-models.sqlite', 'together-read-models.sqlite.g1']);

    expect(results).toEqual([
      expect.objectContaining({ projection: 'seen', events: 25, position: '25' }),
      expect.objectContaining({ projection: 'totals', events: 25, position: '25' }),
    ]);
    expect(pages).toEqual([10, 10, 5, 0]); // one pass for both read models, up to the head it started at; the last read is the tail's
    const db = new Database(readModelsPath);
    expect((db.prepare('SELECT COUNT(*) AS n FROM seen').get() as { n: number }).n).toBe(25);
    const sumsUpTo = (last: number) => [0, 1, 2].map((r) => ({ stream_id: `stream-${r}`, total: Array.from({ length: last }, (_, i) => i + 1).filter((n) => n % 3 === r).reduce((a, b) => a + b, 0) }));
    expect(db.prepare('SELECT stream_id, total FROM totals ORDER BY stream_id').all()).toEqual(sumsUpTo(25));
    expect([new Checkpoints(db).get('seen'), new Checkpoints(db).get('totals')]).toEqual([{ version: 1, position: '25' }, { version: 2, position: '25' }]);
    // The index `init` makes and the query index are both there.
    const indexesOf = (file: Database.Database) =>
      (file.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'totals' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((i) => i.name);
    expect(indexesOf(db)).toEqual(['totals_by_stream_and_total', 'totals_by_total']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    // One read model rebuilt alone: the other is carried over as it stands, indexes included, and brought to the head
    // from its own checkpoint with the tail; a read model the served file lacks (new in this version) from zero.
    for (let n = 26; n <= 27; n++) await store.append(`stream-${n % 3}`, [event(n)], { expectedRevision: 'any' });
    const added = defineProjection({ ...seen, name: 'added', tables: ['added'], init: (db) => db.exec('CREATE TABLE IF NOT EXISTS added (event_id TEXT PRIMARY KEY)'), apply: (db, e) => void db.prepare('INSERT INTO added VALUES (?)').run(e.eventId) });
    pages.length = 0;
    expect(await rebuildProjections(counted, readModelsPath, [seen], { ...options, serves: [added, seen, totals] })).toEqual([
      expect.objectContaining({ projection: 'seen', events: 27, position: '27' }),
      // It has nothing to carry over: replayed with the one asked for, not from zero by the tail.
      expect.objectContaining({ projection: 'added', events: 27, position: '27' }),
    ]);
    expect(pages).toEqual([10, 10, 7, 2, 0]); // the replay, then the tail from the carried-over one's checkpoint (25)
    const next = new Database(readModelsPath, { readonly: true });
    expect((next.prepare('SELECT COUNT(*) AS n FROM seen').get() as { n: number }).n).toBe(27);
    expect((next.prepare('SELECT COUNT(*) AS n FROM added').get() as { n: number }).n).toBe(27);
    expect(next.prepare('SELECT stream_id, total FROM totals ORDER BY stream_id').all()).toEqual(sumsUpTo(27));
    const saved = new Checkpoints(next);
    expect(['seen', 'totals', 'added'].map((name) => saved.get(name))).toEqual([{ version: 1, position: '27' }, { version: 2, position: '27' }, { version: 1, position: '27' }]);
    expect(indexesOf(next)).toEqual(['totals_by_stream_and_total', 'totals_by_total']);
    next.close();
    await expect(rebuildProjections(counted, readModelsPath, [seen, { ...totals, tables: ['seen'] }], { shadowPath: join(dir, 'clash.sqlite'), serves: [] })).rejects.toThrow(/distinct tables/);

    // One rebuild at a time: a second, while the first replays, is refused and touches nothing of the first.
    const first = rebuildProjections(counted, readModelsPath, [seen, totals], options);
    await expect(rebuildProjections(counted, readModelsPath, [seen], options)).rejects.toThrow(
      new RegExp(`another rebuild \\(pid ${process.pid}\\) is under way on these read models; if none is, delete .*together-shadow\\.sqlite\\.lock`),
    );
    expect(await first).toHaveLength(2);
    expect(existsSync(join(dir, 'together-shadow.sqlite.lock'))).toBe(false);
    db.close();
    await store.close();
  });

  it('spreads read models over threads by replay weight, each into its own shadow up to the same head, and publishes them together', async () => {
    const path = join(dir, 'threads.sqlite');
    const store = SqliteEventStore.open(path);
    for (let n = 1; n <= 40; n++) await store.append(`stream-${n % 5}`, [event(n)], { expectedRevision: 'any' });
    const counting = (name: string, replayWeight: number) =>
      defineProjection({
        name,
        version: 1,
        tables: [name],
        handles: ['Counted'],
        replayWeight,
        init: (db) => db.exec(`CREATE TABLE IF NOT EXISTS ${name} (n INTEGER PRIMARY KEY)`),
        apply: (db, e) => void db.prepare(`INSERT INTO ${name} (n) VALUES (?)`).run((e.data as { n: number }).n),
      });
    const heavy = counting('heavy', 8);
    const light = [counting('light_a', 1), counting('light_b', 1)];
    expect(replayGroups([...light, heavy], 2).map((g) => g.map((p) => p.name))).toEqual([['heavy'], ['light_a', 'light_b']]);
    expect(replayGroups([heavy, ...light], 9)).toHaveLength(3);
    expect(replayGroups([heavy], 0)).toEqual([[heavy]]);

    // Another thread, here a promise: it replays its group while events keep arriving, which the tail applies.
    const jobs: { projections: readonly string[]; shadowPath: string; upTo: string | undefined }[] = [];
    const elsewhere: ReplayElsewhere = async (job, onApplied, signal) => {
      jobs.push(job);
      for (let n = 41; n <= 43; n++) await store.append('stream-late', [event(n)], { expectedRevision: 'any' });
      await replayIntoShadow(store, light.filter((p) => job.projections.includes(p.name)), job, onApplied, signal);
    };
    const readModelsPath = join(dir, 'threads-read-models.sqlite');
    const progress: RebuildProgress[] = [];
    const results = await rebuildProjections(store, readModelsPath, [...light, heavy], {
      shadowPath: join(dir, 'threads-shadow.sqlite'),
      serves: [...light, heavy],
      batchSize: 15,
      threads: 2,
      replayElsewhere: elsewhere,
      onProgress: (p) => progress.push(p),
    });
    expect(jobs).toEqual([{ projections: ['light_a', 'light_b'], shadowPath: join(dir, 'threads-shadow.sqlite.1'), upTo: '40', batchSize: 15 }]);
    expect(results.map((r) => [r.projection, r.events, r.position])).toEqual([['light_a', 43, '43'], ['light_b', 43, '43'], ['heavy', 43, '43']]);
    const db = new Database(readModelsPath, { readonly: true });
    for (const name of ['heavy', 'light_a', 'light_b']) {
      expect((db.prepare(`SELECT n FROM ${name} ORDER BY n`).all() as { n: number }[]).map((r) => r.n)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    }
    // Progress is the slower thread's: it never passes what both have applied.
    expect(progress.map((p) => p.applied)).toEqual([...progress.map((p) => p.applied)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ applied: 40, total: 40 });
    expect(existsSync(join(dir, 'threads-shadow.sqlite')) || existsSync(join(dir, 'threads-shadow.sqlite.1'))).toBe(false);

    // A thread that fails stops the others, leaves the generation served as it was and no shadow behind.
    const failing: ReplayElsewhere = async () => Promise.reject(new Error('thread lost'));
    await expect(
      rebuildProjections(store, readModelsPath, [...light, heavy], { shadowPath: join(dir, 'failed-shadow.sqlite'), serves: [...light, heavy], threads: 2, replayElsewhere: failing }),
    ).rejects.toThrow('thread lost');
    db.close();
    expect(readlinkSync(readModelsPath)).toBe('threads-read-models.sqlite.g1');
    const after = new Database(readModelsPath, { readonly: true });
    expect((after.prepare('SELECT COUNT(*) AS n FROM heavy').get() as { n: number }).n).toBe(43);
    after.close();
    expect(existsSync(join(dir, 'failed-shadow.sqlite')) || existsSync(join(dir, 'failed-shadow.sqlite.1'))).toBe(false);
    await store.close();
  });

  it('publishes read models the API can write: refused to another user than their owner, handed to that owner by root', async () => {
    const path = join(dir, 'owned.sqlite');
    const readModelsPath = join(dir, 'owned-read-models.sqlite');
    const store = SqliteEventStore.open(path);
    await store.append('stream-owned', [event(1)], { expectedRevision: 'any' });
    const options = { shadowPath: join(dir, 'owned-shadow.sqlite'), serves: [seen] };
    expect(generationOwner(readModelsPath, 4242)).toBeUndefined(); // nothing served yet: any user makes the first
    await rebuildProjection(store, readModelsPath, seen, options);
    const owner = statSync(readModelsPath).uid;
    expect(generationOwner(readModelsPath, owner)).toBeUndefined();
    if (owner === 0) expect(generationOwner(readModelsPath, 4242)).toBeUndefined(); // root's API writes whatever another user makes
    else expect(() => generationOwner(readModelsPath, owner + 4242)).toThrow(`belongs to uid ${owner}, who runs the API; this rebuild runs as uid ${owner + 4242}`);
    if (process.getuid?.() === 0) {
      // As root (sudo npx carnet projections rebuild) beside an API run as another user.
      chownSync(join(dir, readlinkSync(readModelsPath)), 4242, 4343);
      expect(generationOwner(readModelsPath)).toEqual({ uid: 4242, gid: 4343 });
      expect(() => generationOwner(readModelsPath, 4343)).toThrow('belongs to uid 4242, who runs the API; this rebuild runs as uid 4343');
      await rebuildProjection(store, readModelsPath, seen, options);
      expect(readlinkSync(readModelsPath)).toBe('owned-read-models.sqlite.g2');
      expect([statSync(readModelsPath).uid, statSync(readModelsPath).gid]).toEqual([4242, 4343]);
    }
    await store.close();
  });

  it('names the read model and the event it could not apply, in the replay and in the tail, and publishes nothing', async () => {
    const path = join(dir, 'faulty.sqlite');
    const readModelsPath = join(dir, 'faulty-read-models.sqlite');
    const store = SqliteEventStore.open(path);
    for (let n = 1; n <= 5; n++) await store.append('stream-faulty', [event(n)], { expectedRevision: 'any' });
    const refusing = (from: number) =>
      defineProjection({
        ...seen,
        name: 'refusing',
        tables: ['refusing'],
        init: (db) => db.exec('CREATE TABLE IF NOT EXISTS refusing (n INTEGER)'),
        apply: (db, e) => {
          if ((e.data as { n: number }).n >= from) throw new Error('no such column: m');
          db.prepare('INSERT INTO refusing (n) VALUES (?)').run((e.data as { n: number }).n);
        },
      });
    const shadowPath = join(dir, 'faulty-shadow.sqlite');
    await expect(rebuildProjections(store, readModelsPath, [seen, refusing(3)], { shadowPath, serves: [seen, refusing(3)] })).rejects.toThrow(
      `refusing could not apply Counted at position 3 (event ${eventIdFor('rebuild-spec', 3)}): no such column: m`,
    );
    expect(existsSync(readModelsPath)).toBe(false);

    // Carried over as it stands (applied up to 5 by an API), it meets the events appended since only in the tail.
    await rebuildProjections(store, readModelsPath, [seen, refusing(6)], { shadowPath, serves: [seen, refusing(6)] });
    await store.append('stream-faulty', [event(6)], { expectedRevision: 'any' });
    await expect(rebuildProjections(store, readModelsPath, [seen], { shadowPath, serves: [seen, refusing(6)] })).rejects.toThrow(
      `refusing could not apply Counted at position 6 (event ${eventIdFor('rebuild-spec', 6)}): no such column: m`,
    );
    expect(readlinkSync(readModelsPath)).toBe('faulty-read-models.sqlite.g1');
    expect(readdirSync(dir).filter((name) => name.startsWith('faulty-shadow'))).toEqual([]);
    await store.close();
  });
});
