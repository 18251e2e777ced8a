import type Database from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent, Subscription, SubscriptionState } from '#event-store';
import { initProjection, type Projection } from '../projection.js';
import { Checkpoints } from './checkpoints.js';

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

/** Another process (a rebuild) replaced this projection's tables and moved its checkpoint. */
class CheckpointMoved extends Error {}

class RunningProjection {
  private subscription: Subscription | undefined;
  private readonly pending: RecordedEvent[] = [];
  private flushScheduled = false;
  private position: Position | undefined;
  private failure: ProjectionFailure | undefined;
  private readonly handles: ReadonlySet<string>;
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpoints,
    readonly projection: Projection,
    private readonly batchSize: number,
    private readonly notify: (projection: string, events: readonly RecordedEvent[]) => void,
  ) {
    this.handles = new Set(projection.handles);
    // Rows and checkpoint in one transaction: each event takes effect exactly once, even across crashes.
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      if (checkpoints.get(projection.name)?.position !== this.position) throw new CheckpointMoved();
      for (const event of events) if (this.handles.has(event.type)) projection.apply(db, event);
      checkpoints.set(projection.name, { version: projection.version, position: events.at(-1)!.position });
    });
  }

  start(): void {
    const saved = this.checkpoints.get(this.projection.name);
    // A new version rebuilds from position zero into its own (versioned) tables.
    this.position = saved?.version === this.projection.version ? saved.position : undefined;
    initProjection(this.db, this.projection);
    if (saved?.version !== this.projection.version) this.checkpoints.set(this.projection.name, { version: this.projection.version, position: undefined });
    this.subscribe();
  }

  private subscribe(): void {
    this.subscription = this.store.subscribeToAll({
      ...(this.position !== undefined ? { after: this.position } : {}),
      onEvent: (event) => this.receive(event),
      onCaughtUp: () => this.flush(),
      onError: (error, event) => {
        if (!this.failure && event) this.fail(event, error);
      },
    });
  }

  private receive(event: RecordedEvent): void {
    this.throwIfFailed();
    this.pending.push(event);
    if (this.pending.length >= this.batchSize) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    this.throwIfFailed();
  }

  /** Tells the subscription to stop: nothing after a poison event is applied. */
  private throwIfFailed(): void {
    if (this.failure) throw new Error(`projection ${this.projection.name} stopped: ${this.failure.message}`);
  }

  private flush(): void {
    if (this.failure || this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    try {
      this.applyBatch(batch);
      this.position = batch.at(-1)!.position;
      this.notify(this.projection.name, batch);
    } catch (error) {
      if (error instanceof CheckpointMoved) return void this.resumeFromCheckpoint();
      // Find the poison event: apply one by one, keep what precedes it, stop on it.
      for (const event of batch) {
        try {
          this.applyBatch([event]);
          this.position = event.position;
          this.notify(this.projection.name, [event]);
        } catch (error) {
          if (error instanceof CheckpointMoved) return void this.resumeFromCheckpoint();
          this.fail(event, error);
          return;
        }
      }
    }
  }

  /** After a rebuild switched the tables: drop what was pending and follow the log from the new checkpoint. */
  private async resumeFromCheckpoint(): Promise<void> {
    this.pending.length = 0;
    const previous = this.subscription;
    this.subscription = undefined;
    await previous?.close();
    this.pending.length = 0;
    this.position = this.checkpoints.get(this.projection.name)?.position;
    this.subscribe();
  }

  private fail(event: RecordedEvent, error: unknown): void {
    this.failure = {
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      message: error instanceof Error ? error.message : String(error),
    };
    this.pending.length = 0;
    void this.subscription?.close();
  }

  async status(): Promise<ProjectionStatus> {
    const unapplied = await this.store.readAll({ ...(this.position !== undefined ? { after: this.position } : {}), maxCount: LAG_COUNT_CAP });
    const oldest = unapplied[0]?.metadata.recordedAt;
    return {
      name: this.projection.name,
      version: this.projection.version,
      state: this.failure ? 'stopped' : (this.subscription?.state ?? 'stopped'),
      position: this.position ?? null,
      lagEvents: unapplied.length,
      lagSeconds: oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  get appliedPosition(): Position | undefined {
    return this.position;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.flush();
  }
}

/**
 * Keeps read models up to date from the store's subscription (never from the in-process event bus), so
 * they can be replayed from position zero and resume from their checkpoint after a restart.
 */
export type AppliedListener = (projection: string, events: readonly RecordedEvent[]) => void;

export class ProjectionRunner {
  private readonly running: RunningProjection[];
  private readonly listeners = new Set<AppliedListener>();

  constructor(
    private readonly store: EventStore,
    db: Database.Database,
    projections: readonly Projection[],
    options: { batchSize?: number } = {},
  ) {
    const checkpoints = new Checkpoints(db);
    const notify: AppliedListener = (projection, events) => {
      for (const listener of this.listeners) listener(projection, events);
    };
    this.running = projections.map((p) => new RunningProjection(store, db, checkpoints, p, options.batchSize ?? 500, notify));
  }

  /** Called after each committed batch, with the events it applied: what the live feed pushes. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    for (const projection of this.running) projection.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((p) => p.stop()));
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(this.running.map((p) => p.status()));
  }

  /** Waits until every projection has applied the log up to `position` (default: the current head). */
  async waitUntilCaughtUp(position?: Position, timeoutMs = 2000): Promise<boolean> {
    const target = position ?? (await this.store.headPosition());
    if (target === undefined) return true;
    const deadline = Date.now() + timeoutMs;
    const done = () =>
      this.running.every((p) => p.failed || (p.appliedPosition !== undefined && this.store.comparePositions(p.appliedPosition, target) >= 0));
    while (!done()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }
}
