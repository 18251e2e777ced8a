import type Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { rawEventStore, settle, type EventStore, type Position, type RecordedEvent, type Settled, type Subscription, type SubscriptionState } from '#event-store';
import { initProjection, type Projection } from '../projection.js';
import { Checkpoints, earliestPosition } from './checkpoints.js';
import { quote, ReadModelsConnection } from './read-models-file.js';

export interface ProjectionFailure {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly message: string;
}

/** Why the read models are not updated for now: the runner reads again after a backoff, and nothing is lost meanwhile. */
export interface ProjectionRetry {
  /** When the first of these failures in a row happened (ISO 8601). */
  readonly since: string;
  /** The last one's. */
  readonly message: string;
  /** The subscription's position then (the last event it delivered); null before the first. */
  readonly position: Position | null;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: SubscriptionState;
  readonly position: Position | null;
  /**
   * Events in the log that this projection has not applied yet: 0 at the head, otherwise as counted at most a second
   * ago; null when the log could not be read to count them.
   */
  readonly lagEvents: number | null;
  /** Age of the oldest event it has not applied yet, 0 when caught up; null when not counted. */
  readonly lagSeconds: number | null;
  /** The event that stopped it: a poison event is never skipped silently. */
  readonly failure?: ProjectionFailure;
  /** Set while it is `reconnecting`: the read models' file refused a batch, a read of the log failed, or the store's subscription reconnects. */
  readonly retrying?: ProjectionRetry;
}

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** Told of each failure the runner retries, before the wait: to log it. */
  readonly onRetry?: (error: unknown, retryInMs: number) => void;
}

const LAG_COUNT_CAP = 100_000;
/** How long a count of the lag serves: /health is public and not rate-limited, and a count reads up to LAG_COUNT_CAP events. */
const LAG_COUNT_TTL_MS = 1000;
/** How long the runner waits before reading again when the file stayed locked beyond its busy timeout. */
const BUSY_RETRY_MS = 250;
/** The wait before reading again after the n-th failure in a row doubles from the first, up to the last (a disk may stay full for hours). */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
const backoffMs = (failuresBefore: number): number => Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failuresBefore);
/** How often an idle runner looks for a generation a rebuild published. */
const GENERATION_WATCH_MS = 1000;

const sqliteCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : '';
};

/** SQLite's "database is locked" (another connection holds the write lock): a reason to wait, never a poison event. */
const isBusy = (error: unknown): boolean => sqliteCode(error).startsWith('SQLITE_BUSY');

/**
 * The read models' file could not be written (locked, full, an I/O error, out of memory, read-only or corrupt): its
 * fault, never the event's. A batch meeting it is tried again whole, and no event is taken for a poison event on it.
 */
const isFileError = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL|INTERRUPT)(_|$)/.test(sqliteCode(error));

/** Not by `instanceof Error`: an error made in another realm (a native module's under jest's VM, a worker's) fails it. */
export const messageOf = (error: unknown): string => {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
};

interface Lag {
  readonly events: number;
  readonly seconds: number;
}

const NO_LAG: Lag = { events: 0, seconds: 0 };

/** A count of the lags, shared until LAG_COUNT_TTL_MS after it finished (`countedAt` undefined: under way). */
interface LagCount {
  countedAt: number | undefined;
  readonly lags: Promise<Map<RunningProjection, Lag | undefined>>;
}

const lagOfUnapplied = (unapplied: readonly RecordedEvent[]): Lag => {
  const oldest = unapplied[0]?.metadata.recordedAt;
  return { events: unapplied.length, seconds: oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0 };
};

/** Another process (a rebuild) replaced this projection's tables and moved its checkpoint. */
class CheckpointMoved extends Error {}

/** One read model under the runner: where it stands, how it applies a batch, what stopped it. */
class RunningProjection {
  position: Position | undefined;
  failure: ProjectionFailure | undefined;
  /**
   * After a move to a rebuilt generation, the last event pushed for it from the previous one: the events up to there are
   * not pushed again, and those the generation holds past there (its tail) are pushed without being applied again.
   */
  pushedUpTo: Position | undefined;
  private readonly handles: ReadonlySet<string>;
  /** Rows and checkpoint in one transaction (a savepoint inside the runner's): each event takes effect exactly once, even across crashes. */
  readonly applyBatch: Database.Transaction<(events: readonly RecordedEvent[]) => void>;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpoints,
    readonly projection: Projection,
  ) {
    this.handles = new Set(projection.handles);
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      if (checkpoints.get(projection.name)?.position !== this.position) throw new CheckpointMoved();
      for (const event of events) if (this.handles.has(event.type)) projection.apply(db, event);
      checkpoints.set(projection.name, { version: projection.version, position: events.at(-1)!.position });
    });
  }

  /**
   * Its checkpoint; or, when its version changed (or it has none), a replay from position zero into its tables emptied
   * first, in the checkpoint reset's transaction: a version deployed again after a rollback finds its tables as it left them.
   */
  start(): void {
    this.position = this.db
      .transaction(() => {
        const saved = this.checkpoints.get(this.projection.name);
        const kept = saved?.version === this.projection.version ? saved : undefined;
        if (!kept) this.dropTables();
        initProjection(this.db, this.projection);
        if (!kept) this.checkpoints.set(this.projection.name, { version: this.projection.version, position: undefined });
        return kept?.position;
      })
      .immediate();
  }

  dropTables(): void {
    for (const table of this.projection.tables) this.db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
  }

  /** After a rebuild switched its tables: on from the checkpoint the rebuild left. */
  resumeFromCheckpoint(): void {
    this.position = this.checkpoints.get(this.projection.name)?.position;
  }

  fail(event: RecordedEvent, error: unknown): void {
    this.failure = {
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      message: messageOf(error),
    };
  }
}

export type AppliedListener = (projection: string, events: readonly RecordedEvent[]) => void;

/** The runner's hold on one generation of the read models' file. */
interface Binding {
  readonly db: Database.Database;
  readonly checkpoints: Checkpoints;
  readonly running: RunningProjection[];
  readonly applyAll: Database.Transaction<(events: readonly RecordedEvent[]) => Map<RunningProjection, BatchOutcome>>;
}

/** A read model's share of a batch (the events after its position), and how applying it went. */
interface BatchOutcome {
  readonly events: readonly RecordedEvent[];
  readonly applied: Settled<void>;
}

/**
 * Keeps read models up to date from the store's subscription (never from the in-process event bus), so
 * they can be replayed from position zero and resume from their checkpoint after a restart.
 */
export class ProjectionRunner {
  private running!: RunningProjection[];
  private readonly listeners = new Set<AppliedListener>();
  private readonly batchSize: number;
  private readonly onRetry: ((error: unknown, retryInMs: number) => void) | undefined;
  private subscription: Subscription | undefined;
  /** Bumped when a subscription is let go: what it still delivers is ignored, the next one reads it again from the checkpoints. */
  private generation = 0;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;
  /** A retry of a batch the file's lock refused is due: events arriving meanwhile wait for it (see `receive`). */
  private busyRetryScheduled = false;
  /** Aborted by stop(): it ends a backoff's wait, and no subscription opens after it. */
  private stopping = new AbortController();
  /** The replacement of the subscription under way: stop() waits for it. */
  private resubscribing: Promise<void> | undefined;
  /** The failures retried in a row (cleared once a read model moves on again) and how many: the backoff grows with them. */
  private retry: ProjectionRetry | undefined;
  private retries = 0;
  /** A generation a rebuild published that could not be opened yet: why, how many tries, when to try again. */
  private generationFailure: { readonly retry: ProjectionRetry; readonly attempts: number; readonly nextAttemptAt: number } | undefined;
  /** Since when the store's subscription has been reconnecting by itself (EventStoreDB), as first seen by `status`. */
  private reconnectingSince: string | undefined;
  private lagCount: LagCount | undefined;
  /**
   * Every read model's batch in one transaction, each in its own savepoint: one refusing rolls back alone. Run IMMEDIATE:
   * a deferred transaction that reads its checkpoint and then writes gets SQLITE_BUSY at once, whatever the busy timeout,
   * when another connection (a second process on the same file) holds the write lock or committed meanwhile.
   */
  private applyAll!: Database.Transaction<(events: readonly RecordedEvent[]) => Map<RunningProjection, BatchOutcome>>;

  private checkpoints!: Checkpoints;
  private db!: Database.Database;
  private readonly connection: ReadModelsConnection;
  /** Looks for a generation a rebuild published while no event arrives (a batch looks first anyway). */
  private generationWatch: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    readModels: Database.Database | ReadModelsConnection,
    private readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.connection = readModels instanceof ReadModelsConnection ? readModels : new ReadModelsConnection(readModels);
    this.batchSize = options.batchSize ?? 500;
    this.onRetry = options.onRetry;
    this.use(this.bindingTo(this.connection.db));
  }

  /** Every read model on this connection: their checkpoints, positions to come from `start`, one transaction for a batch. */
  private bindingTo(db: Database.Database): Binding {
    const checkpoints = new Checkpoints(db);
    const applyAll = db.transaction((events: readonly RecordedEvent[]) => {
      const outcomes = new Map<RunningProjection, BatchOutcome>();
      for (const projection of this.running) {
        const unapplied = this.unappliedBy(projection, events);
        if (projection.failure || unapplied.length === 0) continue;
        const applied = settle(() => projection.applyBatch(unapplied));
        // The file's fault, or SQLite undid the whole transaction (the next read models would then write alone): none of the batch is kept.
        if (!applied.ok && (isFileError(applied.error) || !db.inTransaction)) throw applied.error;
        outcomes.set(projection, { events: unapplied, applied });
      }
      return outcomes;
    });
    return { db, checkpoints, running: this.projections.map((p) => new RunningProjection(db, checkpoints, p)), applyAll };
  }

  private use(binding: Binding): void {
    ({ db: this.db, checkpoints: this.checkpoints, running: this.running, applyAll: this.applyAll } = binding);
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Called after each committed batch, with the events it applied: what the live feed pushes. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Read models whose checkpoint this log cannot have written — a position it does not know (another engine's, after a
   * migration into the same data directory) or past its head (an older copy of the log restored) — are emptied, so that
   * `start` replays them from position zero instead of skipping events or failing on the position. Returns their names.
   */
  async discardCheckpointsForeignToLog(): Promise<string[]> {
    const head = await this.store.headPosition();
    const foreign = this.running.filter(({ projection }) => {
      const position = this.checkpoints.get(projection.name)?.position;
      return position !== undefined && (!this.store.isPosition(position) || head === undefined || this.store.comparePositions(position, head) > 0);
    });
    this.db.transaction(() => {
      for (const running of foreign) {
        running.dropTables();
        this.checkpoints.delete(running.projection.name);
      }
    })();
    return foreign.map(({ projection }) => projection.name);
  }

  start(): void {
    this.stopping = new AbortController();
    for (const projection of this.running) projection.start();
    this.subscribe();
    this.generationWatch = setInterval(() => {
      if (!this.resubscribing && this.followGeneration()) this.resubscribe();
    }, GENERATION_WATCH_MS).unref();
  }

  /**
   * A rebuild published another generation of the read models: the runner moves to it and goes on from its checkpoints.
   * For each read model, what it had applied to the previous one past its checkpoint there is applied again without
   * being pushed a second time, and what the generation holds past what it had pushed is pushed without being applied
   * again. True when it moved: the caller reads again from the positions. When the generation cannot be opened and
   * started (locked by another writer, not writable), the runner goes on with the previous one — what it applies there
   * the new one gets again once reached — and tries again after a backoff of its own, `/health` saying why. A read
   * model stopped on a poison event starts afresh there: the rebuild replayed that event (it fails if one does).
   * Never throws.
   */
  private followGeneration(): boolean {
    const failed = this.generationFailure;
    if (failed && Date.now() < failed.nextAttemptAt) return false;
    let next: Binding | undefined;
    try {
      const moved = this.connection.refresh((db) => {
        next = this.bindingTo(db);
        for (const projection of next.running) projection.start();
      });
      if (!moved) return false;
    } catch (error) {
      const attempts = (failed?.attempts ?? 0) + 1;
      const retryInMs = backoffMs(attempts - 1);
      const retry = { since: failed?.retry.since ?? new Date().toISOString(), message: messageOf(error), position: this.subscription?.position ?? null };
      this.generationFailure = { retry, attempts, nextAttemptAt: Date.now() + retryInMs };
      this.onRetry?.(error, retryInMs);
      return false;
    }
    // What was pushed of each read model: its position, or, when a previous move had it catch up, where that stood.
    const pushed = new Map(this.running.map((running) => [running.projection.name, running.pushedUpTo ?? running.position]));
    this.use(next!);
    for (const running of this.running) running.pushedUpTo = pushed.get(running.projection.name) ?? running.position;
    this.generationFailure = undefined;
    this.lagCount = undefined;
    this.pending = [];
    return true;
  }

  /**
   * One subscription for every read model (the log is read and upcast once, whatever their number), from
   * the oldest of their positions: each skips what it had already applied.
   */
  private subscribe(): void {
    const live = this.running.filter((p) => !p.failure);
    if (live.length === 0) return;
    // From the earliest position, or the earliest event still to push after a move to a rebuilt generation.
    const starts = live.map((p) => (p.pushedUpTo !== undefined && p.position !== undefined && this.store.comparePositions(p.pushedUpTo, p.position) < 0 ? p.pushedUpTo : p.position));
    const from = earliestPosition(starts, (a, b) => this.store.comparePositions(a, b));
    const generation = this.generation;
    const current = () => generation === this.generation;
    try {
      this.subscription = this.store.subscribeToAll({
        ...(from !== undefined ? { after: from } : {}),
        onEvent: (event) => {
          if (current()) this.receive(event);
        },
        onCaughtUp: () => {
          if (current() && this.flush()) this.recovered();
        },
        onError: (error, event) => {
          if (!current()) return;
          // What was delivered before the error is contiguous and readable: applied first, or a retry from the
          // checkpoints would drop it and meet the same error again. Then an event that cannot be read (upcast)
          // stops every read model on it; without an event (a read of the log failed), read again. A flush that
          // failed has scheduled its own retry, under its own cause.
          const applied = this.flush();
          if (applied && event) {
            for (const projection of this.running) if (!projection.failure) projection.fail(event, error);
          } else if (!this.resubscribing) this.retryLater(error);
        },
      });
    } catch (error) {
      this.retryLater(error);
    }
  }

  private unappliedBy(projection: RunningProjection, events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const after = projection.position;
    if (after === undefined || this.store.comparePositions(events[0]!.position, after) > 0) return events;
    return events.filter((event) => this.store.comparePositions(event.position, after) > 0);
  }

  private receive(event: RecordedEvent): void {
    this.pending.push(event);
    // While another connection holds the file's write lock (another process on the same file), each attempt holds the event loop for the
    // busy timeout: the events that arrive wait for the scheduled retry instead of each trying again at once.
    if (this.busyRetryScheduled) return;
    if (this.pending.length >= this.batchSize) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /**
   * Applies what is pending: true when all of it is (a read model stopped on a poison event aside), false when some is
   * to be tried or read again, which is then under way. Never throws: it runs from timers and the subscription's
   * callbacks, where a throw would crash the process or stop every read model on an innocent event.
   */
  private flush(): boolean {
    if (this.pending.length === 0) return true;
    if (this.followGeneration()) {
      this.resubscribe();
      return false;
    }
    const batch = this.pending;
    this.pending = [];
    try {
      return this.apply(batch);
    } catch (error) {
      if (isBusy(error)) {
        // Locked beyond the busy timeout: nothing was applied. The batch goes back in front, in order, and is tried again.
        this.pending = batch.concat(this.pending);
        if (!this.busyRetryScheduled) {
          this.busyRetryScheduled = true;
          setTimeout(() => {
            this.busyRetryScheduled = false;
            if (!this.stopped) this.flush();
          }, BUSY_RETRY_MS).unref();
        }
      } else {
        // better-sqlite3 rolled the batch back unless that failed too: none may stay open, or the next batch would nest in it and never commit.
        if (this.db.inTransaction) settle(() => this.db.exec('ROLLBACK'));
        this.retryLater(error);
      }
      return false;
    }
  }

  /** Every read model's share of a batch, in one transaction: true unless some of it is to be read again. */
  private apply(batch: readonly RecordedEvent[]): boolean {
    this.pushHeldByGeneration(batch);
    const outcomes = this.applyAll.immediate(batch);
    let rewind = false;
    for (const [projection, { events, applied }] of outcomes) {
      if (applied.ok) this.applied(projection, events);
      else if (applied.error instanceof CheckpointMoved) rewind = this.followRebuild(projection, events) || rewind;
      else rewind = this.findPoisonEvent(projection, events) || rewind;
    }
    if (rewind) this.resubscribe();
    return !rewind;
  }

  /**
   * Another process writing the same file moved this read model's checkpoint: on from there. When that checkpoint is before the
   * last event delivered, the events after it were not applied: true, to read again from the checkpoints.
   */
  private followRebuild(projection: RunningProjection, events: readonly RecordedEvent[]): boolean {
    projection.resumeFromCheckpoint();
    return projection.position === undefined || this.store.comparePositions(projection.position, events.at(-1)!.position) < 0;
  }

  private applied(projection: RunningProjection, events: readonly RecordedEvent[]): void {
    projection.position = events.at(-1)!.position;
    this.recovered();
    const pushedUpTo = projection.pushedUpTo;
    const fresh = pushedUpTo === undefined ? events : events.filter((event) => this.store.comparePositions(event.position, pushedUpTo) > 0);
    if (fresh.length) projection.pushedUpTo = undefined;
    this.push(projection, fresh);
  }

  private push(projection: RunningProjection, events: readonly RecordedEvent[]): void {
    if (events.length) for (const listener of this.listeners) listener(projection.projection.name, events);
  }

  /**
   * After a move to a rebuilt generation, the events of a batch it already holds that were never pushed (its tail ran
   * ahead of this runner): pushed now, not applied.
   */
  private pushHeldByGeneration(batch: readonly RecordedEvent[]): void {
    for (const projection of this.running) {
      const { pushedUpTo, position } = projection;
      if (pushedUpTo === undefined || position === undefined || this.store.comparePositions(pushedUpTo, position) >= 0) continue;
      const held = batch.filter((event) => this.store.comparePositions(event.position, pushedUpTo) > 0 && this.store.comparePositions(event.position, position) <= 0);
      if (held.length) projection.pushedUpTo = held.at(-1)!.position;
      this.push(projection, held);
    }
  }

  /**
   * Applies one by one: what precedes the poison event is kept, the projection stops on it, the others go on. True when
   * it had to stop short of a poison event (a rebuild moved the checkpoint, the file stayed locked or refused the write): read again.
   */
  private findPoisonEvent(projection: RunningProjection, events: readonly RecordedEvent[]): boolean {
    for (const [i, event] of events.entries()) {
      try {
        projection.applyBatch.immediate([event]);
        this.applied(projection, [event]);
      } catch (error) {
        if (error instanceof CheckpointMoved) return this.followRebuild(projection, events.slice(i));
        if (isFileError(error)) return true;
        projection.fail(event, error);
        return false;
      }
    }
    return false;
  }

  /**
   * A batch the read models' file refused (a full disk), a read of the log that failed: nothing of it was kept and no
   * checkpoint moved, so the runner reads again from the checkpoints after a backoff, rather than dying (the API would
   * crash-loop while the disk stays full) or ending the one subscription silently.
   */
  private retryLater(error: unknown): void {
    const retryInMs = backoffMs(this.retries++);
    this.retry = { since: this.retry?.since ?? new Date().toISOString(), message: messageOf(error), position: this.subscription?.position ?? null };
    this.onRetry?.(error, retryInMs);
    this.resubscribe(retryInMs);
  }

  private recovered(): void {
    this.retry = undefined;
    this.retries = 0;
  }

  /** Lets the subscription go and, after `delayMs`, subscribes again from the checkpoints: one at a time, none once stopped. */
  private resubscribe(delayMs = 0): void {
    if (!this.resubscribing && !this.stopped) this.resubscribing = this.reopen(delayMs);
  }

  private async reopen(delayMs: number): Promise<void> {
    // One that fails to close is abandoned all the same: what it still delivers is ignored.
    await this.letGo().catch(() => undefined);
    this.pending = [];
    await sleep(delayMs, undefined, { signal: this.stopping.signal, ref: false }).catch(() => undefined);
    this.resubscribing = undefined;
    // Checked after the waits: a stop() meanwhile found no subscription to close.
    if (!this.stopped) this.subscribe();
  }

  private async letGo(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.generation += 1;
    await subscription?.close();
  }

  async stop(): Promise<void> {
    clearInterval(this.generationWatch);
    this.stopping.abort();
    await this.letGo();
    await this.resubscribing;
    this.flush();
  }

  /** Never throws: /health and /metrics answer whatever one read model's lag, or the log, does. */
  async status(): Promise<ProjectionStatus[]> {
    const retrying = this.currentRetry();
    const head = await (async () => ({ position: await this.store.headPosition() }))().catch(() => undefined);
    return Promise.all(
      this.running.map(async (running) => {
        const { projection, position, failure } = running;
        const lag = await this.lagBehind(running, head).catch(() => undefined);
        return {
          name: projection.name,
          version: projection.version,
          state: failure ? 'stopped' : retrying || this.resubscribing ? 'reconnecting' : (this.subscription?.state ?? 'stopped'),
          position: position ?? null,
          lagEvents: lag?.events ?? null,
          lagSeconds: lag?.seconds ?? null,
          ...(failure ? { failure } : retrying ? { retrying } : {}),
        };
      }),
    );
  }

  /** The runner's own retry, or the store's subscription reconnecting by itself, which does not say since when. */
  private currentRetry(): ProjectionRetry | undefined {
    this.reconnectingSince = this.subscription?.state === 'reconnecting' ? (this.reconnectingSince ?? new Date().toISOString()) : undefined;
    if (this.retry || !this.reconnectingSince) return this.retry ?? this.generationFailure?.retry;
    return { since: this.reconnectingSince, message: 'the event store subscription is reconnecting', position: this.subscription?.position ?? null };
  }

  /** None at the log's head (`head` undefined: not known); otherwise the last count's. */
  private async lagBehind(running: RunningProjection, head: { readonly position: Position | undefined } | undefined): Promise<Lag | undefined> {
    const atHead = head && (head.position === undefined || (running.position !== undefined && this.store.comparePositions(running.position, head.position) >= 0));
    return atHead ? NO_LAG : (await this.countLags()).get(running);
  }

  /**
   * Counted on the stored log (the adapter under the upcasting view: an event they cannot read, which
   * stopped a read model, still counts) and shared for LAG_COUNT_TTL_MS. Undefined where the log could not be read.
   */
  private countLags(): Promise<Map<RunningProjection, Lag | undefined>> {
    const last = this.lagCount;
    if (last && (last.countedAt === undefined || Date.now() - last.countedAt < LAG_COUNT_TTL_MS)) return last.lags;
    const log = rawEventStore(this.store);
    const countAfter = async (position: Position | undefined) => lagOfUnapplied(await log.readAll({ ...(position !== undefined ? { after: position } : {}), maxCount: LAG_COUNT_CAP }));
    // Read models at the same position share one count.
    const counts = new Map<Position | undefined, Promise<Lag | undefined>>();
    const lagAfter = (position: Position | undefined) => {
      let count = counts.get(position);
      if (!count) counts.set(position, (count = countAfter(position).catch(() => undefined)));
      return count;
    };
    const lags = Promise.all(this.running.map(async (running) => [running, await lagAfter(running.position)] as const)).then((entries) => new Map(entries));
    const count: LagCount = { countedAt: undefined, lags };
    void lags.then(() => (count.countedAt = Date.now()));
    return (this.lagCount = count).lags;
  }

  /** The last position a read model has applied; undefined when it has applied nothing yet, has stopped on a failure, or is not run here. */
  appliedPosition(name: string): Position | undefined {
    const running = this.running.find(({ projection }) => projection.name === name);
    return running?.failure ? undefined : running?.position;
  }

  /** Waits until every projection has applied the log up to `position` (default: the current head). */
  async waitUntilCaughtUp(position?: Position, timeoutMs = 2000): Promise<boolean> {
    const target = position ?? (await this.store.headPosition());
    if (target === undefined) return true;
    const deadline = Date.now() + timeoutMs;
    const done = () => this.running.every((p) => p.failure || (p.position !== undefined && this.store.comparePositions(p.position, target) >= 0));
    // Retrying for longer than a read would wait (a full disk, say): each read would wait out its timeout for nothing.
    const hopeless = () => this.retry !== undefined && Date.now() - Date.parse(this.retry.since) > timeoutMs;
    while (!done()) {
      if (hopeless() || Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }
}
