import { once, type EventEmitter } from 'node:events';
import type { Position, RecordedEvent } from './envelope.js';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription, SubscriptionState } from './event-store.port.js';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Resolves when something may have been appended after `position`, after `timeoutMs` at the latest, or as soon
   * as `stopped` aborts (the subscription is closing: a shutdown must not sit out the wait).
   */
  waitForAppend(timeoutMs: number, stopped: AbortSignal): Promise<void>;
}

const DEFAULT_BATCH = 500;
const IDLE_WAIT_MS = 250;

/** Lets timers and I/O run: a read that answers at once (SQLite) would otherwise chain every batch in microtasks. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Subscription for log-structured adapters: read batches from the position (catch-up), then wait for
 * appends and read again (live). Delivery is sequential and in global order; no gaps, no duplicates.
 * Between two full batches it yields to the event loop, so a process catching up with a long log (the API's
 * projections replaying a million events) keeps answering its requests meanwhile.
 */
export const catchUpSubscription = (source: CatchUpSource, options: SubscribeToAllOptions): Subscription => {
  let state: SubscriptionState = 'catchingUp';
  let position: Position | undefined = options.after;
  // Aborted on close or on a failed event: it ends the loop and the wait for appends alike.
  const stopping = new AbortController();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  const run = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const batch = await source.readAll({ ...(position !== undefined ? { after: position } : {}), maxCount: batchSize });
      for (const event of batch) {
        if (stopping.signal.aborted) return;
        try {
          await options.onEvent(event);
        } catch (error) {
          state = 'stopped';
          stopping.abort();
          options.onError?.(error, event);
          return;
        }
        position = event.position;
      }
      if (batch.length < batchSize) {
        if (state === 'catchingUp') {
          state = 'live';
          options.onCaughtUp?.(position);
        }
        await source.waitForAppend(IDLE_WAIT_MS, stopping.signal);
      } else {
        await yieldToEventLoop();
      }
    }
  };

  const running = run().catch((error: unknown) => {
    state = 'stopped';
    options.onError?.(error);
  });

  return {
    get state() {
      return state;
    },
    get position() {
      return position;
    },
    close: async () => {
      stopping.abort();
      await running;
      state = 'stopped';
    },
  };
};

/**
 * `waitForAppend` for an adapter that emits `appended` after each write in this process: wakes on the signal,
 * or after the timeout (`pollMs` when set, for writers in other processes that never signal here).
 */
export const appendSignal =
  (appended: EventEmitter, pollMs?: number) =>
  async (timeoutMs: number, stopped: AbortSignal): Promise<void> => {
    await once(appended, 'appended', { signal: AbortSignal.any([AbortSignal.timeout(pollMs ?? timeoutMs), stopped]) }).catch(() => undefined);
  };
