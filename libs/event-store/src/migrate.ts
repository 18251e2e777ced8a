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

/**
 * Copies the whole log of `source` into `target` in global order, keeping event ids, types, schema
 * versions, data and metadata (record times, business dates, provenance) untouched, hashes included: each
 * `previousHash` and `hash` travels verbatim (and events recorded before the hash chain stay without one),
 * checked by the target to chain, so a copy of an altered log is refused (HashChainBroken). Resumable: a
 * stream's events up to the target's revision are taken as already copied (the final verification checks
 * they are the same), the rest is appended with that exact expected revision, so two runs never double an
 * event. Writers on the target must be stopped meanwhile.
 */
export const migrateEventStore = async (source: EventStore, target: EventStore, options: MigrationOptions = {}): Promise<MigrationResult> => {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const maxBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  const targetRevisions = new Map<string, number>();
  /** The last event each stream held on the target when this run found it: the source must hold it too. */
  const foundOnTarget = new Map<string, RecordedEvent>();
  const targetRevisionOf = async (streamId: string): Promise<number> => {
    if (!targetRevisions.has(streamId)) {
      const [last] = await target.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last) foundOnTarget.set(streamId, last);
      targetRevisions.set(streamId, last?.revision ?? -1);
    }
    return targetRevisions.get(streamId)!;
  };

  let copied = 0;
  let alreadyThere = 0;
  for await (const page of logPages(source, batchSize)) {
    for (const events of appendsOf(page, maxBytes)) {
      options.signal?.throwIfAborted();
      const streamId = events[0]!.streamId;
      const present = await targetRevisionOf(streamId);
      const found = foundOnTarget.get(streamId);
      const counterpart = found && events.find((e) => e.revision === found.revision);
      if (counterpart && counterpart.eventId !== found.eventId) {
        throw new MigrationMismatch(`${streamId}@${found.revision}: the target holds event ${found.eventId}, the source ${counterpart.eventId}; it is not a copy of this log`);
      }
      const missing = events.filter((e) => e.revision > present);
      alreadyThere += events.length - missing.length;
      if (missing.length === 0) continue;
      await target.append(streamId, missing.map(asNewEvent), { expectedRevision: present === -1 ? 'noStream' : present, preserveHashes: true });
      targetRevisions.set(streamId, missing.at(-1)!.revision);
      copied += missing.length;
    }
    options.onProgress?.({ done: copied + alreadyThere, copied, alreadyThere, elapsedMs: Date.now() - started });
  }
  return { copied, alreadyThere, elapsedMs: Date.now() - started };
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
