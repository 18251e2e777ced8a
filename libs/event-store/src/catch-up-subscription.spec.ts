import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { appendSignal, catchUpSubscription } from './catch-up-subscription.js';
import type { RecordedEvent } from './envelope.js';
import type { ReadAllOptions } from './event-store.port.js';

const LOG: RecordedEvent[] = Array.from({ length: 2000 }, (_, i) => ({
  eventId: `e${i + 1}`,
  streamId: 's',
  revision: i,
  position: String(i + 1),
  type: 'Counted',
  schemaVersion: 1,
  data: { n: i + 1 },
  metadata: { actor: { userId: 't' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c' },
}));

/** A source that answers at once, as the SQLite adapter does: nothing in it ever waits for I/O. */
const immediateSource = {
  readAll: async ({ after, maxCount }: ReadAllOptions) => LOG.slice(Number(after ?? 0), Number(after ?? 0) + (maxCount ?? LOG.length)),
  waitForAppend: () => new Promise<void>((resolve) => setTimeout(resolve, 5)),
};

describe('catchUpSubscription', () => {
  it('delivers a long log in order, yielding to the event loop between batches so timers and I/O run during the catch-up', async () => {
    const seen: number[] = [];
    let seenWhenTimerRan: number | undefined;
    let caughtUp = false;
    setImmediate(() => (seenWhenTimerRan = seen.length));
    const subscription = catchUpSubscription(immediateSource, { batchSize: 100, onEvent: (e) => void seen.push((e.data as { n: number }).n), onCaughtUp: () => (caughtUp = true) });
    while (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 1));
    await subscription.close();
    expect(seen).toEqual(LOG.map((_, i) => i + 1));
    // The callback queued before the catch-up ran long before its end.
    expect(seenWhenTimerRan).toBeDefined();
    expect(seenWhenTimerRan!).toBeLessThan(LOG.length);
  });

  it('closing a live subscription ends its wait for appends at once: a shutdown never sits out the poll interval', async () => {
    // An hour-long poll: before the fix, close() waited for it, and the process exited before its shutdown hooks ran.
    const source = { readAll: immediateSource.readAll, waitForAppend: appendSignal(new EventEmitter(), 3_600_000) };
    let caughtUp = false;
    const subscription = catchUpSubscription(source, { onEvent: () => undefined, onCaughtUp: () => (caughtUp = true) });
    while (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 1));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([subscription.close().then(() => 'closed'), new Promise((resolve) => (timer = setTimeout(resolve, 5_000, 'still waiting')))]);
    clearTimeout(timer); // a pending 5 s timer would keep jest from exiting
    expect(outcome).toBe('closed');
    expect(subscription.state).toBe('stopped');
  });
});
