/**
 * A field of the metadata, as SQL reads it. A row whose metadata is not valid JSON reads NULL: json_extract would fail
 * the statement (an index build, and with it every open of a damaged log, the very file `carnet audit verify` must
 * still read).
 */
export const metadataField = (field: string): string => `iif(json_valid(metadata), json_extract(metadata, '$.${field}'), NULL)`;

/** The expression events_by_correlation indexes (a query must spell it the same way to be served by it). */
export const CORRELATION_ID = metadataField('correlationId');

/** The indexes beside the table's own keys: a log written before one of them gets it built on its first open. */
export const SECONDARY_INDEXES = ['events_by_type', 'events_by_correlation'] as const;

/**
 * Columns added to the table after logs were written without them, each read with a fallback for older rows:
 * `command_id` (a copy of metadata.commandId, so a fold need not read the metadata) is NULL on rows written before it.
 */
export const ADDED_COLUMNS = [{ name: 'command_id', definition: 'command_id TEXT' }] as const;

/**
 * One table holds the log. AUTOINCREMENT with a single writer gives gap-free positions that are never
 * reused (a rolled-back append rolls its sequence back too); (stream_id, revision) is unique. `recorded_at` and `command_id` copy two fields of the metadata that a fold reads
 * (the metadata, hashed, stays the record). The type and correlation
 * indexes serve readAll({ types }) and readCorrelated; the first open of a log written before them builds them once.
 */
export const SQLITE_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  command_id     TEXT,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
CREATE INDEX IF NOT EXISTS events_by_correlation ON events (${CORRELATION_ID});
CREATE TABLE IF NOT EXISTS carnet_schema (
  name    TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT OR IGNORE INTO carnet_schema (name, version) VALUES ('event-store', 1);
`;
