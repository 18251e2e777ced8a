import type { Decider, DomainEvent } from '#domain';
import type { FoldableEvent } from './envelope.js';
import type { EventStore } from './event-store.port.js';
import { toDomainEvent } from './handle-command.js';

/** How a stream's events fold into a state: what a decider says, over events as a fold reads them (readStreamForFold). */
export interface StreamFold<S> {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: FoldableEvent) => S;
  /** The same as `evolve` one event after another, faster over many (the decider's `evolveAll`). */
  readonly evolveAll?: (state: S, events: readonly FoldableEvent[]) => S;
}

/** The fold of a decider's stream. */
export const foldOf = <E extends DomainEvent, S>(decider: Pick<Decider<never, E, S, never>, 'initialState' | 'evolve' | 'evolveAll'>): StreamFold<S> => ({
  initialState: decider.initialState,
  evolve: (state, event) => decider.evolve(state, toDomainEvent<E>(event)),
  ...(decider.evolveAll ? { evolveAll: (state: S, events: readonly FoldableEvent[]) => decider.evolveAll!(state, events.map((e) => toDomainEvent<E>(e))) } : {}),
});

/** A stream folded up to a revision. States are immutable values: a state at revision r stays right for r forever. */
export interface FoldedStream<S> {
  readonly state: S;
  /** Revision of the last event folded; -1 when the stream is empty. */
  readonly revision: number;
  /** Record time of the last event folded. */
  readonly recordedAt: string | undefined;
}

export interface StreamStateCacheOptions {
  /**
   * Events the cache may hold, summed over its streams (their length at the head): the least recently used streams
   * are dropped beyond it, and a longer stream is folded on each call instead of cached.
   */
  readonly maxEvents?: number;
  /** A snapshot of the state every this many events, for reads at a past revision or record time. */
  readonly snapshotEvery?: number;
  /**
   * What reads depend on besides the log: the person-key erasures (PersonKeys.erasures), since states hold decrypted
   * personal values. Compared on every call; when it has changed, every cached state is dropped.
   */
  readonly epoch?: () => number;
  /** Events whose record time `recordedAtOf` answers (e.g. corrections, which a view dates). */
  readonly keepRecordedAt?: (event: FoldableEvent) => boolean;
}

interface Entry<S> {
  head: FoldedStream<S>;
  /** Every `snapshotEvery` revisions, in revision order. */
  readonly snapshots: FoldedStream<S>[];
  /** The command id of each event folded, by revision. */
  readonly commandIds: string[];
  /**
   * First revision of each command, by command id (idempotent replays): indexed from `commandIds` on the first lookup
   * only, since a cold read of a long stream would otherwise hash every command id for nothing.
   */
  commands?: Map<string, number>;
  readonly recordedAt: Map<string, string>;
  /** Record times never went backwards along the stream: the events recorded by an instant are a prefix. */
  ordered: boolean;
  /** The first fold from revision 0, shared by concurrent callers. */
  loading?: Promise<void>;
}

/** What a caller gets: the state at a revision, and what the cache knows of the stream's commands and record times. */
export interface CachedStream<S> extends FoldedStream<S> {
  /** First revision of the events a command recorded (undefined: not in this stream as far as it was read). */
  readonly revisionOfCommand: (commandId: string) => number | undefined;
  readonly recordedAtOf: (eventId: string) => string | undefined;
}

/** About 100 MB of heap for cooperation streams (≈ 0.5 KB per event folded, log and snapshots included, measured). */
const DEFAULT_MAX_EVENTS = 200_000;
const DEFAULT_SNAPSHOT_EVERY = 500;

/**
 * The folded state of each stream in memory, continued with only the events appended after it: a command or a
 * read folds what is new since the last call instead of the whole stream. Every call reads the stream's tail from the
 * store (`readStreamForFold(streamId, { fromRevision })`), so appends by another node or process are always seen; streams are
 * append-only, so a state folded at revision r is valid for r forever. States hold decrypted personal data: `epoch`
 * (the key store's erasures) is checked on every call and an erasure drops every state, so none keeps a value its key
 * no longer opens. Snapshots every `snapshotEvery` events answer reads at a past revision or record time by folding
 * at most that many events. Bounded by `maxEvents`, least recently used streams first.
 */
export class StreamStateCache<S> {
  private readonly entries = new Map<string, Entry<S>>();
  private cachedEvents = 0;
  private currentEpoch: number | undefined;
  private readonly maxEvents: number;
  private readonly snapshotEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly fold: StreamFold<S>,
    private readonly options: StreamStateCacheOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
  }

  /** Streams and events held now (tests, metrics). */
  get size(): { readonly streams: number; readonly events: number } {
    return { streams: this.entries.size, events: this.cachedEvents };
  }

  /** Drops every cached state (an erasure in this process, a test). */
  clear(): void {
    // Key by key: Map#clear leaves the old table's slots pointing at the dropped states, and the young-generation GC
    // takes an old object's slots as live, so a state still young was copied and promoted after its drop (≈ 4 MB and
    // 5 ms more per scavenge for a cold read of a 10,000-event stream).
    for (const streamId of [...this.entries.keys()]) this.entries.delete(streamId);
    this.cachedEvents = 0;
  }

  /** The stream folded up to its last event now in the store. */
  async head(streamId: string): Promise<CachedStream<S>> {
    const entry = await this.entryOf(streamId);
    await this.catchUp(streamId, entry);
    return this.view(entry, entry.head);
  }

  /** The stream folded up to `revision` (at most its head). */
  async atRevision(streamId: string, revision: number): Promise<CachedStream<S>> {
    const entry = await this.entryOf(streamId);
    if (revision > entry.head.revision) await this.catchUp(streamId, entry);
    if (revision >= entry.head.revision) return this.view(entry, entry.head);
    const base = this.snapshotAtOrBefore(entry, (s) => s.revision <= revision);
    const events = base.revision === revision ? [] : await this.store.readStreamForFold(streamId, { fromRevision: base.revision + 1, maxCount: revision - base.revision });
    return this.view(entry, this.continueFrom(base, events));
  }

  /**
   * The stream folded over the events recorded by `instant` (ISO string, compared as stored), or undefined when
   * their record times are out of order (two nodes' clocks): the caller then filters the whole stream itself.
   */
  async recordedBy(streamId: string, instant: string): Promise<CachedStream<S> | undefined> {
    const entry = await this.entryOf(streamId);
    await this.catchUp(streamId, entry);
    if (!entry.ordered) return undefined;
    if (entry.head.recordedAt === undefined || entry.head.recordedAt <= instant) return this.view(entry, entry.head);
    const base = this.snapshotAtOrBefore(entry, (s) => s.recordedAt !== undefined && s.recordedAt <= instant);
    const folded = await this.foldWhile(streamId, base, entry.head.revision, (event) => event.metadata.recordedAt <= instant);
    return this.view(entry, folded);
  }

  private view(entry: Entry<S>, folded: FoldedStream<S>): CachedStream<S> {
    return { ...folded, revisionOfCommand: (commandId) => this.commandsOf(entry).get(commandId), recordedAtOf: (eventId) => entry.recordedAt.get(eventId) };
  }

  private commandsOf(entry: Entry<S>): Map<string, number> {
    if (!entry.commands) {
      entry.commands = new Map();
      entry.commandIds.forEach((commandId, revision) => entry.commands!.has(commandId) || entry.commands!.set(commandId, revision));
    }
    return entry.commands;
  }

  private async entryOf(streamId: string): Promise<Entry<S>> {
    const epoch = this.options.epoch?.() ?? 0;
    if (epoch !== this.currentEpoch) {
      this.clear();
      this.currentEpoch = epoch;
    }
    let entry = this.entries.get(streamId);
    if (entry) {
      // Most recently used last: eviction takes the first.
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    } else {
      entry = { head: { state: this.fold.initialState(), revision: -1, recordedAt: undefined }, snapshots: [], commandIds: [], recordedAt: new Map(), ordered: true };
      this.entries.set(streamId, entry);
    }
    if (entry.loading) await entry.loading;
    return entry;
  }

  /** Folds what was appended after the entry's head; the first call folds the whole stream, once for concurrent callers. */
  private async catchUp(streamId: string, entry: Entry<S>): Promise<void> {
    // A caller that arrives while the first read is under way waits for it, then reads only what came after.
    if (entry.loading) await entry.loading;
    const first = entry.head.revision === -1;
    const read = (async () => {
      // A page at a time, each folded before the one after it is read: the envelopes of a long stream die young instead
      // of all being alive at once (a cold fold of 10,000 events spent a quarter of its time in the GC). Once a page
      // comes back full, the read is a long one: the next two pages are asked for before it is folded, so a store that
      // reads off the event loop (`background`, SQLite's reader thread) reads them meanwhile. Revisions have no gaps, so
      // a page of `snapshotEvery` events from r ends at r + snapshotEvery - 1. The first page is read at once: nothing
      // is folded while it is read, and most streams fit in it. A long read ends with a read or two past the end.
      let from = entry.head.revision + 1;
      const ahead: Promise<FoldableEvent[]>[] = [];
      const ask = (background: boolean) => {
        const page = this.store.readStreamForFold(streamId, { fromRevision: from, maxCount: this.snapshotEvery, background });
        page.catch(() => undefined); // a page read ahead is not awaited when the stream ends or a fold throws first
        ahead.push(page);
        from += this.snapshotEvery;
      };
      ask(false);
      for (;;) {
        const page = await ahead.shift()!;
        const full = page.length >= this.snapshotEvery;
        while (full && ahead.length < 2) ask(true);
        this.advance(streamId, entry, page);
        if (!full) break;
      }
      // An unknown stream keeps no entry: asking for made-up ids must not fill the cache.
      if (entry.head.revision === -1 && this.entries.get(streamId) === entry) this.entries.delete(streamId);
    })();
    if (!first) return read;
    entry.loading = read.finally(() => delete entry.loading);
    return entry.loading;
  }

  /** Folds `events` into the entry: only those after its head (another call may have gone further meanwhile). */
  private advance(streamId: string, entry: Entry<S>, events: readonly FoldableEvent[]): void {
    const before = entry.head.revision;
    const start = events.findIndex((event) => event.revision > before);
    if (start === -1) return;
    const next = start === 0 ? events : events.slice(start);
    let { recordedAt } = entry.head;
    next.forEach((event, i) => {
      if (event.revision !== before + 1 + i) throw new Error(`${streamId}: revision ${event.revision} read after ${before + i}`);
      const at = event.metadata.recordedAt;
      if (recordedAt !== undefined && at < recordedAt) entry.ordered = false;
      recordedAt = at;
      const { commandId } = event.metadata;
      // By revision, not pushed: a fold that throws halfway is read again from the same revision.
      entry.commandIds[event.revision] = commandId;
      if (entry.commands && !entry.commands.has(commandId)) entry.commands.set(commandId, event.revision);
      if (this.options.keepRecordedAt?.(event)) entry.recordedAt.set(event.eventId, at);
    });
    // Folded in runs that end at each snapshot's revision, the snapshot taken in between.
    let folded = entry.head;
    for (let from = 0; from < next.length; ) {
      const untilSnapshot = this.snapshotEvery - ((folded.revision + 1) % this.snapshotEvery);
      const run = next.slice(from, from + untilSnapshot);
      folded = this.continueFrom(folded, run);
      if ((folded.revision + 1) % this.snapshotEvery === 0) entry.snapshots.push(folded);
      from += run.length;
    }
    const { revision } = folded;
    entry.head = folded;
    if (this.entries.get(streamId) !== entry) return; // dropped meanwhile (an erasure): the caller still gets its answer
    this.cachedEvents += revision - before;
    this.evict(streamId);
  }

  private evict(keep: string): void {
    for (const [streamId, entry] of this.entries) {
      if (this.cachedEvents <= this.maxEvents) return;
      // A stream longer than the whole budget is not kept: it is folded afresh each time.
      if (streamId === keep && this.entries.size > 1) continue;
      this.entries.delete(streamId);
      this.cachedEvents -= entry.head.revision + 1;
    }
  }

  /** The latest snapshot (or the empty state) that `fits`, snapshots being in revision order. */
  private snapshotAtOrBefore(entry: Entry<S>, fits: (snapshot: FoldedStream<S>) => boolean): FoldedStream<S> {
    let low = 0;
    let high = entry.snapshots.length - 1;
    let found: FoldedStream<S> = { state: this.fold.initialState(), revision: -1, recordedAt: undefined };
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (fits(entry.snapshots[middle]!)) {
        found = entry.snapshots[middle]!;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  private continueFrom(base: FoldedStream<S>, events: readonly FoldableEvent[]): FoldedStream<S> {
    const last = events.at(-1);
    if (!last) return base;
    const state = this.fold.evolveAll ? this.fold.evolveAll(base.state, events) : events.reduce(this.fold.evolve, base.state);
    return { state, revision: last.revision, recordedAt: last.metadata.recordedAt };
  }

  /** Continues from `base` with the events after it while `keep` holds, reading at most up to `last`, a page at a time. */
  private async foldWhile(streamId: string, base: FoldedStream<S>, last: number, keep: (event: FoldableEvent) => boolean): Promise<FoldedStream<S>> {
    let folded = base;
    while (folded.revision < last) {
      const page = await this.store.readStreamForFold(streamId, { fromRevision: folded.revision + 1, maxCount: Math.min(this.snapshotEvery, last - folded.revision) });
      const kept = page.findIndex((event) => !keep(event));
      folded = this.continueFrom(folded, kept === -1 ? page : page.slice(0, kept));
      if (kept !== -1 || page.length === 0) return folded;
    }
    return folded;
  }
}
