import { describe, expect, it } from '@jest/globals';
import { NO_STREAM, WrongExpectedVersionError, type AppendExpectedRevision, type EventData, type EventStoreDBClient, type ReadStreamOptions, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { describeEventStoreContract } from '../../contract/event-store.contract.js';
import type { ExpectedRevision, NewEvent } from '../../envelope.js';
import { ConcurrencyConflict } from '../../event-store.errors.js';
import { EventStoreDbEventStore } from './eventstoredb.event-store.js';
import { encodePosition, toEventData } from './eventstoredb.mapping.js';

describeEventStoreContract('eventstoredb', (options) => EventStoreDbEventStore.connect(process.env.EVENTSTORE_CONNECTION_STRING!, options), { skipUnless: 'EVENTSTORE_CONNECTION_STRING' });

let events = 0;
const newEvent = (): NewEvent => {
  events += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(events).padStart(12, '0')}`,
    type: 'ExportRecorded',
    schemaVersion: 1,
    data: { n: events },
    metadata: { actor: { userId: 'u' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `command-${events}` },
  };
};

/**
 * Stands in for the client on one stream. Before each append of ours, one of `rivalWrites` lands first (another writer
 * on the stream); `failingReadBacks` reads from a revision (the read-back of an append's positions) fail.
 */
const fakeServer = () => {
  const stored: EsdbRecordedEvent[] = [];
  const server = { stored, rivalWrites: 0, failingReadBacks: 0, appendCalls: 0 };
  const store = (streamId: string, event: EventData) => {
    const position = { commit: BigInt(100 * (stored.length + 1)), prepare: BigInt(100 * (stored.length + 1)) };
    stored.push({ streamId, id: event.id, isJson: true, revision: BigInt(stored.length), type: event.type, created: new Date(), data: event.data as never, metadata: event.metadata as never, position });
  };
  const client = {
    async *readStream(_streamId: string, { fromRevision, maxCount = Number.POSITIVE_INFINITY }: ReadStreamOptions) {
      if (typeof fromRevision === 'bigint' && server.failingReadBacks-- > 0) throw new Error('UNAVAILABLE: leader changed');
      const from = typeof fromRevision === 'bigint' ? Number(fromRevision) : 0;
      for (const event of stored.slice(from, from + Number(maxCount))) yield { event };
    },
    async appendToStream(streamName: string, events: EventData[], { expectedRevision }: { expectedRevision: AppendExpectedRevision }) {
      server.appendCalls += 1;
      if (server.rivalWrites > 0) {
        server.rivalWrites -= 1;
        store(streamName, toEventData(newEvent()));
      }
      const current = stored.length === 0 ? NO_STREAM : BigInt(stored.length - 1);
      if (expectedRevision !== current) throw new WrongExpectedVersionError(undefined, { streamName, expected: expectedRevision, current });
      for (const event of events) store(streamName, event);
      return { success: true, nextExpectedRevision: BigInt(stored.length - 1), position: stored.at(-1)!.position };
    },
  };
  const waits: number[] = [];
  const adapter = new EventStoreDbEventStore(client as unknown as EventStoreDBClient, { sleep: async (ms) => void waits.push(ms) });
  return { server, adapter, waits };
};

describe('EventStoreDbEventStore append, against a fake client', () => {
  it.each<ExpectedRevision>(['any', 'streamExists'])('with %s, re-seals past a run of conflicts, after random waits, at the revision the rivals left', async (expectedRevision) => {
    const { server, adapter, waits } = fakeServer();
    await adapter.append('exports', [newEvent()], { expectedRevision: 'noStream' });
    server.rivalWrites = 12;
    const appended = await adapter.append('exports', [newEvent()], { expectedRevision });
    expect(appended).toEqual({ nextExpectedRevision: 13, positions: [encodePosition(server.stored[13]!.position!)] });
    expect(server.appendCalls).toBe(1 + 13);
    expect(waits).toHaveLength(12);
    waits.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(Math.min(2 ** (i + 1), 250)));
  });

  it('reports the conflict with any once the stream stays busy for 50 attempts', async () => {
    const { server, adapter, waits } = fakeServer();
    server.rivalWrites = Number.POSITIVE_INFINITY;
    await expect(adapter.append('exports', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(server.appendCalls).toBe(50);
    expect(waits).toHaveLength(49);
  });

  it('reports a conflict on an exact revision at once: the caller (handleCommand) decides again', async () => {
    const { server, adapter, waits } = fakeServer();
    await adapter.append('cooperation-x', [newEvent()], { expectedRevision: 'noStream' });
    server.rivalWrites = 1;
    await expect(adapter.append('cooperation-x', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(server.appendCalls).toBe(2);
    expect(waits).toEqual([]);
  });

  it('retries reading back the positions of a stored batch, and never reports it failed for that read', async () => {
    const { server, adapter, waits } = fakeServer();
    server.failingReadBacks = 2;
    const first = await adapter.append('erasures', [newEvent(), newEvent()], { expectedRevision: 'any' });
    expect(first).toEqual({ nextExpectedRevision: 1, positions: server.stored.map((event) => encodePosition(event.position!)) });
    expect(waits).toEqual([100, 200]);

    server.failingReadBacks = Number.POSITIVE_INFINITY;
    const second = await adapter.append('erasures', [newEvent()], { expectedRevision: 'any' });
    // Read back from nowhere: the position the server answered the write with.
    expect(second).toEqual({ nextExpectedRevision: 2, positions: [encodePosition(server.stored[2]!.position!)] });
    expect(waits).toEqual([100, 200, 100, 200, 400, 800]);
    expect(server.appendCalls).toBe(2);
  });
});
