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
  /** The delivery of the event after the cursor is failing: how many attempts so far, and the last error. */
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
        failing_attempts INTEGER NOT NULL DEFAULT 0, failing_error TEXT, failing_since TEXT);
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        webhook_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, position TEXT NOT NULL, attempt INTEGER NOT NULL,
        at TEXT NOT NULL, duration_ms REAL NOT NULL, status INTEGER, ok INTEGER NOT NULL, error TEXT);
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id);`);
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

  /** Past `position`: handled. Clears a failing streak. */
  advance(webhookId: string, position: string): void {
    this.db.prepare('UPDATE webhooks SET cursor = ?, failing_attempts = 0, failing_error = NULL, failing_since = NULL WHERE webhook_id = ?').run(position, webhookId);
  }

  /** Keeps an attempt, and the failing streak when it failed; older attempts beyond the kept number go. */
  recordAttempt(webhookId: string, delivery: WebhookDelivery): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, position, attempt, at, duration_ms, status, ok, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(webhookId, delivery.eventId, delivery.eventType, delivery.position, delivery.attempt, delivery.at, delivery.durationMs, delivery.status, delivery.ok ? 1 : 0, delivery.error ?? null);
      if (!delivery.ok) {
        this.db
          .prepare('UPDATE webhooks SET failing_attempts = ?, failing_error = ?, failing_since = COALESCE(failing_since, ?) WHERE webhook_id = ?')
          .run(delivery.attempt, delivery.error ?? `HTTP ${delivery.status}`, delivery.at, webhookId);
      }
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
