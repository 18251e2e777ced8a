import type { ExpectedRevision, NewEvent } from './envelope.js';
import { ConcurrencyConflict, MaxAppendSizeExceeded } from './event-store.errors.js';

/** The checks every adapter makes before writing, in one place so they cannot drift apart. */
export const ensureExpectedRevision = (streamId: string, expected: ExpectedRevision, current: number | undefined): void => {
  const actual = current ?? 'noStream';
  const ok =
    expected === 'any' ||
    (expected === 'noStream' && current === undefined) ||
    (expected === 'streamExists' && current !== undefined) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new ConcurrencyConflict(streamId, expected, actual);
};

export const serialisedSize = (events: readonly NewEvent[]): number =>
  events.reduce((total, e) => total + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)), 0);

export const ensureAppendSize = (events: readonly NewEvent[], limit: number): void => {
  const size = serialisedSize(events);
  if (size > limit) throw new MaxAppendSizeExceeded(size, limit);
};
