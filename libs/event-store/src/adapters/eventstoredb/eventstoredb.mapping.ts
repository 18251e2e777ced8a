import {
  ANY,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, NewEvent, Position, RecordedEvent } from '../../envelope.js';
import { ConcurrencyConflict, MaxAppendSizeExceeded } from '../../event-store.errors.js';

/**
 * EventStoreDB orders `$all` by (commit, prepare): events appended together share the commit position of
 * their transaction and differ by prepare position, so both are kept. Written in the server's own notation.
 */
const POSITION = /^C:(\d{1,20})\/P:(\d{1,20})$/;

export const encodePosition = ({ commit, prepare }: EsdbPosition): Position => `C:${commit}/P:${prepare}`;

export const isEventStoreDbPosition = (text: string): boolean => POSITION.test(text);

export const decodePosition = (position: Position): EsdbPosition => {
  const match = POSITION.exec(position);
  if (!match) throw new Error(`"${position}" is not an EventStoreDB position (expected C:<commit>/P:<prepare>)`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
};

export const compareEsdbPositions = (a: EsdbPosition, b: EsdbPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'noStream' ? NO_STREAM : expected === 'streamExists' ? STREAM_EXISTS : expected === 'any' ? ANY : BigInt(expected);

/** The client's errors as the port's: a lost race carries expected and actual, like every other adapter. */
export const toPortError = (
  error: unknown,
  append: { readonly streamId: string; readonly expected: ExpectedRevision; readonly size: number; readonly limit: number },
): unknown => {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === NO_STREAM ? 'noStream' : Number(error.actualVersion);
    return new ConcurrencyConflict(append.streamId, append.expected, actual);
  }
  // The server's own limit (--max-append-size) may be lower than the one checked before sending.
  if (error instanceof MaxAppendSizeExceededError) return new MaxAppendSizeExceeded(append.size, error.maxAppendSize ?? append.limit);
  return error;
};

/** Carnet's own keys inside the stored metadata; everything else is the envelope's metadata, untouched. */
interface StoredMetadata extends EventMetadata {
  /** The keys EventStoreDB's system projections read ($bc-, $by_correlation_id). */
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly carnet: { readonly schemaVersion: number };
}

export const toEventData = (event: NewEvent): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: {
      ...event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      carnet: { schemaVersion: event.schemaVersion },
    } satisfies StoredMetadata,
  });

/** Back to the port's envelope; `position` is required because `$all` reads always carry it. */
export const toRecordedEvent = (event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent => {
  if (!event.isJson) throw new Error(`Event ${event.id} in ${event.streamId} is not JSON: it was not written by Carnet`);
  if (!event.position) throw new Error('EventStoreDB did not return event positions on stream reads: Carnet needs a server from 22.10 on');
  const { $correlationId: _correlation, $causationId: _causation, carnet, ...metadata } = event.metadata as StoredMetadata;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: carnet?.schemaVersion ?? 1,
    data: event.data as object,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
  };
};

/** System events ($-prefixed types or streams) are EventStoreDB's own bookkeeping, never Carnet's. */
export const isSystemEvent = (event: { type: string; streamId: string }): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');
