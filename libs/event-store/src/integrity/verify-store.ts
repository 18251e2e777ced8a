import { rawEventStore } from '../event-store-view.js';
import { hasMetadataCopies, type CopyMismatch, type EventStore } from '../event-store.port.js';
import { logPages, streamPages } from '../log-pages.js';
import { ChainVerifier, type ChainReport } from './hash-chain.js';

export interface VerifyProgress {
  readonly eventsChecked: number;
  readonly elapsedMs: number;
}

export interface VerifyStoreOptions {
  /** Verify this stream alone; omitted: the whole store, in global order. */
  readonly streamId?: string;
  readonly batchSize?: number;
  readonly onProgress?: (progress: VerifyProgress) => void;
}

/**
 * Reads a whole store (or one stream) in order and recomputes every event's hash and link to the previous
 * event of its stream; the report names the first event that does not match. Works on any adapter, and always on
 * the events as stored (`logPages` reads under an upcasting view): the hashes cover the stored form. A store that
 * keeps copies of metadata fields for folds (SQLite) then has them compared with the metadata the hashes vouch for:
 * an edited copy would change what a fold answers (a state as of a date, an idempotent replay) unseen by the hashes.
 */
export const verifyStore = async (store: EventStore, options: VerifyStoreOptions = {}): Promise<ChainReport> => {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const verifier = new ChainVerifier();
  const raw = rawEventStore(store);
  const copies = hasMetadataCopies(raw) ? raw : undefined;
  const pages = options.streamId === undefined ? logPages(store, batchSize) : streamPages(store, options.streamId, batchSize);
  for await (const page of pages) {
    const mismatch = copies?.firstCopyMismatch(page);
    for (const event of page) {
      if (!verifier.check(event)) return verifier.report;
      // Its hash holds, so its metadata is as recorded: the copy is what was edited.
      if (mismatch?.eventId === event.eventId) return copyBroken(verifier.report, mismatch);
    }
    options.onProgress?.({ eventsChecked: verifier.report.eventsChecked, elapsedMs: Date.now() - started });
  }
  return verifier.report;
};

const copyBroken = (report: ChainReport, { field, inMetadata, copy, ...at }: CopyMismatch): ChainReport => ({
  ...report,
  ok: false,
  firstBreak: { ...at, reason: 'copyMismatch', field, expected: inMetadata ?? '', found: copy },
});
