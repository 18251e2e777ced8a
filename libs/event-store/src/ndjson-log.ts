import { canonicalJson } from './canonical-json.js';
import type { Position, RecordedEvent } from './envelope.js';
import { DEFAULT_MAX_APPEND_BYTES, type EventStore } from './event-store.port.js';
import { ChainVerifier, type ChainBreakReason } from './integrity/hash-chain.js';
import { logPages, streamPages } from './log-pages.js';
import { appendCopied, appendsOf } from './migrate.js';

/**
 * One line of an export: the envelope exactly as stored, hashes included, without the global `position` — the
 * store assigns it (SQLite a row number, EventStoreDB commit/prepare), so an importing store assigns its own.
 */
export type ExportedEvent = Omit<RecordedEvent, 'position'>;

const FIELDS = ['data', 'eventId', 'metadata', 'revision', 'schemaVersion', 'streamId', 'type'] as const;

/** Canonical JSON (keys sorted at every depth) and one `\n`: equal logs export to equal bytes, whatever the store. */
export const exportLine = ({ eventId, streamId, revision, type, schemaVersion, data, metadata }: ExportedEvent): string =>
  `${canonicalJson({ eventId, streamId, revision, type, schemaVersion, data, metadata })}\n`;

export interface ExportFilter {
  /** One stream (a cooperation's), whole from revision 0; omitted: every stream. */
  readonly streamId?: string;
  /** Record-time window (`metadata.recordedAt`), both ends inclusive, as ISO instants. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * The log as NDJSON in global order, one chunk per page read (`logPages`/`streamPages`), so an export of any
 * size is never held in memory. A time window keeps only the events recorded within it: a partial log.
 */
export async function* exportLog(store: EventStore, filter: ExportFilter = {}, batchSize = 1000): AsyncGenerator<string> {
  const pages = filter.streamId === undefined ? logPages(store, batchSize) : streamPages(store, filter.streamId, batchSize);
  const { from, to } = filter;
  const within = ({ metadata: { recordedAt } }: RecordedEvent): boolean => (from === undefined || recordedAt >= from) && (to === undefined || recordedAt <= to);
  for await (const page of pages) {
    const chunk = page.filter(within).map(exportLine).join('');
    if (chunk) yield chunk;
  }
}

export type ImportRefusalReason = ChainBreakReason | 'malformedLine' | 'streamNotFromStart' | 'revisionGap' | 'duplicateEventId';

/** The first line of a file that cannot be imported, and why. */
export interface ImportRefusal {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: ImportRefusalReason;
  readonly streamId?: string;
  readonly revision?: number;
  readonly eventId?: string;
  readonly expected: string;
  readonly found: string | null;
}

/** The file is not an intact export (altered, truncated, reordered, partial): nothing was written. */
export class ImportRefused extends Error {
  readonly code = 'ImportRefused';
  constructor(readonly refusal: ImportRefusal) {
    super(`Import refused at line ${refusal.line}${refusal.streamId ? ` (${refusal.streamId}@${refusal.revision})` : ''}: ${refusal.reason}, expected ${refusal.expected}, found ${refusal.found ?? 'nothing'}`);
    this.name = 'ImportRefused';
  }
}

/** An import only goes into an empty store: merging two histories is not an import. */
export class ImportTargetNotEmpty extends Error {
  readonly code = 'ImportTargetNotEmpty';
  constructor(readonly head: Position) {
    super(`The target store is not empty (head position ${head})`);
    this.name = 'ImportTargetNotEmpty';
  }
}

/** The store failed while writing a checked file (I/O, connection), or the file changed: the events written stay. */
export class ImportInterrupted extends Error {
  readonly code = 'ImportInterrupted';
  constructor(
    readonly imported: number,
    override readonly cause: unknown,
  ) {
    super(`Import interrupted after ${imported} events: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ImportInterrupted';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a parsed line's shape, or null when it is an envelope of exactly the exported fields. */
const shapeProblem = (value: unknown): string | null => {
  if (!isObject(value)) return 'not a JSON object';
  const keys = Object.keys(value).sort();
  if (keys.join() !== FIELDS.join()) return `fields ${keys.join(', ')}`;
  const { eventId, streamId, revision, type, schemaVersion, data, metadata } = value;
  if (typeof eventId !== 'string' || eventId === '') return `eventId ${JSON.stringify(eventId)}`;
  if (typeof streamId !== 'string' || streamId === '') return `streamId ${JSON.stringify(streamId)}`;
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) return `revision ${JSON.stringify(revision)}`;
  if (typeof type !== 'string' || type === '') return `type ${JSON.stringify(type)}`;
  if (!Number.isSafeInteger(schemaVersion)) return `schemaVersion ${JSON.stringify(schemaVersion)}`;
  if (!isObject(data)) return 'data is not an object';
  if (!isObject(metadata) || typeof metadata.recordedAt !== 'string') return 'metadata without recordedAt';
  return null;
};

const ENVELOPE = `one JSON object {${FIELDS.join(', ')}}`;

/** One line of an export, parsed and checked for shape; ImportRefused (malformedLine) otherwise. */
export const parseExportLine = (text: string, line: number): ExportedEvent => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportRefused({ line, reason: 'malformedLine', expected: ENVELOPE, found: text === '' ? 'an empty line' : (error as Error).message });
  }
  const problem = shapeProblem(value);
  if (problem !== null) throw new ImportRefused({ line, reason: 'malformedLine', expected: ENVELOPE, found: problem });
  return value as unknown as ExportedEvent;
};

export interface ImportProgress {
  /** `check`: the whole file is verified first; `append`: then written. */
  readonly phase: 'check' | 'append';
  readonly done: number;
  readonly elapsedMs: number;
}

export interface ImportCheck {
  readonly events: number;
  readonly streams: number;
  /** Events recorded before the hash chain (kept unchained, as `carnet migrate` keeps them). */
  readonly unchainedEvents: number;
}

const PAGE = 1000;

/** A file's lines parsed, numbered from 1, `size` at a time. */
async function* parsedPages(lines: AsyncIterable<string>, size: number): AsyncGenerator<{ readonly line: number; readonly event: ExportedEvent }[]> {
  let page: { line: number; event: ExportedEvent }[] = [];
  let line = 0;
  for await (const text of lines) {
    line += 1;
    page.push({ line, event: parseExportLine(text, line) });
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/**
 * Verifies a whole export before anything is written, with the integrity module's chain walker: every stream
 * starts at revision 0 (so a time-filtered export, a partial log, is refused) and goes on without a gap, no event
 * id comes twice, and every event chains onto the previous one of its stream. Memory: a tip per stream and an
 * entry per event id, never the file. Throws ImportRefused naming the first line that fails.
 */
export const checkExport = async (lines: AsyncIterable<string>, onProgress?: (done: number) => void): Promise<ImportCheck> => {
  const verifier = new ChainVerifier();
  const nextRevision = new Map<string, number>();
  const lineOfEventId = new Map<string, number>();
  let events = 0;
  for await (const page of parsedPages(lines, PAGE)) {
    for (const { line, event } of page) {
      const at = { line, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
      const expected = nextRevision.get(event.streamId) ?? 0;
      if (event.revision !== expected) {
        throw new ImportRefused({ ...at, reason: expected === 0 ? 'streamNotFromStart' : 'revisionGap', expected: `revision ${expected}`, found: `revision ${event.revision}` });
      }
      const earlier = lineOfEventId.get(event.eventId);
      if (earlier !== undefined) throw new ImportRefused({ ...at, reason: 'duplicateEventId', expected: 'an event id not seen before', found: `${event.eventId} (line ${earlier})` });
      if (!verifier.check(event)) {
        const { reason, expected: hash, found } = verifier.report.firstBreak!;
        throw new ImportRefused({ ...at, reason, expected: hash, found });
      }
      nextRevision.set(event.streamId, event.revision + 1);
      lineOfEventId.set(event.eventId, line);
      events += 1;
    }
    onProgress?.(events);
  }
  return { events, streams: nextRevision.size, unchainedEvents: verifier.report.unchainedEvents };
};

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly maxAppendBytes?: number;
}

/**
 * Loads an export into an EMPTY store, leaving it empty when the file is refused. Works alike on every
 * adapter, without a transaction spanning appends (EventStoreDB has none across streams): `lines()` is read
 * twice, first to verify the whole file (`checkExport`), then to append each stream's consecutive events with
 * their hashes kept (`preserveHashes`: the store checks again that each one chains). Only a store failure
 * during the second pass, or lines that changed between the two readings (ImportInterrupted), can leave a partial log.
 */
export const importLog = async (target: EventStore, lines: () => AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportCheck> => {
  const head = await target.headPosition();
  if (head !== undefined) throw new ImportTargetNotEmpty(head);
  const started = Date.now();
  const report = (phase: ImportProgress['phase'], done: number) => options.onProgress?.({ phase, done, elapsedMs: Date.now() - started });
  const checked = await checkExport(lines(), (done) => report('check', done));
  let imported = 0;
  try {
    for await (const page of parsedPages(lines(), PAGE)) {
      for (const events of appendsOf(page.map(({ event }) => event), options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES)) {
        await appendCopied(target, events);
        imported += events.length;
      }
      report('append', imported);
    }
  } catch (error) {
    throw new ImportInterrupted(imported, error);
  }
  // The second reading gave other lines than the first (a file changed meanwhile): what is written is not what was checked.
  if (imported !== checked.events) throw new ImportInterrupted(imported, new Error(`${checked.events} events were checked, but ${imported} read again and written: the file changed during the import`));
  return checked;
};
