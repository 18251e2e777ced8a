import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { describeEventStoreContract } from '../../contract/event-store.contract.js';
import { ConcurrencyConflict } from '../../event-store.errors.js';
import { describeIndexBuild, SqliteEventStore, type IndexBuildNotice } from './sqlite.event-store.js';
import { SqliteReadThread } from './sqlite-read-thread.js';
import { CORRELATION_ID } from './sqlite.schema.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeEventStoreContract('sqlite', (options) => SqliteEventStore.open(join(dir, `store-${files++}.sqlite`), options), {
  consecutivePositions: true,
});

describe('SqliteEventStore on disk', () => {
  it('keeps the log across reopening, in WAL mode', async () => {
    const path = join(dir, 'durable.sqlite');
    const first = SqliteEventStore.open(path);
    expect(first.database.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.append('cooperation-x', [{ eventId: '00000000-0000-4000-8000-00000000aaaa', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    await first.close();
    const reopened = SqliteEventStore.open(path);
    expect(await reopened.readStream('cooperation-x')).toHaveLength(1);
    await reopened.close();
  });

  it('sees appends made by another connection to the same file (two processes, one store)', async () => {
    const path = join(dir, 'shared.sqlite');
    const writer = SqliteEventStore.open(path);
    const reader = SqliteEventStore.open(path, { pollIntervalMs: 20 });
    const seen: string[] = [];
    const subscription = reader.subscribeToAll({ onEvent: (e) => void seen.push(e.eventId) });
    await writer.append('cooperation-y', [{ eventId: '00000000-0000-4000-8000-00000000bbbb', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    const deadline = Date.now() + 3000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['00000000-0000-4000-8000-00000000bbbb']);
    await subscription.close();
    await reader.close();
    await writer.close();
  });

  it('commits appends of the same turn together, a refused one alone rolled back without leaving a gap in positions', async () => {
    const store = SqliteEventStore.open(join(dir, 'group-commit.sqlite'));
    const event = (n: number) => ({ eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'T', schemaVersion: 1, data: { n }, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: `c${n}` } });
    const outcomes = await Promise.allSettled([
      store.append('cooperation-a', [event(1)], { expectedRevision: 'noStream' }),
      store.append('cooperation-b', [event(2), event(3)], { expectedRevision: 'noStream' }),
      store.append('cooperation-a', [event(4)], { expectedRevision: 'noStream' }),
      store.append('cooperation-a', [event(5)], { expectedRevision: 0 }),
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.positions : outcome.reason.constructor))).toEqual([['1'], ['2', '3'], ConcurrencyConflict, ['4']]);
    expect((await store.readAll()).map((recorded) => [recorded.position, recorded.streamId, recorded.revision, recorded.data])).toEqual([
      ['1', 'cooperation-a', 0, { n: 1 }],
      ['2', 'cooperation-b', 0, { n: 2 }],
      ['3', 'cooperation-b', 1, { n: 3 }],
      ['4', 'cooperation-a', 1, { n: 5 }],
    ]);
    await store.close();
  });

  it('refuses every append of a batch, and stores none, when one of them fails in a way that rolls back the whole transaction', async () => {
    const store = SqliteEventStore.open(join(dir, 'disk-full.sqlite'));
    const event = (n: number, padding = '') => ({ eventId: `00000000-0000-4000-8000-00000000e${String(n).padStart(3, '0')}`, type: 'T', schemaVersion: 1, data: { n, padding }, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: `c${n}` } });
    await store.append('cooperation-before', [event(0)], { expectedRevision: 'noStream' });
    // A full disk (SQLITE_FULL): the small appends fit in the pages the file has, the large one needs more.
    store.database.pragma(`max_page_count = ${store.database.pragma('page_count', { simple: true })}`);
    const outcomes = await Promise.allSettled([
      store.append('cooperation-first', [event(1)], { expectedRevision: 'noStream' }),
      store.append('cooperation-large', [event(2, 'x'.repeat(20_000))], { expectedRevision: 'noStream' }),
      store.append('cooperation-after', [event(3)], { expectedRevision: 'noStream' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: string }).code)).toEqual(['SQLITE_FULL', 'SQLITE_FULL', 'SQLITE_FULL']);
    expect((await store.readAll()).map((recorded) => recorded.streamId)).toEqual(['cooperation-before']);
    // Once there is room again, the same appends go through.
    store.database.pragma('max_page_count = 1073741823');
    await expect(store.append('cooperation-after', [event(3)], { expectedRevision: 'noStream' })).resolves.toEqual({ nextExpectedRevision: 0, positions: ['2'] });
    await store.close();
  });

  it('opens a log written before the correlation index, damaged rows included, and serves readCorrelated from the index', async () => {
    const path = join(dir, 'before-correlation-index.sqlite');
    const first = SqliteEventStore.open(path);
    const metadata = (correlationId: string) => ({ actor: { userId: 'u' }, recordedAt: 'r', correlationId, causationId: 'c', commandId: 'c' });
    await first.append('cooperation-d', [0, 1, 2].map((n) => ({ eventId: `00000000-0000-4000-8000-00000000d00${n}`, type: 'T', schemaVersion: 1, data: {}, metadata: metadata(n === 1 ? 'other' : 'k') })), { expectedRevision: 'noStream' });
    first.database.exec('DROP INDEX events_by_correlation');
    // Metadata that is not JSON (damage `carnet audit verify` must still be able to read and report).
    first.database.prepare("UPDATE events SET metadata = '{broken' WHERE revision = 1").run();
    await first.close();
    const notices: IndexBuildNotice[] = [];
    const reopened = SqliteEventStore.open(path, { onIndexBuild: (notice) => notices.push(notice) });
    // Whoever waits for the build is told, before and after; a fresh file or an indexed one says nothing.
    expect(notices).toEqual([{ indexes: ['events_by_correlation'], events: 3 }, { indexes: ['events_by_correlation'], events: 3, ms: expect.any(Number) }]);
    expect(describeIndexBuild(notices[0]!)).toBe('building events_by_correlation over 3 events (once, for a log written before them; writes wait meanwhile)…');
    expect(describeIndexBuild({ indexes: ['events_by_type', 'events_by_correlation'], events: 1_000_000, ms: 1700 })).toBe('events_by_type and events_by_correlation built in 1.7 s');
    const quiet = [SqliteEventStore.open(path, { onIndexBuild: (notice) => notices.push(notice) }), SqliteEventStore.open(join(dir, 'fresh-quiet.sqlite'), { onIndexBuild: (notice) => notices.push(notice) })];
    await Promise.all(quiet.map((store) => store.close()));
    expect(notices).toHaveLength(2);
    const plan = reopened.database.prepare(`EXPLAIN QUERY PLAN SELECT position FROM events WHERE ${CORRELATION_ID} = ? ORDER BY position`).all('k') as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([expect.stringContaining('USING COVERING INDEX events_by_correlation')]);
    expect((await reopened.readCorrelated('k')).map((e) => e.revision)).toEqual([0, 2]);
    await reopened.close();
  });

  it('opens a log written before the command_id column: adds it, and older rows read their command id from the metadata', async () => {
    const path = join(dir, 'before-command-id.sqlite');
    const event = (n: number) => ({ eventId: `00000000-0000-4000-8000-00000000f00${n}`, type: 'T', schemaVersion: 1, data: { n }, metadata: { actor: { userId: 'u' }, recordedAt: `r${n}`, correlationId: 'c', causationId: 'c', commandId: `command-${n}` } });
    const first = SqliteEventStore.open(path);
    await first.append('cooperation-f', [event(0)], { expectedRevision: 'noStream' });
    first.database.exec('ALTER TABLE events DROP COLUMN command_id');
    await first.close();
    const reopened = SqliteEventStore.open(path);
    await reopened.append('cooperation-f', [event(1)], { expectedRevision: 0 });
    expect(reopened.database.prepare('SELECT command_id FROM events ORDER BY position').pluck().all()).toEqual([null, 'command-1']);
    expect((await reopened.readStreamForFold('cooperation-f')).map((e) => [e.revision, e.metadata])).toEqual([
      [0, { recordedAt: 'r0', commandId: 'command-0' }],
      [1, { recordedAt: 'r1', commandId: 'command-1' }],
    ]);
    await reopened.close();
    // Opened again, nothing is left to add.
    const again = SqliteEventStore.open(path);
    expect(again.database.prepare("SELECT count(*) FROM pragma_table_info('events') WHERE name = 'command_id'").pluck().get()).toBe(1);
    await again.close();
  });

  it('refuses a row whose data was edited into two JSON values rather than misreading the fields after it', async () => {
    const store = SqliteEventStore.open(join(dir, 'two-values.sqlite'));
    await store.append('cooperation-e', [{ eventId: '00000000-0000-4000-8000-00000000eeee', type: 'T', schemaVersion: 1, data: { a: 1 }, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    store.database.prepare(`UPDATE events SET data = '{"a":1},{"hash":"forged"}'`).run();
    await expect(store.readStream('cooperation-e')).rejects.toThrow(/Malformed event row/);
    await expect(store.readAll()).rejects.toThrow(/Malformed event row/);
    await expect(store.readStreamForFold('cooperation-e')).rejects.toThrow(/Malformed event row/);
    expect(() => store.readAllSync()).toThrow(/Malformed event row/);
    await store.close();
  });

  it('reads the log for a replay (readAllSync) without the metadata only an audit reads, the rest as readAll gives it', async () => {
    const store = SqliteEventStore.open(join(dir, 'projectable.sqlite'));
    const metadata = {
      actor: { userId: 'u' }, recordedAt: '2026-12-07T10:00:00.000Z', correlationId: 'corr', causationId: 'cause', commandId: 'cmd', commandHash: 'body',
      occurredAt: { date: '2025-06', precision: 'month' as const }, source: { document: 'doc.txt', lines: '1-2', confidence: 'stated' as const }, visibility: 'funders' as const,
    };
    await store.append('cooperation-p', [1, 2, 3].map((n) => ({ eventId: `00000000-0000-4000-8000-00000000000${n}`, type: 'T', schemaVersion: 1, data: { n }, metadata })), { expectedRevision: 'noStream' });
    const whole = await store.readAll();
    expect(whole[0]!.metadata).toMatchObject({ correlationId: 'corr', causationId: 'cause', commandHash: 'body', previousHash: expect.any(String), hash: expect.any(String) });
    const replayed = store.readAllSync({ after: '1', maxCount: 1 });
    const { correlationId, causationId, commandHash, previousHash, hash, ...projectable } = whole[1]!.metadata;
    expect(replayed).toEqual([{ ...whole[1], metadata: projectable }]);
    expect(Object.keys(replayed[0]!.metadata).sort()).toEqual(['actor', 'commandId', 'occurredAt', 'recordedAt', 'source', 'visibility']);
    expect([correlationId, causationId, commandHash, previousHash, hash].every((value) => value !== undefined)).toBe(true);
    expect(store.readAllSync().map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await store.close();
  });

  it('reads a long fold’s pages (background) on its reader thread once it is up, as the event loop would, the latest append included', async () => {
    const store = SqliteEventStore.open(join(dir, 'background.sqlite'));
    const served: string[][] = [];
    let thread: SqliteReadThread | undefined;
    const original = SqliteReadThread.prototype.read;
    const spy = jest.spyOn(SqliteReadThread.prototype, 'read').mockImplementation(async function (this: SqliteReadThread, parameters) {
      thread = this;
      const rows = await original.call(this, parameters);
      if (rows) served.push(rows);
      return rows;
    });
    try {
      const event = (n: number) => ({ eventId: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`, type: 'T', schemaVersion: 1, data: { n }, metadata: { actor: { userId: 'u' }, recordedAt: `r${n}`, correlationId: 'c', causationId: 'c', commandId: `c${n}` } });
      await store.append('cooperation-b', [event(0), event(1), event(2)], { expectedRevision: 'noStream' });
      const onEventLoop = await store.readStreamForFold('cooperation-b', { fromRevision: 1 });
      // The first background read starts the thread and is read on the event loop meanwhile.
      expect(await store.readStreamForFold('cooperation-b', { fromRevision: 1, background: true })).toEqual(onEventLoop);
      expect(served).toHaveLength(0);
      expect(await thread!.whenReady()).toBe(true);
      expect(await store.readStreamForFold('cooperation-b', { fromRevision: 1, background: true })).toEqual(onEventLoop);
      expect(served).toHaveLength(1);
      await store.append('cooperation-b', [event(3)], { expectedRevision: 2 });
      const onThread = await store.readStreamForFold('cooperation-b', { fromRevision: 2, background: true });
      expect(served).toHaveLength(2);
      expect(onThread).toEqual(await store.readStreamForFold('cooperation-b', { fromRevision: 2 }));
      expect(onThread.map((e) => [e.revision, e.data, e.metadata])).toEqual([[2, { n: 2 }, { recordedAt: 'r2', commandId: 'c2' }], [3, { n: 3 }, { recordedAt: 'r3', commandId: 'c3' }]]);
    } finally {
      spy.mockRestore();
      await store.close();
    }
    // Closed with the store.
    expect(await thread!.whenReady()).toBe(false);
  });

  it('commits what was appended before close', async () => {
    const path = join(dir, 'close-flush.sqlite');
    const store = SqliteEventStore.open(path);
    const appended = store.append('cooperation-c', [{ eventId: '00000000-0000-4000-8000-00000000cccc', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    await store.close();
    await expect(appended).resolves.toEqual({ nextExpectedRevision: 0, positions: ['1'] });
    const reopened = SqliteEventStore.open(path);
    expect(await reopened.readStream('cooperation-c')).toHaveLength(1);
    await reopened.close();
  });
});
