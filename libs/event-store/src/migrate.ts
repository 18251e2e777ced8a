import { serialisedSize } from './append-guard.js';
import { canonicalJson } from './canonical-json.js';
import type { NewEvent, Position, RecordedEvent } from './envelope.js';
import { DEFAULT_MAX_APPEND_BYTES, type EventStore } from './event-store.port.js';
import { logPages } from './log-pages.js';
import { rawEventStore } from './event-store-view.js';

export interface MigrationProgress {
  /** Source events handled so far, copied or found already there. */
  readonly done: number;
  readonly copied: number;
  readonly alreadyThere: number;
  readonly elapsedMs: number;
}

export interface MigrationOptions {
  readonly batchSize?: number;
  /** Upper bound of one append on the target; consecutive events of one stream are appended together up to it. */
  readonly maxAppendBytes?: number;
  readonly onProgress?: (progress: MigrationProgress) => void;
  /** Stops between two appends; what was copied stays, and the next run resumes after it. */
  readonly signal?: AbortSignal;
}

export interface MigrationResult {
  readonly copied: number;
  readonly alreadyThere: number;
  readonly elapsedMs: number;
}

export interface VerificationResult {
  readonly events: number;
  readonly streams: number;
}

/** The target holds something the source does not explain: copying on would mix two histories. */
export class MigrationMismatch extends Error {
  readonly code = 'MigrationMismatch';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationMismatch';
  }
}

/** A stored event as it travels to another store (migrate, import): what `append` takes. */
export const asNewEvent = ({ eventId, type, schemaVersion, data, metadata }: NewEvent): NewEvent => ({ eventId, type, schemaVersion, data, metadata });

/** Splits a page of the log into appends: consecutive events of one stream, each append under the size limit. */
export const appendsOf = <E extends NewEvent & { readonly streamId: string }>(page: readonly E[], maxBytes: number): E[][] => {
  const appends: E[][] = [];
  // The size of an append is the sum of its events' sizes: kept as a running total, not re-measured per event.
  let currentBytes = 0;
  for (const event of page) {
    const current = appends.at(-1);
    const size = serialisedSize([event]);
    if (current && current[0]!.streamId === event.streamId && currentBytes + size <= maxBytes) {
      current.push(event);
      currentBytes += size;
    } else {
      appends.push([event]);
      currentBytes = size;
    }
  }
  return appends;
};

const describeEvent = (e: RecordedEvent | undefined): string => (e ? `${e.eventId} (${e.type}, ${e.streamId}@${e.revision})` : 'nothing');

const sameEvent = (a: RecordedEvent, b: RecordedEvent): boolean =>
  a.eventId === b.eventId &&
  a.streamId === b.streamId &&
  a.revision === b.revision &&
  a.type === b.type &&
  a.schemaVersion === b.schemaVersion &&
  canonicalJson(a.data) === canonicalJson(b.data) &&
  canonicalJson(a.metadata) === canonicalJson(b.metadata);

/** Appends events copied from a log (one stream's consecutive events), hashes kept, where they stood in it. */
export const appendCopied = (target: EventStore, events: readonly (NewEvent & { readonly streamId: string; readonly revision: number })[]) => {
  const first = events[0]!;
  return target.append(first.streamId, events.map(asNewEvent), { expectedRevision: first.revision === 0 ? 'noStream' : first.revision - 1, preserveHashes: true });
};

/** A store's events one at a time, in global order, as stored. */
async function* eventsOf(store: EventStore, batchSize: number): AsyncGenerator<RecordedEvent> {
  for await (const page of logPages(store, batchSize)) yield* page;
}

/** The target holds `found` as its event #index+1 where the source has `expected`: it holds another history. */
const notACopy = (index: number, expected: RecordedEvent | undefined, found: RecordedEvent): MigrationMismatch => {
  const difference = expected?.eventId === found.eventId ? 'with other content than the source’s' : `where the source has ${describeEvent(expected)}`;
  return new MigrationMismatch(
    `event #${index + 1} of the target is ${describeEvent(found)}, ${difference}: the target is neither empty nor an interrupted copy of this log. Nothing was written; migrate into an empty store`,
  );
};

/**
 * Copies the whole log of `source` into `target` in global order, keeping event ids, types, schema
 * versions, data and metadata (record times, business dates, provenance) untouched, hashes included: each
 * `previousHash` and `hash` travels verbatim (and events recorded before the hash chain stay without one),
 * checked by the target to chain, so a copy of an altered log is refused (HashChainBroken). The target must be
 * empty or hold what an interrupted run copied, the source's first events in its order: anything else is refused
 * (MigrationMismatch) before a write, so two histories are never mixed. Resumable: those events are taken as
 * already there, the rest is appended after them, so two runs never double an event. Writers on the target
 * must be stopped meanwhile.
 */
export const migrateEventStore = async (source: EventStore, target: EventStore, options: MigrationOptions = {}): Promise<MigrationResult> => {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const maxBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  // Read alongside the source until it ends, which is before the first write: what is appended is never read here.
  const onTarget = eventsOf(target, batchSize);
  let held = await onTarget.next();
  let copied = 0;
  let alreadyThere = 0;
  for await (const page of logPages(source, batchSize)) {
    let matched = 0;
    while (!held.done && matched < page.length) {
      if (!sameEvent(page[matched]!, held.value)) throw notACopy(alreadyThere, page[matched], held.value);
      matched += 1;
      alreadyThere += 1;
      held = await onTarget.next();
    }
    for (const events of appendsOf(page.slice(matched), maxBytes)) {
      options.signal?.throwIfAborted();
      await appendCopied(target, events);
      copied += events.length;
    }
    options.onProgress?.({ done: copied + alreadyThere, copied, alreadyThere, elapsedMs: Date.now() - started });
  }
  if (!held.done) throw notACopy(alreadyThere, undefined, held.value);
  return { copied, alreadyThere, elapsedMs: Date.now() - started };
};

/** Reads both logs side by side, as stored: the same events (ids, streams, revisions, content) in the same global order. */
export const verifyMigration = async (source: EventStore, target: EventStore, options: { batchSize?: number } = {}): Promise<VerificationResult> => {
  const batchSize = options.batchSize ?? 1000;
  const streams = new Set<string>();
  let sourceAfter: Position | undefined;
  let targetAfter: Position | undefined;
  let events = 0;
  for (;;) {
    const [expected, actual] = await Promise.all([
      rawEventStore(source).readAll({ ...(sourceAfter !== undefined ? { after: sourceAfter } : {}), maxCount: batchSize }),
      rawEventStore(target).readAll({ ...(targetAfter !== undefined ? { after: targetAfter } : {}), maxCount: batchSize }),
    ]);
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (!expected[i] || !actual[i] || !sameEvent(expected[i]!, actual[i]!)) {
        throw new MigrationMismatch(`event #${events + i + 1} of the log differs: the source has ${describeEvent(expected[i])}, the target ${describeEvent(actual[i])}`);
      }
      streams.add(expected[i]!.streamId);
    }
    events += expected.length;
    if (expected.length < batchSize) return { events, streams: streams.size };
    sourceAfter = expected.at(-1)!.position;
    targetAfter = actual.at(-1)!.position;
  }
};
