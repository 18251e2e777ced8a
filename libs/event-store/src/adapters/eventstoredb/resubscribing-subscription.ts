import { setTimeout as delay } from 'node:timers/promises';
import type { AllStreamResolvedEvent, AllStreamSubscription, Position as EsdbPosition } from '@eventstore/db-client';
import type { Position, RecordedEvent } from '../../envelope.js';
import type { SubscribeToAllOptions, Subscription, SubscriptionState } from '../../event-store.port.js';
import { compareEsdbPositions, decodePosition, isSystemEvent, toRecordedEvent } from './eventstoredb.mapping.js';

export interface AllSubscriptionSource {
  /** A server subscription to `$all` strictly after `from`, system events filtered out on the server. */
  subscribe(from: EsdbPosition | undefined): AllStreamSubscription;
  /** Position of the newest non-system event: servers before 23.10 never say they caught up. */
  head(): Promise<EsdbPosition | undefined>;
}

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 10_000 };

/** Waits before the n-th consecutive failed attempt (0-based): doubling from `initialMs`, capped at `maxMs`. */
export const backoffDelay = (failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number =>
  Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures, 30));

export interface ResubscribeSettings {
  readonly backoff?: BackoffPolicy;
  /** Injectable for tests; must resolve early (or reject) when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told of each dropped subscription before the wait, e.g. to log it. */
  readonly onDropped?: (error: unknown, retryInMs: number) => void;
}

export const sleepUnlessAborted = (ms: number, signal: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

type Outcome = { readonly kind: 'closed' | 'stopped' } | { readonly kind: 'dropped'; readonly error: unknown };

/**
 * The port's subscription over `@eventstore/db-client`, which neither resubscribes by itself nor says it
 * caught up before server 23.10. Events are delivered one at a time, in order; when the server drops the
 * subscription it is reopened after a backoff from the last delivered position, so nothing is missed or
 * delivered twice. Caught up = the server said so after everything it had sent was delivered, or the newest
 * event read before subscribing has been delivered.
 */
export const resubscribingSubscription = (
  source: AllSubscriptionSource,
  options: SubscribeToAllOptions,
  settings: ResubscribeSettings = {},
): Subscription & { readonly stopped: Promise<void> } => {
  let state: SubscriptionState = 'catchingUp';
  let position: Position | undefined = options.after;
  const closing = new AbortController();
  const maxQueued = 2 * (options.batchSize ?? 500);

  const fail = (error: unknown, event?: RecordedEvent): Outcome => {
    state = 'stopped';
    options.onError?.(error, event);
    return { kind: 'stopped' };
  };

  /** One server subscription from the last delivered position, until it drops, a handler throws, or close(). */
  const follow = async (): Promise<Outcome> => {
    const head = await source.head();
    const subscription = source.subscribe(position === undefined ? undefined : decodePosition(position));
    const queue: AllStreamResolvedEvent[] = [];
    let received = 0;
    let handled = 0;
    let caughtUpAfter: number | undefined;
    let draining = false;
    let outcome: Outcome | undefined;

    const goLiveIfCaughtUp = (): void => {
      if (state === 'live' || outcome) return;
      const serverSaidSo = caughtUpAfter !== undefined && handled >= caughtUpAfter;
      const atHead = head === undefined || (position !== undefined && compareEsdbPositions(decodePosition(position), head) >= 0);
      if (!serverSaidSo && !atHead) return;
      state = 'live';
      options.onCaughtUp?.(position);
    };

    return new Promise<Outcome>((resolve) => {
      const end = (result: Outcome): void => {
        if (outcome) return;
        outcome = result;
        queue.length = 0;
        subscription.removeAllListeners('data');
        void subscription.unsubscribe().catch(() => undefined);
        if (!draining) resolve(result);
      };
      const handle = async (resolved: AllStreamResolvedEvent): Promise<void> => {
        const stored = resolved.event;
        if (!stored || isSystemEvent(stored)) return;
        let event: RecordedEvent;
        try {
          event = toRecordedEvent(stored);
        } catch (error) {
          return end(fail(error));
        }
        try {
          await options.onEvent(event);
        } catch (error) {
          return end(fail(error, event));
        }
        position = event.position;
      };
      const drain = async (): Promise<void> => {
        if (draining) return;
        draining = true;
        while (queue.length > 0 && !outcome) {
          if (queue.length <= maxQueued / 2 && subscription.isPaused()) subscription.resume();
          await handle(queue.shift()!);
          handled += 1;
          goLiveIfCaughtUp();
        }
        draining = false;
        if (outcome) resolve(outcome);
      };

      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        received += 1;
        queue.push(resolved);
        if (queue.length >= maxQueued) subscription.pause();
        void drain();
      });
      // What the server sent before this signal is either counted or still buffered in the stream.
      subscription.on('caughtUp', () => {
        caughtUpAfter = received + subscription.readableLength;
        if (!draining) goLiveIfCaughtUp();
      });
      subscription.on('error', (error: unknown) => end({ kind: 'dropped', error }));
      subscription.on('end', () => end({ kind: 'dropped', error: new Error('EventStoreDB ended the subscription') }));
      closing.signal.addEventListener('abort', () => end({ kind: 'closed' }), { once: true });
      if (closing.signal.aborted) end({ kind: 'closed' });
      goLiveIfCaughtUp();
    });
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!closing.signal.aborted) {
      const before = position;
      let outcome: Outcome;
      try {
        outcome = await follow();
      } catch (error) {
        outcome = { kind: 'dropped', error };
      }
      if (outcome.kind !== 'dropped') return;
      if (state === 'live' || position !== before) failures = 0;
      state = 'reconnecting';
      const wait = backoffDelay(failures, settings.backoff);
      settings.onDropped?.(outcome.error, wait);
      failures += 1;
      await (settings.sleep ?? sleepUnlessAborted)(wait, closing.signal);
    }
  };

  const running = run().finally(() => {
    state = 'stopped';
  });

  return {
    /** Settles once the subscription has stopped for good: closed, or a poison event. */
    stopped: running,
    get state() {
      return state;
    },
    get position() {
      return position;
    },
    close: async () => {
      closing.abort();
      await running;
    },
  };
};
