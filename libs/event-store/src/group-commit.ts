/** What one queued item came to: its value, or the error that refused it alone. */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** Runs `work` and says how it settled: a batch keeps going past one refused item. */
export const settle = <R>(work: () => R): Settled<R> => {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, error };
  }
};

interface Queued<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the items submitted during one turn of the event loop are committed together by `commit` (for SQLite,
 * one write transaction, hence one fsync, for all of them) and each caller gets its own outcome. Under load the
 * durable write is paid once per batch instead of once per item; alone, an item waits one `setImmediate`.
 * `commit` settles each item on its own (an item refused rolls back alone); if it throws (the write failed, or an
 * item's error undid the whole transaction), every item of the batch is refused with that error.
 */
export class GroupCommit<T, R> {
  private queue: Queued<T, R>[] = [];

  constructor(private readonly commit: (items: readonly T[]) => readonly Settled<R>[]) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.queue.push({ item, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before the store closes, so nothing submitted is dropped). */
  flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: readonly Settled<R>[];
    try {
      outcomes = this.commit(batch.map((queued) => queued.item));
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}
