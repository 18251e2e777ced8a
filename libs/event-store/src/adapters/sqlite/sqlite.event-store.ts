import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensureAppendSize, ensureExpectedRevision } from '../../append-guard.js';
import { appendSignal, catchUpSubscription } from '../../catch-up-subscription.js';
import { rowPositions, type FoldableEvent, type NewEvent, type Position, type ProjectableEvent, type RecordedEvent } from '../../envelope.js';
import { DuplicateEventId } from '../../event-store.errors.js';
import {
  DEFAULT_MAX_APPEND_BYTES,
  type AppendOptions,
  type AppendResult,
  type CopyMismatch,
  type EventStore,
  type MetadataCopies,
  type ReadAllOptions,
  type ReadForFoldOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../event-store.port.js';
import { GroupCommit, settle } from '../../group-commit.js';
import { sealEvents, tipAfter } from '../../integrity/hash-chain.js';
import { SqliteReadThread } from './sqlite-read-thread.js';
import { ADDED_COLUMNS, CORRELATION_ID, metadataField, SECONDARY_INDEXES, SQLITE_EVENT_STORE_SCHEMA } from './sqlite.schema.js';

/**
 * Every read gets each event as ONE JSON text that SQLite assembles (`[position, eventId, revision, type, schemaVersion,
 * data, metadata(, streamId)]`; data and metadata are stored as JSON texts and splice in as they are), parsed by one
 * JSON.parse: one string per row crosses into JavaScript instead of seven columns (a stream of 10,000 events: ≈ 38 →
 * ≈ 30 ms). A stream read leaves out the stream id it was given.
 */
const envelopeWith = (metadata: string) =>
  `'[' || position || ',' || json_quote(event_id) || ',' || revision || ',' || json_quote(type) || ',' || schema_version || ',' || data || ',' || ${metadata}`;
const logEnvelopeWith = (metadata: string) => `${envelopeWith(metadata)} || ',' || json_quote(stream_id) || ']'`;
const ENVELOPE = envelopeWith('metadata');
const STREAM_ENVELOPE = `${ENVELOPE} || ']'`;
const LOG_ENVELOPE = logEnvelopeWith('metadata');
/**
 * What a replay reads (readAllSync): the metadata without what only an audit reads (ProjectableEvent), removed by SQLite
 * before the text crosses into JavaScript. Reading a million events through the decrypting view, fresh processes
 * alternating: median 10.1 → 9.0 s.
 */
const PROJECTABLE_ENVELOPE = logEnvelopeWith("json_remove(metadata, '$.correlationId', '$.causationId', '$.commandHash', '$.previousHash', '$.hash')");
type Envelope = [position: number, eventId: string, revision: number, type: string, schemaVersion: number, data: object, metadata: RecordedEvent['metadata'], streamId?: string];

/**
 * What a fold reads (readStreamForFold): the metadata column, most of a row's bytes (actor, provenance, ids, the two
 * hashes), is left out for the record time and command id columns. A row written before `command_id` existed takes it
 * from its metadata.
 */
const FOLD_ENVELOPE =
  "'[' || json_quote(event_id) || ',' || revision || ',' || json_quote(type) || ',' || schema_version || ',' || data || ',' || json_quote(recorded_at) || ',' || " +
  "json_quote(coalesce(command_id, metadata ->> '$.commandId')) || ']'";
const TO_FOLD = `SELECT ${FOLD_ENVELOPE} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`;
type FoldEnvelope = [eventId: string, revision: number, type: string, schemaVersion: number, data: object, recordedAt: string, commandId: string];

const toRecorded = <E extends ProjectableEvent = RecordedEvent>(text: string, streamId?: string): E => {
  const envelope = JSON.parse(text) as Envelope;
  // A data or metadata column edited into two JSON values would shift every field after it: refused, not misread.
  if (envelope.length !== (streamId === undefined ? 8 : 7)) throw new Error(`Malformed event row: ${text.slice(0, 200)}`);
  const [position, eventId, revision, type, schemaVersion, data, metadata, storedStreamId] = envelope;
  return { eventId, streamId: streamId ?? storedStreamId!, revision, position: String(position), type, schemaVersion, data, metadata } as ProjectableEvent as E;
};

const rangeOf = (options: Pick<ReadAllOptions, 'after' | 'maxCount'>) => ({ after: options.after === undefined ? 0 : Number(options.after), limit: options.maxCount ?? -1 });

const toFoldable = (text: string, streamId: string): FoldableEvent => {
  const envelope = JSON.parse(text) as FoldEnvelope;
  if (envelope.length !== 7) throw new Error(`Malformed event row: ${text.slice(0, 200)}`);
  const [eventId, revision, type, schemaVersion, data, recordedAt, commandId] = envelope;
  return { eventId, streamId, revision, type, schemaVersion, data, metadata: { recordedAt, commandId } };
};

/**
 * Rows whose recorded_at or command_id (copies a fold reads instead of the hashed metadata) differ from the metadata;
 * command_id NULL is a row written before the column, read from its metadata. Unreadable metadata reads as NULL here:
 * the hash check reports such a row first.
 */
const COPY_MISMATCH = `position, event_id AS eventId, stream_id AS streamId, revision,
  ${metadataField('recordedAt')} AS recordedAtInMetadata, recorded_at AS recordedAt, ${metadataField('commandId')} AS commandIdInMetadata, command_id AS commandId
  FROM events WHERE (recorded_at IS NOT ${metadataField('recordedAt')} OR (command_id IS NOT NULL AND command_id IS NOT ${metadataField('commandId')}))`;
interface CopyMismatchRow {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly recordedAtInMetadata: string | null;
  readonly recordedAt: string | null;
  readonly commandIdInMetadata: string | null;
  readonly commandId: string | null;
}

const toCopyMismatch = (row: CopyMismatchRow): CopyMismatch => {
  const { position, eventId, streamId, revision } = row;
  const at = { streamId, revision, eventId, position: String(position) };
  return row.recordedAt !== row.recordedAtInMetadata
    ? { ...at, field: 'recordedAt', inMetadata: row.recordedAtInMetadata, copy: row.recordedAt }
    : { ...at, field: 'commandId', inMetadata: row.commandIdInMetadata, copy: row.commandId };
};

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions;
}

export interface SqliteEventStoreOptions {
  readonly maxAppendBytes?: number;
  /** How often a live subscription looks for appends made by another process on the same file. */
  readonly pollIntervalMs?: number;
  /**
   * Told when opening a log written before one of its indexes existed: building it reads every event once (≈ 1 s per
   * million) under the write lock, so whoever waits is told why — before with `ms` undefined, after with the time taken.
   */
  readonly onIndexBuild?: (notice: { readonly indexes: readonly string[]; readonly events: number; readonly ms?: number }) => void;
}

export type IndexBuildNotice = Parameters<NonNullable<SqliteEventStoreOptions['onIndexBuild']>>[0];

/** The line an operator reads while the first open of an older log builds an index. */
export const describeIndexBuild = ({ indexes, events, ms }: IndexBuildNotice): string =>
  ms === undefined
    ? `building ${indexes.join(' and ')} over ${events.toLocaleString('en-GB')} events (once, for a log written before them; writes wait meanwhile)…`
    : `${indexes.join(' and ')} built in ${(ms / 1000).toFixed(1)} s`;

/** The log's secondary indexes absent from an existing file (a new file has no events table yet: nothing to build). */
const missingIndexes = (db: Database.Database): string[] => {
  const names = new Set(db.prepare<[], { name: string }>('SELECT name FROM sqlite_master').all().map((row) => row.name));
  return names.has('events') ? SECONDARY_INDEXES.filter((index) => !names.has(index)) : [];
};

const missingColumns = (db: Database.Database): string[] => {
  const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')").all().map((column) => column.name));
  return ADDED_COLUMNS.filter(({ name }) => !present.has(name)).map(({ definition }) => definition);
};

/** Adds the columns a log written by an older Carnet lacks: a change of the schema only, no row rewritten. */
const addMissingColumns = (db: Database.Database): void => {
  if (missingColumns(db).length === 0) return;
  // Checked again under the write lock, so two processes opening the same older file do not both add a column.
  db.transaction(() => {
    for (const definition of missingColumns(db)) db.exec(`ALTER TABLE events ADD COLUMN ${definition}`);
  }).immediate();
};

/**
 * The embedded default: one SQLite file in WAL mode, `synchronous=FULL` so an acknowledged append
 * survives a power cut. Several processes may share the file (one writer at a time, readers alongside).
 */
export class SqliteEventStore implements EventStore, MetadataCopies {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly statements;
  /** Appends queued in one turn of the event loop: one transaction, one fsync (see GroupCommit). */
  private readonly appends: GroupCommit<PendingAppend, AppendResult>;
  /** Long fold reads (`background`), on a thread of their own; none for an in-memory database, which no thread shares. */
  private readonly foldReads: SqliteReadThread | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteEventStoreOptions,
  ) {
    const file = resolve(db.name);
    this.foldReads = db.memory ? undefined : new SqliteReadThread(file, statSync(file), TO_FOLD);
    this.statements = {
      streamLast: db.prepare<[string], string>(`SELECT ${STREAM_ENVELOPE} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`).pluck(),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, command_id)
         VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @metadata, @recordedAt, @commandId)`,
      ),
      eventExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE event_id = ?'),
      forwards: db
        .prepare<[string, number, number], string>(`SELECT ${STREAM_ENVELOPE} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`)
        .pluck(),
      toFold: db.prepare<[string, number, number], string>(TO_FOLD).pluck(),
      backwards: db
        .prepare<[string, number, number], string>(`SELECT ${STREAM_ENVELOPE} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .pluck(),
      all: db.prepare<[number, number], string>(`SELECT ${LOG_ENVELOPE} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`).pluck(),
      allProjectable: db.prepare<[number, number], string>(`SELECT ${PROJECTABLE_ENVELOPE} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`).pluck(),
      // Served by the (stream_id, revision) index: a range per stream, then sorted by position (the streams as one JSON array;
      // `+type` keeps the planner on the streams' index, bounded by their length, rather than a type's whole range).
      allOfStreams: db
        .prepare<[string, number, number], string>(
          `SELECT ${LOG_ENVELOPE} FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) AND position > ? ORDER BY position ASC LIMIT ?`,
        )
        .pluck(),
      allOfStreamsAndTypes: db
        .prepare<[string, number, string, number], string>(
          `SELECT ${LOG_ENVELOPE} FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) AND position > ? AND +type IN (SELECT value FROM json_each(?))
           ORDER BY position ASC LIMIT ?`,
        )
        .pluck(),
      // Served by events_by_type: a range per type, however long the log (the types come as one JSON array).
      allOfTypes: db
        .prepare<[number, string, number], string>(
          `SELECT ${LOG_ENVELOPE} FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position ASC LIMIT ?`,
        )
        .pluck(),
      byEventId: db.prepare<[string], string>(`SELECT ${LOG_ENVELOPE} FROM events WHERE event_id = ?`).pluck(),
      // Served by events_by_correlation (an index on the expression itself, its entries in position order).
      correlated: db.prepare<[string], string>(`SELECT ${LOG_ENVELOPE} FROM events WHERE ${CORRELATION_ID} = ? ORDER BY position`).pluck(),
      head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      copyMismatchInPositions: db.prepare<[number, number], CopyMismatchRow>(`SELECT ${COPY_MISMATCH} AND position BETWEEN ? AND ? ORDER BY position LIMIT 1`),
      copyMismatchInRevisions: db.prepare<[string, number, number], CopyMismatchRow>(
        `SELECT ${COPY_MISMATCH} AND stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision LIMIT 1`,
      ),
    };
    const appendOne = db.transaction((pending: PendingAppend) => this.appendOne(pending));
    // IMMEDIATE takes the write lock before the first head is read, so each revision check and its insert are atomic;
    // each append is its own savepoint: a refused one rolls back alone, the others commit together. Some errors
    // (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM…) make SQLite roll back the whole transaction, the batch's earlier appends
    // with it: the batch stops there and all of it is refused, as none of it is stored (going on, each later append
    // would run outside any transaction and be stored, then the COMMIT fail and refuse it all the same).
    const commitBatch = db.transaction((batch: readonly PendingAppend[]) =>
      batch.map((pending) => {
        const outcome = settle(() => appendOne(pending));
        if (!outcome.ok && !db.inTransaction) throw outcome.error;
        return outcome;
      }),
    );
    this.appends = new GroupCommit((batch) => {
      const outcomes = commitBatch.immediate(batch);
      // Subscriptions are woken only when the batch stored something.
      if (outcomes.some((outcome) => outcome.ok)) this.appended.emit('appended');
      return outcomes;
    });
  }

  /** Opens (and creates if needed) the store at `path`; `:memory:` gives a private in-memory database. */
  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const missing = missingIndexes(db);
    const events = missing.length && options.onIndexBuild ? (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n : 0;
    if (events) options.onIndexBuild!({ indexes: missing, events });
    const started = Date.now();
    db.exec(SQLITE_EVENT_STORE_SCHEMA);
    addMissingColumns(db);
    if (events) options.onIndexBuild!({ indexes: missing, events, ms: Date.now() - started });
    return new SqliteEventStore(db, options);
  }

  /** The underlying connection, for projections that share the file and its transactions. */
  get database(): Database.Database {
    return this.db;
  }

  /** One append, run inside the batch's transaction as a savepoint (better-sqlite3 nests transactions that way). */
  private appendOne({ streamId, events, options: { expectedRevision, preserveHashes } }: PendingAppend): AppendResult {
    const lastRow = this.statements.streamLast.get(streamId);
    const last = lastRow === undefined ? undefined : toRecorded(lastRow, streamId);
    ensureExpectedRevision(streamId, expectedRevision, last?.revision);
    // Chained from the stream's last stored event, inside the write lock, so no other writer slips in between.
    const wholeStream = () => this.statements.forwards.all(streamId, 0, -1).map((text) => toRecorded(text, streamId));
    const sealed = sealEvents(streamId, tipAfter(last, wholeStream), (last?.revision ?? -1) + 1, events, preserveHashes);
    ensureAppendSize(sealed, this.options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES);
    const positions: Position[] = [];
    let revision = last?.revision ?? -1;
    for (const event of sealed) {
      if (this.statements.eventExists.get(event.eventId)) throw new DuplicateEventId(event.eventId);
      revision += 1;
      const info = this.statements.insert.run({
        eventId: event.eventId,
        streamId,
        revision,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt: event.metadata.recordedAt,
        commandId: event.metadata.commandId,
      });
      positions.push(String(info.lastInsertRowid));
    }
    return { nextExpectedRevision: revision, positions };
  }

  /** Appends made in the same turn of the event loop share one transaction (group commit); each keeps its own outcome. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appends.submit({ streamId, events, options });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map((text) => toRecorded(text, streamId));
  }

  async readStreamForFold(streamId: string, options: ReadForFoldOptions = {}): Promise<FoldableEvent[]> {
    const parameters = [streamId, options.fromRevision ?? 0, options.maxCount ?? -1] as const;
    const rows = (options.background ? await this.foldReads?.read(parameters) : undefined) ?? this.statements.toFold.all(...parameters);
    return rows.map((text) => toFoldable(text, streamId));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { after, limit } = rangeOf(options);
    const { streamIds, types } = options;
    const rows = streamIds
      ? types
        ? this.statements.allOfStreamsAndTypes.all(JSON.stringify(streamIds), after, JSON.stringify(types), limit)
        : this.statements.allOfStreams.all(JSON.stringify(streamIds), after, limit)
      : types
        ? this.statements.allOfTypes.all(after, JSON.stringify(types), limit)
        : this.statements.all.all(after, limit);
    return rows.map((text) => toRecorded(text));
  }

  /** The whole log as a replay applies it, synchronously: a rebuild reads its pages inside the transaction that fills its shadow. */
  readAllSync(options: Pick<ReadAllOptions, 'after' | 'maxCount'> = {}): ProjectableEvent[] {
    const { after, limit } = rangeOf(options);
    return this.statements.allProjectable.all(after, limit).map((text) => toRecorded<ProjectableEvent>(text));
  }

  async readEvent(eventId: string): Promise<RecordedEvent | undefined> {
    const text = this.statements.byEventId.get(eventId);
    return text === undefined ? undefined : toRecorded(text);
  }

  async readCorrelated(correlationId: string): Promise<RecordedEvent[]> {
    return this.statements.correlated.all(correlationId).map((text) => toRecorded(text));
  }

  firstCopyMismatch(page: readonly RecordedEvent[]): CopyMismatch | undefined {
    const [first, last] = [page[0], page.at(-1)];
    if (!first || !last) return undefined;
    // A page of one stream (verifying a stream) is a range of its revisions, whatever else the log holds in between.
    const row = page.every((event) => event.streamId === first.streamId)
      ? this.statements.copyMismatchInRevisions.get(first.streamId, first.revision, last.revision)
      : this.statements.copyMismatchInPositions.get(Number(first.position), Number(last.position));
    return row && toCopyMismatch(row);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return catchUpSubscription({ readAll: (o) => this.readAll(o), waitForAppend: appendSignal(this.appended, this.options.pollIntervalMs) }, options);
  }

  async headPosition(): Promise<Position | undefined> {
    const position = this.statements.head.get()?.position;
    return position === null || position === undefined ? undefined : String(position);
  }

  comparePositions(a: Position, b: Position): number {
    return rowPositions.compare(a, b);
  }

  isPosition(text: string): boolean {
    return rowPositions.isPosition(text);
  }

  async close(): Promise<void> {
    if (this.db.open) this.appends.flush();
    this.appended.removeAllListeners();
    await this.foldReads?.close();
    if (this.db.open) this.db.close();
  }
}
