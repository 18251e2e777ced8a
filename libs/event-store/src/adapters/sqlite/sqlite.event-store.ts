import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureAppendSize, ensureExpectedRevision } from '../../append-guard.js';
import { appendSignal, catchUpSubscription } from '../../catch-up-subscription.js';
import { rowPositions, type NewEvent, type Position, type RecordedEvent } from '../../envelope.js';
import { DuplicateEventId } from '../../event-store.errors.js';
import {
  DEFAULT_MAX_APPEND_BYTES,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../event-store.port.js';
import { sealEvents, tipAfter } from '../../integrity/hash-chain.js';
import { SQLITE_EVENT_STORE_SCHEMA } from './sqlite.schema.js';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: String(row.position),
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data) as object,
  metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
});

/** The columns of the global log's reads, as arrays (`raw` statements): no row object is built per event only to be copied. */
const LOG_COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata';
type LogRow = [position: number, eventId: string, streamId: string, revision: number, type: string, schemaVersion: number, data: string, metadata: string];

const fromLogRow = ([position, eventId, streamId, revision, type, schemaVersion, data, metadata]: LogRow): RecordedEvent => ({
  eventId,
  streamId,
  revision,
  position: String(position),
  type,
  schemaVersion,
  data: JSON.parse(data) as object,
  metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
});

export interface SqliteEventStoreOptions {
  readonly maxAppendBytes?: number;
  /** How often a live subscription looks for appends made by another process on the same file. */
  readonly pollIntervalMs?: number;
}

/**
 * The embedded default: one SQLite file in WAL mode, `synchronous=FULL` so an acknowledged append
 * survives a power cut. Several processes may share the file (one writer at a time, readers alongside).
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteEventStoreOptions,
  ) {
    this.statements = {
      streamLast: db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
         VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @metadata, @recordedAt)`,
      ),
      eventExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE event_id = ?'),
      forwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      backwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      all: db.prepare<[number, number], LogRow>(`SELECT ${LOG_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`).raw(true),
      // Served by events_by_type: a range per type, however long the log (the types come as one JSON array).
      allOfTypes: db
        .prepare<[number, string, number], LogRow>(
          `SELECT ${LOG_COLUMNS} FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position ASC LIMIT ?`,
        )
        .raw(true),
      head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  /** Opens (and creates if needed) the store at `path`; `:memory:` gives a private in-memory database. */
  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SQLITE_EVENT_STORE_SCHEMA);
    return new SqliteEventStore(db, options);
  }

  /** The underlying connection, for projections that share the file and its transactions. */
  get database(): Database.Database {
    return this.db;
  }

  async append(streamId: string, events: readonly NewEvent[], { expectedRevision, preserveHashes }: AppendOptions): Promise<AppendResult> {
    const write = this.db.transaction((): AppendResult => {
      const lastRow = this.statements.streamLast.get(streamId);
      const last = lastRow && toRecorded(lastRow);
      ensureExpectedRevision(streamId, expectedRevision, last?.revision);
      // Chained from the stream's last stored event, inside the write lock, so no other writer slips in between.
      const wholeStream = () => this.statements.forwards.all(streamId, 0, -1).map(toRecorded);
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
        });
        positions.push(String(info.lastInsertRowid));
      }
      return { nextExpectedRevision: revision, positions };
    });
    // IMMEDIATE takes the write lock before reading the head, so the revision check and the insert are atomic.
    const result = write.immediate();
    this.appended.emit('appended');
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  /** The same read, synchronous: lets a SQLite transaction read the log's tail while it holds the write lock. */
  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    const after = options.after === undefined ? 0 : Number(options.after);
    const rows = options.types
      ? this.statements.allOfTypes.all(after, JSON.stringify(options.types), options.maxCount ?? -1)
      : this.statements.all.all(after, options.maxCount ?? -1);
    return rows.map(fromLogRow);
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
    this.appended.removeAllListeners();
    if (this.db.open) this.db.close();
  }
}
