import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a webhook listens to: event types (all when empty) of one cooperation's stream (all streams when absent). */
export interface WebhookFilter {
  readonly eventTypes: readonly string[];
  readonly cooperationId?: string;
}

export interface Webhook extends WebhookFilter {
  readonly webhookId: string;
  readonly url: string;
  readonly description?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The last log position handled (delivered, or not matching): deliveries resume after it. */
  readonly cursor: string | null;
  /**
   * Delivering the event after the cursor is failing (the receiver, or reading the log): how many failures in a row,
   * restarts included, and the last error.
   */
  readonly failing?: { readonly attempts: number; readonly lastError: string; readonly since: string };
}

/** One attempt to deliver one event, as the registry keeps the latest of them. */
export interface WebhookDelivery {
  readonly eventId: string;
  readonly eventType: string;
  readonly position: string;
  readonly attempt: number;
  readonly at: string;
  readonly durationMs: number;
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  readonly status: number | null;
  readonly ok: boolean;
  readonly error?: string;
}

interface WebhookRow {
  webhook_id: string;
  url: string;
  event_types: string;
  cooperation_id: string | null;
  description: string | null;
  secret: string;
  created_at: string;
  created_by: string;
  cursor: string | null;
  failing_attempts: number;
  failing_error: string | null;
  failing_since: string | null;
  lease_owner: string | null;
  lease_until: number | null;
}

interface DeliveryRow {
  event_id: string;
  event_type: string;
  position: string;
  attempt: number;
  at: string;
  duration_ms: number;
  status: number | null;
  ok: number;
  error: string | null;
}

/** Deliveries kept per webhook: enough to see what failed and when, never a second copy of the log. */
const DELIVERIES_KEPT = 200;

const webhookOf = (row: WebhookRow): Webhook => ({
  webhookId: row.webhook_id,
  url: row.url,
  eventTypes: JSON.parse(row.event_types) as string[],
  ...(row.cooperation_id ? { cooperationId: row.cooperation_id } : {}),
  ...(row.description ? { description: row.description } : {}),
  createdAt: row.created_at,
  createdBy: row.created_by,
  cursor: row.cursor,
  ...(row.failing_attempts > 0 ? { failing: { attempts: row.failing_attempts, lastError: row.failing_error ?? '', since: row.failing_since ?? '' } } : {}),
});

/**
 * The webhooks registered on this node, their signing secrets, how far each has delivered and its latest attempts, in
 * a SQLite file of their own (webhooks.sqlite in the data directory). Operational state, like the person keys: a
 * secret must not enter the log, and delivery progress is this node's, not the cooperation's history.
 */
export class WebhookRegistry {
  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS webhooks (
        webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, event_types TEXT NOT NULL, cooperation_id TEXT, description TEXT,
        secret TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, cursor TEXT,
        failing_attempts INTEGER NOT NULL DEFAULT 0, failing_error TEXT, failing_since TEXT, lease_owner TEXT, lease_until INTEGER);
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        webhook_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, position TEXT NOT NULL, attempt INTEGER NOT NULL,
        at TEXT NOT NULL, duration_ms REAL NOT NULL, status INTEGER, ok INTEGER NOT NULL, error TEXT);
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id);`);
    // A file from before leases (2026-12-07) gets their columns.
    const columns = new Set(db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'webhooks\')').all().map((c) => c.name));
    if (!columns.has('lease_owner')) db.exec('ALTER TABLE webhooks ADD COLUMN lease_owner TEXT; ALTER TABLE webhooks ADD COLUMN lease_until INTEGER;');
  }

  static open(path: string): WebhookRegistry {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return new WebhookRegistry(new Database(path));
  }

  /** A new webhook, delivering from `cursor` on (the log's head: only what happens next); its secret is returned once. */
  create(input: { url: string; filter: WebhookFilter; description?: string; createdBy: string; cursor: string | null; now: string }): { webhook: Webhook; secret: string } {
    const webhookId = `webhook:${randomUUID()}`;
    const secret = randomBytes(32).toString('base64url');
    this.db
      .prepare(
        `INSERT INTO webhooks (webhook_id, url, event_types, cooperation_id, description, secret, created_at, created_by, cursor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(webhookId, input.url, JSON.stringify(input.filter.eventTypes), input.filter.cooperationId ?? null, input.description ?? null, secret, input.now, input.createdBy, input.cursor);
    return { webhook: this.get(webhookId)!, secret };
  }

  list(): Webhook[] {
    return this.db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, webhook_id').all().map(webhookOf);
  }

  get(webhookId: string): Webhook | undefined {
    const row = this.db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE webhook_id = ?').get(webhookId);
    return row && webhookOf(row);
  }

  secretOf(webhookId: string): string | undefined {
    return this.db.prepare<[string], { secret: string }>('SELECT secret FROM webhooks WHERE webhook_id = ?').get(webhookId)?.secret;
  }

  /** Removes a webhook and its deliveries; false when there was none. */
  remove(webhookId: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(webhookId);
      return this.db.prepare('DELETE FROM webhooks WHERE webhook_id = ?').run(webhookId).changes > 0;
    })();
  }

  /**
   * Takes or renews the right to deliver a webhook until `until` (ms since the epoch): false while another process
   * holds it (two processes on one data directory never deliver the same webhook at once, nor move its cursor back).
   */
  claim(webhookId: string, owner: string, now: number, until: number): boolean {
    return (
      this.db
        .prepare('UPDATE webhooks SET lease_owner = ?, lease_until = ? WHERE webhook_id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)')
        .run(owner, until, webhookId, owner, now).changes > 0
    );
  }

  /** Gives up every lease `owner` holds (a node stopping: a restart takes over at once). */
  release(owner: string): void {
    this.db.prepare('UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?').run(owner);
  }

  /** Past `position`: handled, by the lease's holder only, while it holds it at `now`. Clears a failing streak. */
  advance(webhookId: string, owner: string, position: string, now: number): void {
    this.db
      .prepare('UPDATE webhooks SET cursor = ?, failing_attempts = 0, failing_error = NULL, failing_since = NULL WHERE webhook_id = ? AND lease_owner = ? AND lease_until >= ?')
      .run(position, webhookId, owner, now);
  }

  /** Ends a streak of failures to read the log, once it reads again (no event is failing then). */
  clearFailing(webhookId: string, owner: string): void {
    this.db.prepare('UPDATE webhooks SET failing_attempts = 0, failing_error = NULL, failing_since = NULL WHERE webhook_id = ? AND lease_owner = ?').run(webhookId, owner);
  }

  /** The number of the latest attempt kept for this event (0 for none): attempt numbers go on across restarts. */
  lastAttempt(webhookId: string, eventId: string): number {
    return this.db.prepare<[string, string], { attempt: number | null }>('SELECT MAX(attempt) AS attempt FROM webhook_deliveries WHERE webhook_id = ? AND event_id = ?').get(webhookId, eventId)?.attempt ?? 0;
  }

  /** One more failure in the streak (an attempt refused, or the log unreadable); its length, restarts included. */
  recordFailure(webhookId: string, error: string, at: string): number {
    const row = this.db
      .prepare<[string, string, string], { failing_attempts: number }>(
        'UPDATE webhooks SET failing_attempts = failing_attempts + 1, failing_error = ?, failing_since = COALESCE(failing_since, ?) WHERE webhook_id = ? RETURNING failing_attempts',
      )
      .get(error, at, webhookId);
    return row?.failing_attempts ?? 0;
  }

  /** Keeps an attempt (not for a webhook removed meanwhile), and the failing streak when it failed; older attempts beyond the kept number go. */
  recordAttempt(webhookId: string, delivery: WebhookDelivery): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, position, attempt, at, duration_ms, status, ok, error)
           SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM webhooks WHERE webhook_id = ?)`,
        )
        .run(webhookId, delivery.eventId, delivery.eventType, delivery.position, delivery.attempt, delivery.at, delivery.durationMs, delivery.status, delivery.ok ? 1 : 0, delivery.error ?? null, webhookId);
      if (!delivery.ok) this.recordFailure(webhookId, delivery.error ?? `HTTP ${delivery.status}`, delivery.at);
      this.db
        .prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ? AND rowid NOT IN (SELECT rowid FROM webhook_deliveries WHERE webhook_id = ? ORDER BY rowid DESC LIMIT ?)')
        .run(webhookId, webhookId, DELIVERIES_KEPT);
    })();
  }

  /** The latest attempts, newest first. */
  deliveries(webhookId: string, limit = 50): WebhookDelivery[] {
    return this.db
      .prepare<[string, number], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY rowid DESC LIMIT ?')
      .all(webhookId, limit)
      .map((row) => ({
        eventId: row.event_id,
        eventType: row.event_type,
        position: row.position,
        attempt: row.attempt,
        at: row.at,
        durationMs: row.duration_ms,
        status: row.status,
        ok: row.ok === 1,
        ...(row.error ? { error: row.error } : {}),
      }));
  }

  close(): void {
    this.db.close();
  }
}
