import type Database from 'better-sqlite3';
import { settle, type EventStore, type Position, type RecordedEvent, type Settled, type Subscription, type SubscriptionState } from '#event-store';
import { initProjection, type Projection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';
import { quote } from './read-models-file.js';

export interface ProjectionFailure {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly message: string;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: SubscriptionState;
  readonly position: Position | null;
  /** Events in the log that this projection has not applied yet. */
  readonly lagEvents: number;
  /** Age of the newest event it has not applied yet, 0 when caught up. */
  readonly lagSeconds: number;
  /** The event that stopped it: a poison event is never skipped silently. */
  readonly failure?: ProjectionFailure;
}

const LAG_COUNT_CAP = 100_000;
/** How long the runner waits before reading again when the file stayed locked beyond its busy timeout. */
const BUSY_RETRY_MS = 250;

/** SQLite's "database is locked" (another connection holds the write lock): a reason to wait, never a poison event. */
const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/** Another process (a rebuild) replaced this projection's tables and moved its checkpoint. */
class CheckpointMoved extends Error {}

/** One read model under the runner: where it stands, how it applies a batch, what stopped it. */
class RunningProjection {
  position: Position | undefined;
  failure: ProjectionFailure | undefined;
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

  /** Its checkpoint, or none when its version changed: a new version rebuilds from position zero into its own (versioned) tables. */
  start(): void {
    const saved = this.checkpoints.get(this.projection.name);
    this.position = saved?.version === this.projection.version ? saved.position : undefined;
    initProjection(this.db, this.projection);
    if (saved?.version !== this.projection.version) this.checkpoints.set(this.projection.name, { version: this.projection.version, position: undefined });
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
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

export type AppliedListener = (projection: string, events: readonly RecordedEvent[]) => void;

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
  private readonly running: RunningProjection[];
  private readonly listeners = new Set<AppliedListener>();
  private readonly batchSize: number;
  private subscription: Subscription | undefined;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;
  private stopped = false;
  /**
   * Every read model's batch in one transaction, each in its own savepoint: one refusing rolls back alone. Run IMMEDIATE:
   * a deferred transaction that reads its checkpoint and then writes gets SQLITE_BUSY at once, whatever the busy timeout,
   * when another connection (a rebuild's copy, an append) holds the write lock or committed meanwhile.
   */
  private readonly applyAll: Database.Transaction<(events: readonly RecordedEvent[]) => Map<RunningProjection, BatchOutcome>>;

  private readonly checkpoints: Checkpoints;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    projections: readonly Projection[],
    options: { batchSize?: number } = {},
  ) {
    const checkpoints = (this.checkpoints = new Checkpoints(db));
    this.running = projections.map((p) => new RunningProjection(db, checkpoints, p));
    this.batchSize = options.batchSize ?? 500;
    this.applyAll = db.transaction((events: readonly RecordedEvent[]) => {
      const outcomes = new Map<RunningProjection, BatchOutcome>();
      for (const projection of this.running) {
        const unapplied = this.unappliedBy(projection, events);
        if (!projection.failure && unapplied.length > 0) outcomes.set(projection, { events: unapplied, applied: settle(() => projection.applyBatch(unapplied)) });
      }
      return outcomes;
    });
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
    const foreign = this.running
      .map(({ projection }) => ({ projection, position: this.checkpoints.get(projection.name)?.position }))
      .filter(({ position }) => position !== undefined && (!this.store.isPosition(position) || head === undefined || this.store.comparePositions(position, head) > 0));
    this.db.transaction(() => {
      for (const { projection } of foreign) {
        for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
        this.checkpoints.delete(projection.name);
      }
    })();
    return foreign.map(({ projection }) => projection.name);
  }

  start(): void {
    this.stopped = false;
    for (const projection of this.running) projection.start();
    this.subscribe();
  }

  /**
   * One subscription for every read model (the log is read, decrypted and upcast once, whatever their number), from
   * the oldest of their positions: each skips what it had already applied.
   */
  private subscribe(): void {
    const live = this.running.filter((p) => !p.failure);
    if (live.length === 0) return;
    const from = live.some((p) => p.position === undefined) ? undefined : live.map((p) => p.position!).reduce((a, b) => (this.store.comparePositions(a, b) <= 0 ? a : b));
    this.subscription = this.store.subscribeToAll({
      ...(from !== undefined ? { after: from } : {}),
      onEvent: (event) => this.receive(event),
      onCaughtUp: () => this.flush(),
      // An event that cannot be read (decrypted, upcast) stops every read model on it, after what precedes it.
      onError: (error, event) => {
        if (!event) return;
        this.flush();
        for (const projection of this.running) if (!projection.failure) projection.fail(event, error);
      },
    });
  }

  private unappliedBy(projection: RunningProjection, events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const after = projection.position;
    if (after === undefined || this.store.comparePositions(events[0]!.position, after) > 0) return events;
    return events.filter((event) => this.store.comparePositions(event.position, after) > 0);
  }

  private receive(event: RecordedEvent): void {
    this.pending.push(event);
    if (this.pending.length >= this.batchSize) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let outcomes;
    try {
      outcomes = this.applyAll.immediate(batch);
    } catch (error) {
      if (!isBusy(error)) throw error;
      // Locked beyond the busy timeout: nothing was applied. The batch goes back in front, in order, and is tried again.
      this.pending = batch.concat(this.pending);
      setTimeout(() => void (this.stopped ? undefined : this.flush()), BUSY_RETRY_MS).unref();
      return;
    }
    let rewind = false;
    for (const [projection, { events, applied }] of outcomes) {
      if (applied.ok) this.applied(projection, events);
      else if (applied.error instanceof CheckpointMoved) rewind = this.followRebuild(projection, events) || rewind;
      else rewind = this.findPoisonEvent(projection, events) || rewind;
    }
    if (rewind) void this.resubscribe();
  }

  /**
   * A rebuild swapped this read model's tables and left its checkpoint: on from there. When that checkpoint is before the
   * last event delivered, the events after it were not applied: true, to read again from the checkpoints.
   */
  private followRebuild(projection: RunningProjection, events: readonly RecordedEvent[]): boolean {
    projection.resumeFromCheckpoint();
    return projection.position === undefined || this.store.comparePositions(projection.position, events.at(-1)!.position) < 0;
  }

  private applied(projection: RunningProjection, events: readonly RecordedEvent[]): void {
    projection.position = events.at(-1)!.position;
    for (const listener of this.listeners) listener(projection.projection.name, events);
  }

  /**
   * Applies one by one: what precedes the poison event is kept, the projection stops on it, the others go on. True when
   * it had to stop short of a poison event (a rebuild moved the checkpoint, the file stayed locked): read again.
   */
  private findPoisonEvent(projection: RunningProjection, events: readonly RecordedEvent[]): boolean {
    for (const [i, event] of events.entries()) {
      try {
        projection.applyBatch.immediate([event]);
        this.applied(projection, [event]);
      } catch (error) {
        if (error instanceof CheckpointMoved) return this.followRebuild(projection, events.slice(i));
        if (isBusy(error)) return true;
        projection.fail(event, error);
        return false;
      }
    }
    return false;
  }

  private async resubscribe(): Promise<void> {
    const previous = this.subscription;
    this.subscription = undefined;
    await previous?.close();
    this.pending = [];
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    this.flush();
  }

  async status(): Promise<ProjectionStatus[]> {
    // Read models at the same position share one count of what they lag.
    const lagReads = new Map<Position | undefined, Promise<RecordedEvent[]>>();
    const unappliedAfter = (position: Position | undefined) => {
      let read = lagReads.get(position);
      if (!read) lagReads.set(position, (read = this.store.readAll({ ...(position !== undefined ? { after: position } : {}), maxCount: LAG_COUNT_CAP })));
      return read;
    };
    return Promise.all(
      this.running.map(async ({ projection, position, failure }) => {
        const unapplied = await unappliedAfter(position);
        const oldest = unapplied[0]?.metadata.recordedAt;
        return {
          name: projection.name,
          version: projection.version,
          state: failure ? 'stopped' : (this.subscription?.state ?? 'stopped'),
          position: position ?? null,
          lagEvents: unapplied.length,
          lagSeconds: oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0,
          ...(failure ? { failure } : {}),
        };
      }),
    );
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
    while (!done()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }
}
