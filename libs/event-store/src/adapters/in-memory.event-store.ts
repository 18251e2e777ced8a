import { EventEmitter } from 'node:events';
import { ensureAppendSize, ensureExpectedRevision } from '../append-guard.js';
import { appendSignal, catchUpSubscription } from '../catch-up-subscription.js';
import { rowPositions, type FoldableEvent, type NewEvent, type Position, type RecordedEvent } from '../envelope.js';
import { DuplicateEventId } from '../event-store.errors.js';
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
} from '../event-store.port.js';
import { sealEvents, tipAfter } from '../integrity/hash-chain.js';
import { readStreamSlice } from '../read-stream-slice.js';

/** For unit tests and ephemeral runs: the same contract as the durable adapters, kept in memory. */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly appended = new EventEmitter().setMaxListeners(0);

  constructor(private readonly options: { maxAppendBytes?: number } = {}) {}

  async append(streamId: string, events: readonly NewEvent[], { expectedRevision, preserveHashes }: AppendOptions): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    ensureExpectedRevision(streamId, expectedRevision, stream.at(-1)?.revision);
    const sealed = sealEvents(streamId, tipAfter(stream.at(-1), () => stream), stream.length, events, preserveHashes);
    ensureAppendSize(sealed, this.options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES);
    const duplicate = events.find((e, i) => this.eventIds.has(e.eventId) || events.findIndex((o) => o.eventId === e.eventId) !== i);
    if (duplicate) throw new DuplicateEventId(duplicate.eventId);
    const recorded = sealed.map(
      (event, i): RecordedEvent => structuredClone({ ...event, streamId, revision: stream.length + i, position: String(this.log.length + i + 1) }),
    );
    this.log.push(...recorded);
    this.streams.set(streamId, [...stream, ...recorded]);
    for (const e of recorded) this.eventIds.add(e.eventId);
    this.appended.emit('appended');
    return { nextExpectedRevision: recorded.at(-1)!.revision, positions: recorded.map((e) => e.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return structuredClone(readStreamSlice(this.streams.get(streamId) ?? [], options));
  }

  /** Whole events: nothing to gain from reading less of what is already in memory. */
  async readStreamForFold(streamId: string, options: ReadForFoldOptions = {}): Promise<FoldableEvent[]> {
    return this.readStream(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const start = options.after === undefined ? 0 : Number(options.after);
    const types = options.types && new Set(options.types);
    const streams = options.streamIds && new Set(options.streamIds);
    const page =
      types || streams
        ? this.log
            .slice(start)
            .filter((event) => (!types || types.has(event.type)) && (!streams || streams.has(event.streamId)))
            .slice(0, options.maxCount)
        : this.log.slice(start, options.maxCount === undefined ? undefined : start + options.maxCount);
    return structuredClone(page);
  }

  async readEvent(eventId: string): Promise<RecordedEvent | undefined> {
    return structuredClone(this.log.find((event) => event.eventId === eventId));
  }

  async readCorrelated(correlationId: string): Promise<RecordedEvent[]> {
    return structuredClone(this.log.filter((event) => event.metadata.correlationId === correlationId));
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return catchUpSubscription({ readAll: (o) => this.readAll(o), waitForAppend: appendSignal(this.appended) }, options);
  }

  async headPosition(): Promise<Position | undefined> {
    return this.log.at(-1)?.position;
  }

  comparePositions(a: Position, b: Position): number {
    return rowPositions.compare(a, b);
  }

  isPosition(text: string): boolean {
    return rowPositions.isPosition(text);
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
  }
}
