import type { ExpectedRevision } from './envelope.js';
import type { ChainBreak } from './integrity/hash-chain.js';

/** The stream moved on since it was read: the caller expected one revision, the store holds another. */
export class ConcurrencyConflict extends Error {
  readonly code = 'ConcurrencyConflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'noStream',
  ) {
    super(`Concurrency conflict on ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'ConcurrencyConflict';
  }
}

export class MaxAppendSizeExceeded extends Error {
  readonly code = 'MaxAppendSizeExceeded';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Append of ${size} bytes exceeds the ${limit}-byte limit`);
    this.name = 'MaxAppendSizeExceeded';
  }
}

/** An event id is already stored: the same command was appended before (a retry raced the first try). */
export class DuplicateEventId extends Error {
  readonly code = 'DuplicateEventId';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored`);
    this.name = 'DuplicateEventId';
  }
}

/** A copied event does not chain onto its stream (carnet migrate of a log that was altered): nothing is written. */
export class HashChainBroken extends Error {
  readonly code = 'HashChainBroken';
  constructor(readonly chainBreak: ChainBreak) {
    super(
      `Hash chain broken at ${chainBreak.streamId}@${chainBreak.revision} (event ${chainBreak.eventId}): ${chainBreak.reason}, expected ${chainBreak.expected}, found ${chainBreak.found ?? 'nothing'}`,
    );
    this.name = 'HashChainBroken';
  }
}
