import type { DomainEvent } from '../shared/decider.js';

/** The stream of the export trail (peers.md §4.12: an export is itself a fact of the history). */
export const EXPORTS_STREAM = 'audit-exports';

/** What was exported: the log as NDJSON (GET /events/export), or a cooperation's timeline for a spreadsheet. */
export const EXPORT_KINDS = ['eventLog', 'timelineCsv'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * Someone (the event's actor) exported data: which export, of which cooperation (the whole log when left out), over
 * which window of record times, in which language. Holds no personal data, and no copy of what was exported.
 */
export type DataExported = DomainEvent<
  'DataExported',
  { export: ExportKind; cooperationId?: string; from?: string; to?: string; lang?: 'fr' | 'en' }
>;

export type AuditEvent = DataExported;
