import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import { SqliteEventStore } from './adapters/sqlite/sqlite.event-store.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { HashChainBroken } from './event-store.errors.js';
import { verifyStore } from './integrity/verify-store.js';
import { migrateEventStore, MigrationMismatch, verifyMigration } from './migrate.js';

const event = (n: number, type = 'MemberAdmitted'): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type,
  schemaVersion: 1 + (n % 2),
  data: { organisationId: `org:${n}`, name: 'Habitant·e·s — l’atelier 🌱' },
  metadata: {
    actor: { userId: 'local', capacity: 'operator' },
    recordedAt: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
    correlationId: `correlation-${n}`,
    causationId: `command-${n}`,
    commandId: `command-${n}`,
    occurredAt: { date: '2025-10', precision: 'month', approximate: true },
    source: { document: 'seed.txt', lines: `${n}-${n + 2}`, confidence: 'stated' },
    previousHash: `hash-${n - 1}`,
    hash: `hash-${n}`,
  },
});

/** Three streams written interleaved, some appends of several events: 30 events in all. */
const sourceLog = async (): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  let n = 0;
  for (let round = 0; round < 5; round++) {
    for (const stream of ['organisation-a', 'cooperation-coop:b', 'cooperation-coop:c']) {
      const batch = [event(++n), event(++n)];
      await store.append(stream, batch, { expectedRevision: 'any' });
    }
  }
  return store;
};

const withoutPositions = (events: readonly RecordedEvent[]) => events.map(({ position: _position, ...rest }) => rest);

describe('migrating a log from one store to another', () => {
  it('copies every event in global order, with its id, schema version, data and metadata (hashes included), then verifies', async () => {
    const source = await sourceLog();
    const target = new InMemoryEventStore();
    const progress: number[] = [];
    const result = await migrateEventStore(source, target, { batchSize: 7, onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({ copied: 30, alreadyThere: 0 });
    expect(progress).toEqual([7, 14, 21, 28, 30]);
    expect(withoutPositions(await target.readAll())).toEqual(withoutPositions(await source.readAll()));
    expect(await verifyMigration(source, target, { batchSize: 4 })).toEqual({ events: 30, streams: 3 });
  });

  it('interrupted, then run again, resumes where it stopped: nothing doubled, nothing missing', async () => {
    const source = await sourceLog();
    const target = new InMemoryEventStore();
    const stop = new AbortController();
    const interrupted = migrateEventStore(source, target, { batchSize: 5, signal: stop.signal, onProgress: (p) => p.done >= 10 && stop.abort() });
    await expect(interrupted).rejects.toThrow();
    const copiedBefore = (await target.readAll()).length;
    expect(copiedBefore).toBeGreaterThanOrEqual(10);
    expect(copiedBefore).toBeLessThan(30);

    const resumed = await migrateEventStore(source, target, { batchSize: 5 });
    expect(resumed.copied + copiedBefore).toBe(30);
    expect(resumed.alreadyThere).toBe(copiedBefore);
    expect(await verifyMigration(source, target)).toEqual({ events: 30, streams: 3 });
  });

  it('run on a complete copy, copies nothing', async () => {
    const source = await sourceLog();
    const target = new InMemoryEventStore();
    await migrateEventStore(source, target);
    expect(await migrateEventStore(source, target)).toMatchObject({ copied: 0, alreadyThere: 30 });
    expect(await target.readAll()).toHaveLength(30);
  });

  it('refuses, before writing anything, a target that holds another history, even in streams the source does not have', async () => {
    const source = await sourceLog();
    for (const stream of ['organisation-a', 'organisation-z']) {
      const target = new InMemoryEventStore();
      await target.append(stream, [event(1000)], { expectedRevision: 'noStream' });
      const error = await migrateEventStore(source, target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationMismatch);
      expect((error as Error).message).toContain(
        `event #1 of the target is 00000000-0000-4000-8000-000000001000 (MemberAdmitted, ${stream}@0), where the source has 00000000-0000-4000-8000-000000000001 (MemberAdmitted, organisation-a@0)`,
      );
      expect(await target.readAll()).toHaveLength(1);
    }
  });

  it('refuses a target that holds the source and more, or events the source lacks after a copied prefix, writing nothing', async () => {
    const source = await sourceLog();
    const longer = new InMemoryEventStore();
    await migrateEventStore(source, longer);
    await longer.append('organisation-z', [event(1000)], { expectedRevision: 'noStream' });
    await expect(migrateEventStore(source, longer)).rejects.toThrow('event #31 of the target is 00000000-0000-4000-8000-000000001000 (MemberAdmitted, organisation-z@0), where the source has nothing');

    const forked = new InMemoryEventStore();
    for (const e of (await source.readAll()).slice(0, 4)) await forked.append(e.streamId, [e], { expectedRevision: 'any', preserveHashes: true });
    await forked.append('organisation-z', [event(1000)], { expectedRevision: 'noStream' });
    await expect(migrateEventStore(source, forked)).rejects.toThrow(/^event #5 of the target is 00000000-0000-4000-8000-000000001000/);
    expect(await forked.readAll()).toHaveLength(5);

    const [first] = await source.readAll();
    const altered = new InMemoryEventStore();
    await altered.append(first!.streamId, [{ ...first!, data: { tampered: true } }], { expectedRevision: 'any' });
    await expect(migrateEventStore(source, altered)).rejects.toThrow(`event #1 of the target is ${first!.eventId} (MemberAdmitted, organisation-a@0), with other content than the source’s`);
  });

  it('verification names the first event that differs, and a target with less or more than the source', async () => {
    const source = await sourceLog();
    const altered = new InMemoryEventStore();
    for (const e of await source.readAll()) {
      const copy = e.revision === 3 && e.streamId === 'cooperation-coop:c' ? { ...e, data: { tampered: true } } : e;
      await altered.append(e.streamId, [copy], { expectedRevision: 'any' });
    }
    await expect(verifyMigration(source, altered)).rejects.toThrow(/event #12 of the log differs: the source has \S+ \(MemberAdmitted, cooperation-coop:c@3\)/);

    const partial = new InMemoryEventStore();
    await migrateEventStore(source, partial, { signal: AbortSignal.abort() }).catch(() => undefined);
    await expect(verifyMigration(source, partial)).rejects.toThrow('event #1 of the log differs: the source has 00000000-0000-4000-8000-000000000001 (MemberAdmitted, organisation-a@0), the target nothing');
  });

  it('keeps the hash chain verbatim, events recorded before it staying unchained, and the target verifies the same', async () => {
    const source = new InMemoryEventStore();
    const unhashed = (e: NewEvent): NewEvent => {
      const { previousHash: _previous, hash: _hash, ...metadata } = e.metadata;
      return { ...e, metadata };
    };
    await source.append('cooperation-coop:ancienne', [unhashed(event(101)), unhashed(event(102))], { expectedRevision: 'noStream', preserveHashes: true });
    await source.append('cooperation-coop:ancienne', [event(103)], { expectedRevision: 1 });
    await source.append('organisation-a', [event(104), event(105)], { expectedRevision: 'noStream' });
    const target = new InMemoryEventStore();
    await migrateEventStore(source, target, { batchSize: 2 });
    expect((await target.readAll()).map((e) => e.metadata)).toEqual((await source.readAll()).map((e) => e.metadata));
    expect(await verifyStore(target)).toEqual({ ok: true, eventsChecked: 5, streamsChecked: 2, unchainedEvents: 2 });
  });

  it('refuses to copy an altered log, naming the event whose hash no longer matches', async () => {
    const source = SqliteEventStore.open(':memory:');
    await source.append('organisation-a', [event(201), event(202), event(203)], { expectedRevision: 'noStream' });
    source.database.prepare(`UPDATE events SET data = replace(data, 'atelier', 'ateliez') WHERE revision = 1`).run();
    const target = new InMemoryEventStore();
    const error = await migrateEventStore(source, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HashChainBroken);
    expect(error).toMatchObject({ chainBreak: { streamId: 'organisation-a', revision: 1, eventId: event(202).eventId, reason: 'hashMismatch' } });
    expect(await target.readAll()).toEqual([]);
    await source.close();
  });
});
