import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import type { NewEvent } from './envelope.js';
import { eventsOfCommandAround } from './handle-command.js';

const STREAM = 'cooperation-coop:commandes';

/** `count` events recorded by one command, as one append. */
const commandEvents = (commandId: string, count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: `${commandId}-${i}`,
    type: 'T',
    schemaVersion: 1,
    data: { i },
    metadata: { actor: { userId: 'u' }, recordedAt: '2026-11-23T10:00:00.000Z', correlationId: commandId, causationId: commandId, commandId },
  }));

describe('eventsOfCommandAround: the events of the command that recorded an event, from anywhere among them', () => {
  it('finds the whole append from its first, middle or last event, across read pages, and no neighbour', async () => {
    const store = new InMemoryEventStore();
    let revision = -1;
    for (const [commandId, count] of [['a', 1], ['b', 3], ['c', 37], ['d', 1]] as const) {
      await store.append(STREAM, commandEvents(commandId, count), { expectedRevision: revision === -1 ? 'noStream' : revision });
      revision += count;
    }
    const stream = await store.readStream(STREAM);
    const idsOf = async (index: number) => (await eventsOfCommandAround(store, stream[index]!)).map((e) => e.eventId);
    expect(await idsOf(0)).toEqual(['a-0']);
    expect(await idsOf(2)).toEqual(['b-0', 'b-1', 'b-2']);
    const c = Array.from({ length: 37 }, (_, i) => `c-${i}`);
    for (const index of [4, 4 + 17, 4 + 36]) expect(await idsOf(index)).toEqual(c);
    expect(await idsOf(41)).toEqual(['d-0']);
  });
});
