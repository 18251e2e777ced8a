import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamRecordedEvent,
  type AppendResult as EsdbAppendResult,
  type Direction,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import { ensureAppendSize, ensureExpectedRevision, serialisedSize } from '../../append-guard.js';
import type { FoldableEvent, NewEvent, Position, RecordedEvent } from '../../envelope.js';
import { ConcurrencyConflict, DuplicateEventId } from '../../event-store.errors.js';
import {
  DEFAULT_MAX_APPEND_BYTES,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadForFoldOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../event-store.port.js';
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
import { sealEvents, tipAfter } from '../../integrity/hash-chain.js';
import { readStreamsInLogOrder } from '../../streams-in-log-order.js';
import { backoffDelay, resubscribingSubscription, sleepUnlessAborted, type BackoffPolicy, type ResubscribeSettings } from './resubscribing-subscription.js';

/** `sleep` paces the append's retries too (below), not only resubscribing. */
export interface EventStoreDbOptions extends ResubscribeSettings {
  readonly maxAppendBytes?: number;
}

const SCAN_PAGE = 500;
/**
 * `any` and `streamExists` promise no conflict (SQLite never reports one), yet the chain pins the exact revision: on
 * a conflict the stream is re-read and re-sealed after a random wait of up to 2, 4, 8 … 250 ms, so writers racing for
 * one stream fall out of step. The conflict is reported only when the stream stays that busy for 50 attempts: about
 * 11 s of waiting at most, half that on average.
 */
const RESEAL_ATTEMPTS = 50;
const RESEAL_BACKOFF: BackoffPolicy = { initialMs: 2, maxMs: 250 };
/** A stored batch is read back for its positions: 5 attempts, 100, 200, 400, 800 ms apart (a leader election). */
const READ_BACK_ATTEMPTS = 5;
const READ_BACK_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 800 };

/**
 * EventStoreDB turns a retry at the same expected revision into a silent no-op but accepts an event id
 * already stored elsewhere in the stream; the port refuses both, so the stream's ids are checked first.
 * Unlike SQLite, ids are checked per stream, not across the whole store (Carnet derives them per command).
 */
const ensureNewEventIds = (stream: readonly RecordedEvent[], events: readonly NewEvent[]): void => {
  const batch = new Set<string>();
  for (const { eventId } of events) {
    if (batch.has(eventId)) throw new DuplicateEventId(eventId);
    batch.add(eventId);
  }
  const stored = stream.find((e) => batch.has(e.eventId));
  if (stored) throw new DuplicateEventId(stored.eventId);
};

/**
 * The production engine: EventStoreDB (KurrentDB) through `@eventstore/db-client` v6, server 22.10 or later.
 * `$all` is read and followed without EventStoreDB's own system events; positions are `C:<commit>/P:<prepare>`.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  /** Aborted by close(): an append waiting to retry stops waiting. */
  private readonly closing = new AbortController();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions = {},
  ) {}

  /** Lazy: nothing is dialled until the first call. List every cluster node (`esdb://h1:2113,h2:2113,h3:2113`). */
  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  /**
   * Reads the stream, seals the events onto its last one (hash chain) and appends with that exact revision,
   * whatever the caller expected: a concurrent writer then makes the server refuse, and the port reports a
   * ConcurrencyConflict (handleCommand re-decides on it) rather than two events chained from the same one.
   * With `any` or `streamExists`, a conflict is retried instead (RESEAL_ATTEMPTS).
   */
  async append(streamId: string, events: readonly NewEvent[], { expectedRevision, preserveHashes }: AppendOptions): Promise<AppendResult> {
    const limit = this.options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    ensureAppendSize(events, limit);
    const sentinel = expectedRevision === 'any' || expectedRevision === 'streamExists';
    for (let attempt = 1; ; attempt++) {
      const stream = await this.readStream(streamId);
      const current = stream.at(-1)?.revision;
      ensureExpectedRevision(streamId, expectedRevision, current);
      ensureNewEventIds(stream, events);
      const sealed = sealEvents(streamId, tipAfter(stream.at(-1), () => stream), (current ?? -1) + 1, events, preserveHashes);
      ensureAppendSize(sealed, limit);
      let written: EsdbAppendResult;
      try {
        written = await this.client.appendToStream(streamId, sealed.map(toEventData), { expectedRevision: toEsdbExpectedRevision(current ?? 'noStream') });
      } catch (error) {
        const mapped = toPortError(error, { streamId, expected: expectedRevision, size: serialisedSize(sealed), limit });
        // Not once the store is closing: its waits no longer wait, and the retries would run back to back.
        if (!(mapped instanceof ConcurrencyConflict && sentinel && attempt < RESEAL_ATTEMPTS) || this.closing.signal.aborted) throw mapped;
        await this.wait(Math.random() * backoffDelay(attempt - 1, RESEAL_BACKOFF));
        continue;
      }
      const nextExpectedRevision = Number(written.nextExpectedRevision);
      return { nextExpectedRevision, positions: await this.positionsOf(streamId, nextExpectedRevision, events.length, written.position) };
    }
  }

  /**
   * The server answers with one position for the whole write: the batch is read back for each event's own. The events
   * are stored whatever this read comes to, so a failed one is retried; if it keeps failing, a single event gets the
   * write's position (its own), while several, which would all get one position, are reported as the read's error.
   */
  private async positionsOf(streamId: string, lastRevision: number, count: number, writePosition: EsdbPosition | undefined): Promise<Position[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const written = await this.readStream(streamId, { fromRevision: lastRevision - count + 1, maxCount: count });
        return written.map((e) => e.position);
      } catch (error) {
        if (attempt + 1 < READ_BACK_ATTEMPTS && !this.closing.signal.aborted) await this.wait(backoffDelay(attempt, READ_BACK_BACKOFF));
        else if (writePosition && count === 1) return [encodePosition(writePosition)];
        else throw error;
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return (this.options.sleep ?? sleepUnlessAborted)(ms, this.closing.signal);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read: RecordedEvent[] = [];
    try {
      const stream = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of stream) if (resolved.event) read.push(toRecordedEvent(resolved.event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return read;
  }

  /** Whole events: the server sends each event's metadata anyway. */
  async readStreamForFold(streamId: string, options: ReadForFoldOptions = {}): Promise<FoldableEvent[]> {
    return this.readStream(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const read: RecordedEvent[] = [];
    if (maxCount <= 0) return read;
    // Each stream read from the server's own index, from its first event after `after`: no scan of `$all`.
    if (options.streamIds) return readStreamsInLogOrder(this, options.streamIds, options);
    // $all has no server-side type filter in client v6 reads: the scan skips the other types here.
    const types = options.types && new Set(options.types);
    for await (const event of this.scanAll(FORWARDS, options.after === undefined ? undefined : decodePosition(options.after), types ? Number.POSITIVE_INFINITY : maxCount)) {
      if (types && !types.has(event.type)) continue;
      read.push(toRecordedEvent(event));
      if (read.length >= maxCount) break;
    }
    return read;
  }

  /** `$all` has no index by event id: a scan of the log, where SQLite answers from an index. */
  async readEvent(eventId: string): Promise<RecordedEvent | undefined> {
    for await (const event of this.scanAll(FORWARDS, undefined)) if (event.id === eventId) return toRecordedEvent(event);
    return undefined;
  }

  /**
   * A scan of the log too. The metadata carries `$correlationId` (toEventData), so the server's `$by_correlation_id`
   * projection could serve `$bc-<id>` streams; it is off in the compose file and may lag behind, so it is not relied on.
   */
  async readCorrelated(correlationId: string): Promise<RecordedEvent[]> {
    const correlated: RecordedEvent[] = [];
    for await (const event of this.scanAll(FORWARDS, undefined)) {
      // Compared before mapping: nearly all of the log is of other correlations.
      if ((event.metadata as { correlationId?: unknown } | undefined)?.correlationId === correlationId) correlated.push(toRecordedEvent(event));
    }
    return correlated;
  }

  /**
   * Non-system events of `$all` strictly beyond `after` in `direction`, read page by page. The filter is
   * applied here because `readAll` has none in client v6; a page's boundary event is read twice and skipped.
   */
  private async *scanAll(direction: Direction, after: EsdbPosition | undefined, wanted = Number.POSITIVE_INFINITY): AsyncGenerator<AllStreamRecordedEvent> {
    let boundary = after;
    const beyond = (position: EsdbPosition) => boundary === undefined || compareEsdbPositions(position, boundary) * (direction === FORWARDS ? 1 : -1) > 0;
    for (;;) {
      const pageSize = Math.min(SCAN_PAGE, wanted + 1);
      const pageStart = boundary;
      let read = 0;
      for await (const { event } of this.client.readAll({ direction, fromPosition: boundary ?? (direction === FORWARDS ? START : END), maxCount: pageSize })) {
        read += 1;
        if (!event || !beyond(event.position)) continue;
        boundary = event.position;
        if (!isSystemEvent(event)) yield event;
      }
      if (read < pageSize || boundary === pageStart) return;
    }
  }

  private async newestPosition(): Promise<EsdbPosition | undefined> {
    for await (const event of this.scanAll(BACKWARDS, undefined)) return event.position;
    return undefined;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const subscription = resubscribingSubscription(
      {
        subscribe: (from) => this.client.subscribeToAll({ fromPosition: from ?? START, filter: excludeSystemEvents() }),
        head: () => this.newestPosition(),
      },
      options,
      this.options,
    );
    this.subscriptions.add(subscription);
    void subscription.stopped.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    const newest = await this.newestPosition();
    return newest && encodePosition(newest);
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(decodePosition(a), decodePosition(b));
  }

  isPosition(text: string): boolean {
    return isEventStoreDbPosition(text);
  }

  /** Stops every subscription, then releases the client's channels (the client needs `dispose()`). */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }
}
