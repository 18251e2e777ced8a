import type { FoldableEvent, NewEvent } from './envelope.js';
import type { AppendOptions, EventStore, SyncEventLog } from './event-store.port.js';

const RAW = Symbol('carnet.rawEventStore');

type View = { readonly [RAW]: EventStore };

/** The adapter under any stack of views (upcasting, decrypting), or the store itself: what hashes, exports and copies must read. */
export const rawEventStore = (store: EventStore): EventStore => (store as Partial<View>)[RAW] ?? store;

export interface EventStoreViewOptions {
  /**
   * Every event read (readStream, readStreamForFold, readAll, readEvent, readCorrelated, subscribeToAll, readAllSync)
   * passes through it, whole or as a fold reads it; a throw fails the read.
   */
  readonly read: <E extends FoldableEvent>(event: E) => E;
  /**
   * What the events of one read (a page, a stream) become, at once: what it looks up may then serve that read's other
   * events, never a later read. `read` on each when omitted.
   */
  readonly readEach?: <E extends FoldableEvent>(events: readonly E[]) => E[];
  /** What an append hands down to the store underneath; events go untouched when omitted. */
  readonly append?: (streamId: string, events: readonly NewEvent[], options: AppendOptions) => readonly NewEvent[] | Promise<readonly NewEvent[]>;
  readonly close?: () => Promise<void>;
}

/**
 * A decorator over the port that changes what is read and what is appended, never what is stored once stored: each
 * view reads from the store it wraps (so views stack: the API reads adapter → decrypt → upcast) and remembers the
 * adapter at the bottom for `rawEventStore`.
 */
export function eventStoreView<S extends EventStore & SyncEventLog>(store: S, options: EventStoreViewOptions): EventStore & SyncEventLog;
export function eventStoreView(store: EventStore, options: EventStoreViewOptions): EventStore;
export function eventStoreView(store: EventStore, { read, readEach = (events) => events.map(read), append, close }: EventStoreViewOptions): EventStore {
  const view: EventStore & View & Partial<SyncEventLog> = {
    [RAW]: rawEventStore(store),
    append: async (streamId, events, appendOptions) => store.append(streamId, append ? await append(streamId, events, appendOptions) : events, appendOptions),
    readStream: async (streamId, readOptions) => readEach(await store.readStream(streamId, readOptions)),
    readStreamForFold: async (streamId, readOptions) => readEach(await store.readStreamForFold(streamId, readOptions)),
    readAll: async (readOptions) => readEach(await store.readAll(readOptions)),
    readEvent: async (eventId) => {
      const event = await store.readEvent(eventId);
      return event && read(event);
    },
    readCorrelated: async (correlationId) => readEach(await store.readCorrelated(correlationId)),
    // An event that cannot be read throws inside onEvent: the subscription stops on it as on any poison event.
    subscribeToAll: (subscribeOptions) => store.subscribeToAll({ ...subscribeOptions, onEvent: (event) => subscribeOptions.onEvent(read(event)) }),
    headPosition: () => store.headPosition(),
    comparePositions: (a, b) => store.comparePositions(a, b),
    isPosition: (text) => store.isPosition(text),
    close: close ?? (() => store.close()),
  };
  const sync = store as Partial<SyncEventLog>;
  if (sync.readAllSync) view.readAllSync = (readOptions) => readEach(sync.readAllSync!.call(store, readOptions));
  return view;
}
