import { describe, expect, it } from '@jest/globals';
import { ANY, MaxAppendSizeExceededError, NO_STREAM, STREAM_EXISTS, UnavailableError, WrongExpectedVersionError, type AllStreamRecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from '../../envelope.js';
import { ConcurrencyConflict, MaxAppendSizeExceeded } from '../../event-store.errors.js';
import {
  compareEsdbPositions,
  decodePosition,
  encodePosition,
  isEventStoreDbPosition,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEventData,
  toPortError,
  toRecordedEvent,
} from './eventstoredb.mapping.js';

const U64_MAX = 18_446_744_073_709_551_615n;

describe('EventStoreDB positions', () => {
  it('are written in the server’s notation and read back exactly, up to 64-bit values', () => {
    expect(encodePosition({ commit: 1234n, prepare: 1240n })).toBe('C:1234/P:1240');
    for (const position of [{ commit: 0n, prepare: 0n }, { commit: 9_007_199_254_740_993n, prepare: U64_MAX }]) {
      expect(decodePosition(encodePosition(position))).toEqual(position);
    }
  });

  it('order by commit, then by prepare within one transaction', () => {
    const a = { commit: 100n, prepare: 100n };
    const b = { commit: 100n, prepare: 180n };
    const c = { commit: 260n, prepare: 260n };
    expect(compareEsdbPositions(a, b)).toBeLessThan(0);
    expect(compareEsdbPositions(c, b)).toBeGreaterThan(0);
    expect(compareEsdbPositions(b, { ...b })).toBe(0);
    // 10 < 9 as text: the comparison is numeric.
    expect(compareEsdbPositions({ commit: 10n, prepare: 10n }, { commit: 9n, prepare: 9n })).toBeGreaterThan(0);
  });

  it('refuse what is not one (a SQLite row number, a truncated value)', () => {
    expect(isEventStoreDbPosition('C:1/P:2')).toBe(true);
    for (const text of ['42', 'C:1', 'C:-1/P:2', 'C:1/P:2 ', 'c:1/p:2']) expect(isEventStoreDbPosition(text)).toBe(false);
    expect(() => decodePosition('42')).toThrow('"42" is not an EventStoreDB position');
  });
});

describe('expected revisions', () => {
  it('map the port’s sentinels and 0-based revisions to the client’s', () => {
    expect(toEsdbExpectedRevision('noStream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('streamExists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });
});

describe('client errors as port errors', () => {
  const append = { streamId: 'cooperation-x', expected: 3, size: 2000, limit: 1024 * 1024 } as const;

  it('WrongExpectedVersionError becomes a ConcurrencyConflict carrying expected and actual', () => {
    const error = toPortError(new WrongExpectedVersionError(undefined, { streamName: 'cooperation-x', expected: 3n, current: 5n }), append);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ streamId: 'cooperation-x', expected: 3, actual: 5 });
  });

  it('a missing stream is reported as actual noStream, the port’s spelling', () => {
    const error = toPortError(new WrongExpectedVersionError(undefined, { streamName: 'cooperation-x', expected: 0n, current: NO_STREAM }), { ...append, expected: 0 });
    expect(error).toMatchObject({ code: 'ConcurrencyConflict', expected: 0, actual: 'noStream' });
  });

  it('the server’s append limit becomes MaxAppendSizeExceeded with that limit', () => {
    const error = toPortError(MaxAppendSizeExceededError.fromMaxAppendSize(1000), append);
    expect(error).toBeInstanceOf(MaxAppendSizeExceeded);
    expect(error).toMatchObject({ size: 2000, limit: 1000 });
  });

  it('anything else passes through unchanged', () => {
    const unavailable = new UnavailableError(undefined, 'no leader');
    expect(toPortError(unavailable, append)).toBe(unavailable);
  });
});

describe('the envelope', () => {
  const event: NewEvent = {
    eventId: '0190f5c2-7a1e-5b3c-9d4e-112233445566',
    type: 'CharterSigned',
    schemaVersion: 2,
    data: { label: 'Habitant·e·s — l’atelier 🌱', version: 1 },
    metadata: {
      actor: { userId: 'local', capacity: 'operator' },
      recordedAt: '2026-11-23T10:00:00.000Z',
      correlationId: 'correlation-1',
      causationId: 'cause-1',
      commandId: 'command-1',
      commandHash: 'abc',
      occurredAt: { date: '2025-12', precision: 'month', approximate: true },
      source: { document: '000_0dc475c9d600a2f3.txt', lines: '524-632', confidence: 'stated' },
      previousHash: 'p',
      hash: 'h',
    },
  };
  const stored = (): AllStreamRecordedEvent => {
    const data = toEventData(event);
    return {
      streamId: 'cooperation-coop:x',
      id: data.id,
      isJson: true,
      revision: 7n,
      type: data.type,
      created: new Date(),
      data: data.data as never,
      metadata: JSON.parse(JSON.stringify(data.metadata)) as never,
      position: { commit: 100n, prepare: 180n },
    };
  };

  it('round-trips event id, type, schema version, data and every metadata key (business date, provenance, hashes)', () => {
    expect(toRecordedEvent(stored())).toEqual({ ...event, streamId: 'cooperation-coop:x', revision: 7, position: 'C:100/P:180' });
  });

  it('also writes $correlationId and $causationId, which EventStoreDB’s system projections read', () => {
    expect(toEventData(event).metadata).toMatchObject({ $correlationId: 'correlation-1', $causationId: 'cause-1', carnet: { schemaVersion: 2 } });
  });

  it('refuses an event not written by Carnet (binary), and a server too old to give stream positions', () => {
    expect(() => toRecordedEvent({ ...stored(), isJson: false } as never)).toThrow('is not JSON');
    expect(() => toRecordedEvent({ ...stored(), position: undefined } as never)).toThrow('22.10');
  });

  it('tells system events apart by their $ prefix', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$cooperation-x' })).toBe(true);
    expect(isSystemEvent({ type: 'StatsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
    expect(isSystemEvent({ type: 'MemberAdmitted', streamId: 'cooperation-x' })).toBe(false);
  });
});
