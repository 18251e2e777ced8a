import type { Actor, BusinessDate, ProvenanceConfidence } from '#domain';

/** Where a historical fact comes from (domain.md §7.3): seed document, lines, confidence. */
export interface Provenance {
  readonly document: string;
  readonly lines?: string;
  readonly confidence: ProvenanceConfidence;
}

export const EVENT_VISIBILITIES = ['consortium', 'funders', 'public'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

export interface EventMetadata {
  readonly actor: Actor;
  /** Record time, stamped when the command was handled. */
  readonly recordedAt: string;
  /**
   * The calendar day `recordedAt` fell on where the cooperations are (CARNET_TIME_ZONE): the day the timeline places a
   * fact that states no date of its own. Absent on events recorded before 2026-12-08 and on the facts the server records
   * outside commands (exports, erasures: recordFact): their UTC day stands in.
   */
  readonly recordedOn?: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId: string;
  /** Fingerprint of the command body, so a reused idempotency key with another body is caught. */
  readonly commandHash?: string;
  /** Business time of the fact, apart from record time. */
  readonly occurredAt?: BusinessDate;
  readonly source?: Provenance;
  /**
   * Who the fact is shared with (domain.md §8.1): the consortium (the default: drafts and experiments fall under the
   * « droit à l'erreur »), its funders too, or the public. Absent on events recorded before it was stamped: consortium.
   */
  readonly visibility?: EventVisibility;
  /** The `hash` of the stream's previous event (64 zeros at revision 0); stamped by the store on append. */
  readonly previousHash?: string;
  /** SHA-256 over the event's canonical content, `previousHash` included (integrity/hash-chain.ts); stamped by the store. */
  readonly hash?: string;
  readonly [extension: string]: unknown;
}

/** An event on its way into the store. `type` is the stored contract, never a class name. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
  readonly metadata: EventMetadata;
}

/**
 * A global position in the log. Opaque to callers: serialisable as a string and ordered by the store's
 * `comparePositions` (SQLite: the row number; EventStoreDB: commit/prepare).
 */
export type Position = string;

/** The positions of the log-structured adapters (SQLite, in-memory): the row number, from 1. */
export const rowPositions = {
  compare: (a: Position, b: Position): number => Number(a) - Number(b),
  isPosition: (text: string): boolean => /^\d{1,15}$/.test(text),
};

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: number;
  readonly position: Position;
}

/**
 * An event as a fold reads it (`readStreamForFold`): what evolves a state (type, version, data, id) and what a cache of
 * folded states indexes it by (revision, record time, command). A RecordedEvent is one; the SQLite log reads only
 * these fields, a third of each row, since a cold fold of a long stream spent most of its time parsing metadata.
 */
export interface FoldableEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
  readonly metadata: Pick<EventMetadata, 'recordedAt' | 'commandId'>;
}

/**
 * An event as a read model applies it: a RecordedEvent without the metadata only an audit reads — correlation and
 * causation ids, the command's hash, the hash chain's two hashes — about 40 % of a stored row's bytes. A rebuild reads the
 * log this way (`SyncEventLog.readAllSync`); a RecordedEvent is one.
 */
export interface ProjectableEvent extends Omit<RecordedEvent, 'metadata'> {
  readonly metadata: Pick<EventMetadata, 'actor' | 'recordedAt' | 'recordedOn' | 'commandId' | 'occurredAt' | 'source' | 'visibility'>;
}

/** Expected revision of a stream before an append: a sentinel or the exact 0-based revision of its last event. */
export type ExpectedRevision = 'noStream' | 'streamExists' | 'any' | number;
