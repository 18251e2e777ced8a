import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { AllStreamResolvedEvent, AllStreamSubscription, Position as EsdbPosition } from '@eventstore/db-client';
import type { RecordedEvent } from '../../envelope.js';
import { encodePosition, toEventData } from './eventstoredb.mapping.js';
import { backoffDelay, resubscribingSubscription, type AllSubscriptionSource } from './resubscribing-subscription.js';

const at = (n: number): EsdbPosition => ({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });

const resolved = (n: number, streamId = 'cooperation-x', type = 'MemberAdmitted'): AllStreamResolvedEvent => {
  const data = toEventData({
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data: { n },
    metadata: { actor: { userId: 'u' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `command-${n}` },
  });
  return {
    event: { streamId, id: data.id, isJson: true, revision: BigInt(n), type, created: new Date(), data: data.data as never, metadata: data.metadata as never, position: at(n) },
  };
};

/** Stands in for the client: each subscribe() opens a fake server stream the test writes into. */
const fakeServer = (head: EsdbPosition | undefined) => {
  const opened: { from: EsdbPosition | undefined; stream: PassThrough & { unsubscribed: boolean } }[] = [];
  const source: AllSubscriptionSource = {
    subscribe: (from) => {
      const stream = Object.assign(new PassThrough({ objectMode: true }), {
        unsubscribed: false,
        async unsubscribe() {
          stream.unsubscribed = true;
        },
      });
      opened.push({ from, stream });
      return stream as unknown as AllStreamSubscription;
    },
    head: async () => head,
  };
  const latest = () => opened.at(-1)!.stream;
  return { source, opened, latest };
};

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('backoff before resubscribing', () => {
  it('doubles from the initial delay and stops growing at the cap', () => {
    const policy = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('the resubscribing $all subscription', () => {
  it('delivers in order and goes live on the server’s signal only once what preceded it is handled', async () => {
    const server = fakeServer(at(99));
    const seen: number[] = [];
    let seenWhenLive: number[] | undefined;
    const subscription = resubscribingSubscription(server.source, {
      onEvent: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // a slow handler: the signal must wait for it
        seen.push((e.data as { n: number }).n);
      },
      onCaughtUp: () => {
        seenWhenLive = [...seen];
      },
    });
    await until(() => server.opened.length === 1);
    for (const n of [1, 2, 3]) server.latest().write(resolved(n));
    server.latest().emit('caughtUp');
    await until(() => seenWhenLive !== undefined);
    expect(seenWhenLive).toEqual([1, 2, 3]);
    expect(subscription.state).toBe('live');
    await subscription.close();
  });

  it('goes live on a server older than 23.10, that never says so, once the newest event is delivered', async () => {
    const server = fakeServer(at(2));
    let live = false;
    const subscription = resubscribingSubscription(server.source, { onEvent: () => undefined, onCaughtUp: () => (live = true) });
    await until(() => server.opened.length === 1);
    server.latest().write(resolved(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(live).toBe(false);
    server.latest().write(resolved(2));
    await until(() => live);
    expect(subscription.position).toBe(encodePosition(at(2)));
    await subscription.close();
  });

  it('is live at once on an empty store, or when resuming from the newest event', async () => {
    for (const [head, after] of [[undefined, undefined], [at(5), encodePosition(at(5))]] as const) {
      const server = fakeServer(head);
      let live = false;
      const subscription = resubscribingSubscription(server.source, { ...(after ? { after } : {}), onEvent: () => undefined, onCaughtUp: () => (live = true) });
      await until(() => live);
      expect(server.opened[0]!.from).toEqual(head && after ? at(5) : undefined);
      await subscription.close();
    }
  });

  it('skips EventStoreDB’s system events should any come through', async () => {
    const server = fakeServer(at(3));
    const seen: string[] = [];
    const subscription = resubscribingSubscription(server.source, { onEvent: (e) => void seen.push(e.streamId) });
    await until(() => server.opened.length === 1);
    server.latest().write(resolved(1));
    server.latest().write(resolved(2, '$stats-127.0.0.1:2113', '$statsCollected'));
    server.latest().write(resolved(3, 'cooperation-y'));
    await until(() => seen.length === 2);
    expect(seen).toEqual(['cooperation-x', 'cooperation-y']);
    await subscription.close();
  });

  it('after a dropped connection, waits with backoff and resubscribes from the last delivered position: no gap, no duplicate', async () => {
    const server = fakeServer(at(10));
    const waits: number[] = [];
    const seen: number[] = [];
    const subscription = resubscribingSubscription(
      server.source,
      { onEvent: (e: RecordedEvent) => void seen.push((e.data as { n: number }).n) },
      { backoff: { initialMs: 50, maxMs: 1000 }, sleep: async (ms) => void waits.push(ms) },
    );
    await until(() => server.opened.length === 1);
    server.latest().write(resolved(1));
    server.latest().write(resolved(2));
    await until(() => seen.length === 2);
    server.latest().destroy(Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14 }));
    await until(() => server.opened.length === 2);
    expect(server.opened[1]!.from).toEqual(at(2));
    // The next attempt fails before delivering anything: the wait grows.
    server.latest().destroy(new Error('14 UNAVAILABLE: no leader'));
    await until(() => server.opened.length === 3);
    expect(server.opened[2]!.from).toEqual(at(2));
    server.latest().write(resolved(3));
    await until(() => seen.length === 3);
    expect(seen).toEqual([1, 2, 3]);
    expect(waits).toEqual([50, 100]);
    // Progress was made: the next drop starts again from the initial wait.
    server.latest().end();
    await until(() => server.opened.length === 4);
    expect(waits).toEqual([50, 100, 50]);
    await subscription.close();
    expect(server.latest().unsubscribed).toBe(true);
  });

  it('is reconnecting while it waits, and close() ends the wait', async () => {
    const server = fakeServer(at(10));
    const subscription = resubscribingSubscription(server.source, { onEvent: () => undefined }, { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await until(() => server.opened.length === 1);
    server.latest().destroy(new Error('14 UNAVAILABLE'));
    await until(() => subscription.state === 'reconnecting');
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(subscription.state).toBe('stopped');
    expect(server.opened).toHaveLength(1);
  });

  it('stops on a poison event, reports it, and never resubscribes past it', async () => {
    const server = fakeServer(at(10));
    let failedOn: RecordedEvent | undefined;
    const seen: number[] = [];
    const subscription = resubscribingSubscription(
      server.source,
      {
        onEvent: (e) => {
          const n = (e.data as { n: number }).n;
          if (n === 2) throw new Error('cannot project');
          seen.push(n);
        },
        onError: (_error, event) => (failedOn = event),
      },
      { sleep: async () => undefined },
    );
    await until(() => server.opened.length === 1);
    for (const n of [1, 2, 3]) server.latest().write(resolved(n));
    await until(() => subscription.state === 'stopped');
    expect(failedOn?.revision).toBe(2);
    expect(seen).toEqual([1]);
    expect(subscription.position).toBe(encodePosition(at(1)));
    expect(server.latest().unsubscribed).toBe(true);
    expect(server.opened).toHaveLength(1);
    await subscription.close();
  });
});
