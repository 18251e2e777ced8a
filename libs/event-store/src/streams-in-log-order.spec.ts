import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import type { EventStore } from './event-store.port.js';
import { eventIdFor } from './command-ids.js';
import { readStreamsInLogOrder } from './streams-in-log-order.js';

const event = (n: number): NewEvent => ({
  eventId: eventIdFor('streams-in-log-order-spec', n),
  type: n % 3 === 0 ? 'Kept' : 'Other',
  schemaVersion: 1,
  data: { n },
  metadata: { actor: { userId: 'u' }, recordedAt: '2026-11-23T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `c${n}` },
});

/** Three streams interleaved unevenly over 400 events, and a fourth that others' events surround. */
const interleavedLog = async () => {
  const store = new InMemoryEventStore();
  for (let n = 0; n < 400; n++) await store.append(`s-${[0, 0, 1, 2, 0, 3][n % 6]}`, [event(n)], { expectedRevision: 'any' });
  return store;
};

/** The store as `readStreamsInLogOrder` sees it, `then` run after each stream read, before its events are returned. */
const afterEachRead = (
  store: InMemoryEventStore,
  then: (streamId: string, events: readonly RecordedEvent[]) => void | Promise<void>,
): Pick<EventStore, 'readStream' | 'comparePositions' | 'headPosition'> => ({
  comparePositions: (a, b) => store.comparePositions(a, b),
  headPosition: () => store.headPosition(),
  readStream: async (streamId, options) => {
    const events = await store.readStream(streamId, options);
    await then(streamId, events);
    return events;
  },
});

describe('readStreamsInLogOrder (EventStoreDB’s readAll({ streamIds }), run here over a store whose own readAll answers the same)', () => {
  it('gives what readAll({ streamIds }) gives, for every cursor, count, type filter and set of streams', async () => {
    const store = await interleavedLog();
    const positions = (await store.readAll()).map((e) => e.position);
    for (const streamIds of [['s-0'], ['s-1', 's-2'], ['s-3', 's-0', 's-3'], ['s-missing'], []]) {
      for (const after of [undefined, positions[0], positions[57], positions[200], positions[398], positions[399]]) {
        for (const options of [{}, { maxCount: 1 }, { maxCount: 7 }, { maxCount: 600 }, { types: ['Kept'] }, { types: ['Kept'], maxCount: 5 }]) {
          const asked = { ...options, ...(after !== undefined ? { after } : {}) };
          const expected = await store.readAll({ ...asked, streamIds: [...new Set(streamIds)] });
          expect({ streamIds, asked, got: await readStreamsInLogOrder(store, streamIds, asked) }).toEqual({ streamIds, asked, got: expected });
        }
      }
    }
  });

  it('reads a stream from its first event after the cursor, not from its start', async () => {
    const store = await interleavedLog();
    let read = 0;
    const counting = afterEachRead(store, (_streamId, events) => void (read += events.length));
    const page = await readStreamsInLogOrder(counting, ['s-0'], { after: (await store.readAll()).at(-10)!.position });
    expect(page.length).toBeGreaterThan(2);
    expect(read).toBeLessThan(page.length + 12); // the halving's one-event reads, then the page: s-0 has 200 events
  });

  it('leaves an event appended after the head it read for the next page, so a cursor never passes over one', async () => {
    const store = await interleavedLog();
    // A's read done, then appends land on A and B before B's read: without the head, B's new event would end the page.
    let appended = false;
    const racing = afterEachRead(store, async (streamId) => {
      if (appended || streamId !== 's-0') return;
      appended = true;
      await store.append('s-0', [event(1000)], { expectedRevision: 'any' });
      await store.append('s-1', [event(1001)], { expectedRevision: 'any' });
    });
    const head = (await store.headPosition())!;
    const page = await readStreamsInLogOrder(racing, ['s-0', 's-1'], { after: (await store.readAll()).at(-3)!.position });
    expect(page.every((e) => store.comparePositions(e.position, head) <= 0)).toBe(true);
    const next = await readStreamsInLogOrder(store, ['s-0', 's-1'], { after: page.at(-1)!.position });
    expect(next.map((e) => (e.data as { n: number }).n)).toEqual([1000, 1001]);
  });
});
