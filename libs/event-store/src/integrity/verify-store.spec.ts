import { describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../adapters/sqlite/sqlite.event-store.js';
import type { NewEvent } from '../envelope.js';
import { GENESIS_HASH } from './hash-chain.js';
import { verifyStore } from './verify-store.js';

const metadata = { actor: { userId: 'local', capacity: 'operator' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c' };
let n = 0;
const event = (data: object): NewEvent => ({ eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, type: 'MemberAdmitted', schemaVersion: 1, data, metadata });

/** Three streams written interleaved, 12 events in all. */
const filledStore = async (): Promise<SqliteEventStore> => {
  const store = SqliteEventStore.open(':memory:');
  for (let round = 0; round < 4; round++) {
    for (const stream of ['organisation-org:a', 'cooperation-coop:b', 'cooperation-coop:c']) {
      await store.append(stream, [event({ name: `Habitant·e·s ${stream} ${round}` })], { expectedRevision: 'any' });
    }
  }
  return store;
};

describe('verifying a whole store', () => {
  it('reads every event in global order, page by page, and reports it intact', async () => {
    const store = await filledStore();
    const progress: number[] = [];
    expect(await verifyStore(store, { batchSize: 5, onProgress: (p) => progress.push(p.eventsChecked) })).toEqual({ ok: true, eventsChecked: 12, streamsChecked: 3, unchainedEvents: 0 });
    expect(progress).toEqual([5, 10, 12]);
    await store.close();
  });

  it('names the event whose stored row was edited, in the whole store and in its stream alone', async () => {
    const store = await filledStore();
    store.database.prepare(`UPDATE events SET data = replace(data, '·e·s', '·e·z') WHERE stream_id = 'cooperation-coop:c' AND revision = 2`).run();
    const row = store.database.prepare<[], { event_id: string; position: number }>(`SELECT event_id, position FROM events WHERE stream_id = 'cooperation-coop:c' AND revision = 2`).get()!;
    const whole = await verifyStore(store, { batchSize: 4 });
    expect(whole).toMatchObject({ ok: false, eventsChecked: 9, firstBreak: { streamId: 'cooperation-coop:c', revision: 2, eventId: row.event_id, position: String(row.position), reason: 'hashMismatch' } });
    expect(whole.firstBreak!.expected).not.toBe(whole.firstBreak!.found);
    expect(await verifyStore(store, { streamId: 'cooperation-coop:c', batchSize: 2 })).toMatchObject({ ok: false, eventsChecked: 3, streamsChecked: 1, firstBreak: { revision: 2 } });
    expect(await verifyStore(store, { streamId: 'cooperation-coop:b' })).toEqual({ ok: true, eventsChecked: 4, streamsChecked: 1, unchainedEvents: 0 });
    await store.close();
  });

  it('names an event whose copy of its record time or command id (what folds read) was edited, though every hash holds', async () => {
    const store = await filledStore();
    const row = store.database.prepare<[], { event_id: string; position: number }>(`SELECT event_id, position FROM events WHERE stream_id = 'cooperation-coop:b' AND revision = 1`).get()!;
    store.database.prepare(`UPDATE events SET recorded_at = '2025-01-01T00:00:00.000Z' WHERE event_id = ?`).run(row.event_id);
    const at = { streamId: 'cooperation-coop:b', revision: 1, eventId: row.event_id, position: String(row.position), reason: 'copyMismatch' };
    // Checked page by page, in log order: the report stops at that event, the fifth of the log.
    expect(await verifyStore(store, { batchSize: 2 })).toEqual({
      ok: false, eventsChecked: 5, streamsChecked: 3, unchainedEvents: 0,
      firstBreak: { ...at, field: 'recordedAt', expected: metadata.recordedAt, found: '2025-01-01T00:00:00.000Z' },
    });
    expect(await verifyStore(store, { streamId: 'cooperation-coop:b', batchSize: 1 })).toMatchObject({ ok: false, eventsChecked: 2, firstBreak: { ...at, field: 'recordedAt' } });
    expect(await verifyStore(store, { streamId: 'cooperation-coop:c' })).toMatchObject({ ok: true });
    // Whichever comes first in the log is reported: an edited row after the copy does not hide it, one before it does.
    const hashBreakAt = (stream: string, revision: number) =>
      store.database.prepare(`UPDATE events SET data = replace(data, '·e·s', '·e·z') WHERE stream_id = ? AND revision = ?`).run(stream, revision);
    hashBreakAt('cooperation-coop:c', 3);
    expect((await verifyStore(store)).firstBreak).toMatchObject({ reason: 'copyMismatch', eventId: row.event_id });
    hashBreakAt('organisation-org:a', 0);
    expect((await verifyStore(store)).firstBreak).toMatchObject({ reason: 'hashMismatch', streamId: 'organisation-org:a', revision: 0 });
    store.database.prepare(`UPDATE events SET data = replace(data, '·e·z', '·e·s')`).run();

    store.database.prepare(`UPDATE events SET recorded_at = ? WHERE event_id = ?`).run(metadata.recordedAt, row.event_id);
    store.database.prepare(`UPDATE events SET command_id = 'another-command' WHERE event_id = ?`).run(row.event_id);
    expect((await verifyStore(store)).firstBreak).toEqual({ ...at, field: 'commandId', expected: metadata.commandId, found: 'another-command' });
    // A row written before the column (NULL) is read from its metadata: nothing to compare.
    store.database.prepare(`UPDATE events SET command_id = NULL`).run();
    expect(await verifyStore(store)).toMatchObject({ ok: true, eventsChecked: 12 });
    await store.close();
  });

  it('a store written before the hash chain: its events are reported unchained, and new appends chain onto them', async () => {
    const store = SqliteEventStore.open(':memory:');
    const insert = store.database.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, 'cooperation-coop:ancienne', ?, 'MemberAdmitted', 1, ?, ?, ?)`,
    );
    for (let revision = 0; revision < 3; revision++) insert.run(event({}).eventId, revision, JSON.stringify({ revision }), JSON.stringify(metadata), metadata.recordedAt);
    expect(await verifyStore(store)).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 1, unchainedEvents: 3 });

    await store.append('cooperation-coop:ancienne', [event({ revision: 3 })], { expectedRevision: 2 });
    const [latest] = await store.readStream('cooperation-coop:ancienne', { direction: 'backwards', maxCount: 1 });
    expect(latest!.metadata.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(latest!.metadata.previousHash).not.toBe(GENESIS_HASH);
    expect(await verifyStore(store)).toEqual({ ok: true, eventsChecked: 4, streamsChecked: 1, unchainedEvents: 3 });

    // The first hashed event seals what came before it: rewriting an unchained event now shows.
    store.database.prepare(`UPDATE events SET data = '{"revision":9}' WHERE revision = 1`).run();
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBreak: { revision: 3, reason: 'previousHashMismatch' } });
    await store.close();
  });
});
