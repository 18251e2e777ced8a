import { describe, expect, it } from '@jest/globals';
import { eventIdFor, InMemoryEventStore, type NewEvent, type RecordedEvent } from '#event-store';
import { FEED_SCAN_BUDGET, readFeedPage } from './feed-page.js';

const event = (n: number, type = 'Counted'): NewEvent => ({
  eventId: eventIdFor('feed-page-spec', n),
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actor: { userId: 't' }, recordedAt: '2026-11-23T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `c${n}` },
});

/** A log of `size` events on one stream, a few of them on another: what a narrow filter looks for. */
const logOf = async (size: number, rare: readonly number[]) => {
  const store = new InMemoryEventStore();
  for (let n = 1; n <= size; n += 500) {
    const batch = Array.from({ length: Math.min(500, size - n + 1) }, (_, i) => n + i);
    for (const m of batch.filter((m) => rare.includes(m))) await store.append('rare', [event(m)], { expectedRevision: 'any' });
    await store.append('common', batch.filter((m) => !rare.includes(m)).map((m) => event(m)), { expectedRevision: 'any' });
  }
  return store;
};
const numbers = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
const inRare = (e: RecordedEvent) => e.streamId === 'rare';

describe('readFeedPage', () => {
  it('without a filter, reads a page of `count` and gives its last position as next, null at the head', async () => {
    const store = await logOf(5, []);
    const first = await readFeedPage(store, { count: 3 });
    expect(first.events).toHaveLength(3);
    expect(first.next).toBe(first.events[2]!.position);
    const last = await readFeedPage(store, { after: first.next!, count: 3 });
    expect(last.events).toHaveLength(2);
    expect(last.next).toBeNull();
  });

  // 30 s: hashing the 20,500 events on append takes over a second here, several on a loaded CI runner.
  it('reads at most FEED_SCAN_BUDGET events for a narrow filter, and the client finds every match by following next', async () => {
    const size = FEED_SCAN_BUDGET * 2 + 500;
    const rare = [7, FEED_SCAN_BUDGET + 3, size];
    const store = await logOf(size, rare);
    let reads = 0;
    const counted = { readAll: (options?: Parameters<typeof store.readAll>[0]) => ((reads += options?.maxCount ?? 0), store.readAll(options)) };

    const first = await readFeedPage(counted, { count: 100, keep: inRare });
    expect(numbers(first.events)).toEqual([7]);
    expect(reads).toBe(FEED_SCAN_BUDGET);
    expect(first.next).not.toBeNull();

    const found = [...first.events];
    let next = first.next;
    let pages = 1;
    while (next !== null) {
      const page = await readFeedPage(counted, { after: next, count: 100, keep: inRare });
      found.push(...page.events);
      next = page.next;
      pages += 1;
    }
    expect(numbers(found)).toEqual(rare);
    expect(pages).toBe(3);

    // The same events asked by stream: the store reads that stream alone, one page, done.
    reads = 0;
    expect(await readFeedPage(counted, { count: 100, streamIds: ['rare'] })).toEqual({ events: found, next: null });
    expect(reads).toBe(100);
  }, 30_000);

  it('stops as soon as the page is full, and next continues right after its last event', async () => {
    const store = await logOf(50, [10, 11, 12, 40]);
    const first = await readFeedPage(store, { count: 2, keep: inRare });
    expect(numbers(first.events)).toEqual([10, 11]);
    const second = await readFeedPage(store, { after: first.next!, count: 2, keep: inRare });
    expect(numbers(second.events)).toEqual([12, 40]);
    const third = await readFeedPage(store, { after: second.next!, count: 2, keep: inRare });
    expect(third).toEqual({ events: [], next: null });
  });
});
