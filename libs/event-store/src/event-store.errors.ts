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

/** The stored event a reader could not bring to its type's current schema: where it is, as stored. */
export interface UnreadableEventRef {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
}

const whereIs = (e: UnreadableEventRef): string => `${e.type} v${String(e.schemaVersion)} (event ${e.eventId}, ${e.streamId}@${e.revision})`;

/** A stored schema version this build has no way up from: newer than its type's current one (a newer Carnet wrote it), or not a version. */
export class UnknownSchemaVersion extends Error {
  readonly code = 'UnknownSchemaVersion';
  constructor(
    readonly event: UnreadableEventRef,
    readonly currentVersion: number,
  ) {
    super(
      event.schemaVersion > currentVersion
        ? `${whereIs(event)} is newer than this Carnet reads (${event.type} up to v${currentVersion}): upgrade Carnet before reading this log`
        : `${whereIs(event)} has no schema version this Carnet reads (${event.type} is at v${currentVersion})`,
    );
    this.name = 'UnknownSchemaVersion';
  }
}

/** An upcaster refused a stored event whose data does not have the shape of its version: named, never skipped. */
export class UpcastFailed extends Error {
  readonly code = 'UpcastFailed';
  constructor(
    readonly event: UnreadableEventRef,
    readonly fromVersion: number,
    cause: unknown,
  ) {
    super(`${whereIs(event)}: upcasting from v${fromVersion} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'UpcastFailed';
  }
}

/** A new event (not a copy) written at another version than its type's current one would be read through the wrong upcasters. */
export class SchemaVersionNotCurrent extends Error {
  readonly code = 'SchemaVersionNotCurrent';
  constructor(
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Event ${eventId} (${type}) is written at schema v${schemaVersion}; new ${type} events are written at v${currentVersion}`);
    this.name = 'SchemaVersionNotCurrent';
  }
}

/** Personal data of a person whose key was erased (GDPR) cannot be recorded again under that id: it could never be read. */
export class PersonDataErased extends Error {
  readonly code = 'PersonDataErased';
  constructor(readonly personId: string) {
    super(`The personal data of ${personId} was erased: nothing personal is recorded under this id any more (use a new person id)`);
    this.name = 'PersonDataErased';
  }
}

/** A name (personal-data.ts `names`) that belongs to no person id and no organisation could never be erased: refused. */
export class PersonalDataWithoutPerson extends Error {
  readonly code = 'PersonalDataWithoutPerson';
  constructor(readonly eventId: string, readonly type: string, readonly path: string) {
    super(`Event ${eventId} (${type}) names someone at ${path} without a person id or an organisation id: it could not be erased`);
    this.name = 'PersonalDataWithoutPerson';
  }
}
