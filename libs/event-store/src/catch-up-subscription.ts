import { once, type EventEmitter } from 'node:events';
import type { Position, RecordedEvent } from './envelope.js';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription, SubscriptionState } from './event-store.port.js';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Resolves when something may have been appended after `position`, or after `timeoutMs` at the latest. */
  waitForAppend(timeoutMs: number): Promise<void>;
}

const DEFAULT_BATCH = 500;
const IDLE_WAIT_MS = 250;

/**
 * Subscription for log-structured adapters: read batches from the position (catch-up), then wait for
 * appends and read again (live). Delivery is sequential and in global order; no gaps, no duplicates.
 */
export const catchUpSubscription = (source: CatchUpSource, options: SubscribeToAllOptions): Subscription => {
  let state: SubscriptionState = 'catchingUp';
  let position: Position | undefined = options.after;
  let closed = false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  const run = async (): Promise<void> => {
    while (!closed) {
      const batch = await source.readAll({ ...(position !== undefined ? { after: position } : {}), maxCount: batchSize });
      for (const event of batch) {
        if (closed) return;
        try {
          await options.onEvent(event);
        } catch (error) {
          state = 'stopped';
          closed = true;
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
        await source.waitForAppend(IDLE_WAIT_MS);
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
      closed = true;
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
  async (timeoutMs: number): Promise<void> => {
    await once(appended, 'appended', { signal: AbortSignal.timeout(pollMs ?? timeoutMs) }).catch(() => undefined);
  };
