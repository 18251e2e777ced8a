import type { ExpectedRevision, FoldableEvent, NewEvent, Position, ProjectableEvent, RecordedEvent } from './envelope.js';

export interface AppendResult {
  /** Revision of the last appended event: the value to expect next time. */
  readonly nextExpectedRevision: number;
  /** Global position of each appended event, in order. */
  readonly positions: readonly Position[];
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  /**
   * Copying a log (carnet migrate): keep each event's `previousHash` and `hash` as recorded (or their absence,
   * for events recorded before the hash chain) once checked to chain on this stream. Otherwise the store
   * computes them and ignores any the caller sent.
   */
  readonly preserveHashes?: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start: forwards reads from it upwards, backwards from it downwards. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/** A forwards read of a stream for a fold: from `fromRevision` (inclusive, 0 by default), at most `maxCount` events. */
export interface ReadForFoldOptions extends Pick<ReadStreamOptions, 'fromRevision' | 'maxCount'> {
  /**
   * A page of a long read (a cold fold): the adapter may read it off the event loop (SQLite: a reader thread), so the
   * caller folds the page before it meanwhile. The events read are the same either way.
   */
  readonly background?: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start of the log. */
  readonly after?: Position;
  readonly maxCount?: number;
  /**
   * Only events of these types (as stored), still in log order and with their own positions, `maxCount` counting
   * only them: a reader that needs a few types (the directory) skips the rest of the log without reading it.
   */
  readonly types?: readonly string[];
  /**
   * Only events of these streams, in log order with their own positions, `maxCount` counting only them: one
   * cooperation's events, or a member's cooperations', without reading the rest of the log. Combines with `types`.
   */
  readonly streamIds?: readonly string[];
}

export type SubscriptionState = 'catchingUp' | 'live' | 'reconnecting' | 'stopped';

export interface SubscribeToAllOptions {
  /** Exclusive start position; omitted: from the very first event. */
  readonly after?: Position;
  readonly batchSize?: number;
  /** Called in global order, one event at a time; a throw stops the subscription (poison event). */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  readonly onCaughtUp?: (position: Position | undefined) => void;
  readonly onError?: (error: unknown, event?: RecordedEvent) => void;
}

export interface Subscription {
  readonly state: SubscriptionState;
  /** Last position delivered to `onEvent`. */
  readonly position: Position | undefined;
  close(): Promise<void>;
}

/** The one port every adapter implements; `describeEventStoreContract` proves they behave alike. */
export interface EventStore {
  /** Every appended event leaves with `previousHash` and `hash` in its metadata, chained per stream. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * The events `readStream` reads forwards, with only what a fold needs of each (FoldableEvent): folding a state
   * (StreamStateCache) need not read every event's provenance, actor and hashes. An adapter may return whole events.
   */
  readStreamForFold(streamId: string, options?: ReadForFoldOptions): Promise<FoldableEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The event with this id, in whichever stream; undefined when the log has none (an auditor's "who did it"). */
  readEvent(eventId: string): Promise<RecordedEvent | undefined>;
  /**
   * Every event whose metadata carries this correlation id, in log order, across streams: one request and what it
   * caused. A command's events are one append, so they are among them.
   */
  readCorrelated(correlationId: string): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  headPosition(): Promise<Position | undefined>;
  comparePositions(a: Position, b: Position): number;
  /** Whether a string (e.g. a client's `after` cursor) has the shape of this store's positions. */
  isPosition(text: string): boolean;
  close(): Promise<void>;
}

/**
 * The synchronous read of the embedded SQLite log that a rebuild replays, page by page inside its shadow's transaction:
 * the whole log in order, each event as a read model applies it.
 */
export interface SyncEventLog {
  readAllSync(options?: Pick<ReadAllOptions, 'after' | 'maxCount'>): ProjectableEvent[];
  headPosition(): Promise<Position | undefined>;
}

/** An event whose copy of a hashed metadata field (see `MetadataCopies`) differs from the field. */
export interface CopyMismatch {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly position: Position;
  readonly field: 'recordedAt' | 'commandId';
  readonly inMetadata: string | null;
  readonly copy: string | null;
}

/**
 * A store that keeps copies of hashed metadata fields beside the metadata, for `readStreamForFold` (SQLite: the
 * `recorded_at` and `command_id` columns). The hash covers the metadata, not the copies, so verification compares them.
 */
export interface MetadataCopies {
  /**
   * The first of these events (a page as read, in log or revision order) whose stored copies differ from its metadata:
   * checked a page at a time, so a whole log's check never holds the event loop for long.
   */
  firstCopyMismatch(page: readonly RecordedEvent[]): CopyMismatch | undefined;
}

export const hasMetadataCopies = (store: EventStore): store is EventStore & MetadataCopies =>
  typeof (store as Partial<MetadataCopies>).firstCopyMismatch === 'function';

/** Injection token for the store the app folds and projects from: the adapter behind the upcaster chain (upcasting.event-store.ts). */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Injection token for the adapter itself, events as stored: hash-chain verification and export read this one. */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

/**
 * Injection token for the log as read models are built from it: the adapter behind the upcaster chain, personal values
 * left sealed. Read models never keep a person's value, so the API's projections and a rebuild's replay (the CLI's
 * `openReplayLog`) read the same thing, and decrypt nothing.
 */
export const SEALED_EVENT_STORE = Symbol('SEALED_EVENT_STORE');

/** EventStoreDB's default limit, kept by every adapter so a command that fits one fits all. */
export const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;
