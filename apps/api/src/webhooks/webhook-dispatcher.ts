import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cooperationIdOfStream, cooperationStream, withoutPersonalData } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { ProjectionRunner } from '#projections';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.js';
import { WebhookRegistry, type Webhook } from './webhook-registry.js';

export const WEBHOOK_REGISTRY = Symbol('WebhookRegistry');
export const WEBHOOK_DISPATCH_OPTIONS = Symbol('WebhookDispatchOptions');

export interface WebhookDispatchOptions {
  /** First wait before retrying a failed delivery; it doubles at each failure up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** A receiver that has not answered by then has failed this attempt. */
  readonly timeoutMs: number;
  /** How often a caught-up webhook looks for events appended by another process or node. */
  readonly pollMs: number;
}

export const DEFAULT_WEBHOOK_DISPATCH: WebhookDispatchOptions = { retryBaseMs: 1_000, retryMaxMs: 600_000, timeoutMs: 10_000, pollMs: 1_000 };

const PAGE = 100;

/** What a receiver gets: the event as the API reads it, personal values left out (the receiver is not a reader we vouch for). */
export const webhookPayload = (webhookId: string, event: RecordedEvent, attempt: number) => {
  const cooperationId = cooperationIdOfStream(event.streamId);
  return {
    webhookId,
    attempt,
    event: {
      eventId: event.eventId,
      streamId: event.streamId,
      ...(cooperationId ? { cooperationId } : {}),
      type: event.type,
      revision: event.revision,
      position: event.position,
      recordedAt: event.metadata.recordedAt,
      ...(event.metadata.occurredAt ? { occurredAt: event.metadata.occurredAt } : {}),
      actor: event.metadata.actor,
      data: withoutPersonalData(event.type, event.data as object),
    },
  };
};

/** How a webhook's loop waits: for new events (woken by any append), or to retry (woken only by its removal or the node stopping). */
interface Sleeper {
  readonly forEvents: boolean;
  readonly wake: () => void;
}

/**
 * Delivers the log's events to each registered webhook, in log order, at least once: one loop per webhook reads the
 * events its filter selects after its cursor, POSTs each one signed with the webhook's secret, and moves the cursor
 * only once the receiver answered 2xx. A failure (the receiver's, or reading the log) is retried with a doubling wait,
 * without end and without skipping, while the other webhooks go on; its streak shows in GET /webhooks and survives a
 * restart. A loop delivers only while it holds the webhook's lease, so two processes on one data directory never
 * deliver the same webhook at once. Woken by the projections applying new events, and every `pollMs` for appends by
 * another process or node.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  /** This process, as the holder of leases. */
  private readonly owner = randomUUID();
  private readonly running = new Map<string, { readonly loop: Promise<void>; readonly stopped: AbortController }>();
  private readonly sleepers = new Map<string, Sleeper>();
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(WEBHOOK_REGISTRY) private readonly registry: WebhookRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_DISPATCH_OPTIONS) private readonly options: WebhookDispatchOptions,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.projections.onApplied(() => this.wakeForEvents());
    for (const webhook of this.registry.list()) this.start(webhook.webhookId);
  }

  /** The loops stop before the event store closes (it closes at shutdown), and give their leases back. */
  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    this.stopping.abort();
    for (const { stopped } of this.running.values()) stopped.abort();
    for (const sleeper of this.sleepers.values()) sleeper.wake();
    await Promise.allSettled([...this.running.values()].map(({ loop }) => loop));
    this.registry.release(this.owner);
  }

  /** After the HTTP server has stopped: GET /webhooks answers until then. */
  onApplicationShutdown(): void {
    this.registry.close();
  }

  /** Starts delivering to a webhook (a new one, or each one at boot). */
  start(webhookId: string): void {
    if (this.running.has(webhookId) || this.stopping.signal.aborted) return;
    const stopped = new AbortController();
    const loop = this.deliverAll(webhookId, stopped.signal).finally(() => this.running.delete(webhookId));
    this.running.set(webhookId, { loop, stopped });
  }

  /** Stops a removed webhook's loop at once, its attempt in flight aborted. */
  stop(webhookId: string): void {
    this.running.get(webhookId)?.stopped.abort();
    this.sleepers.get(webhookId)?.wake();
  }

  private wakeForEvents(): void {
    for (const sleeper of this.sleepers.values()) if (sleeper.forEvents) sleeper.wake();
  }

  /** Runs until the webhook is removed or the node stops; nothing thrown ends it (the streak shows the error). */
  private async deliverAll(webhookId: string, stopped: AbortSignal): Promise<void> {
    while (!stopped.aborted) {
      const webhook = this.registry.get(webhookId);
      if (!webhook) return;
      if (!this.claim(webhookId)) {
        await this.sleep(webhookId, this.options.pollMs, true);
        continue;
      }
      try {
        if (!(await this.deliverPage(webhook, stopped))) await this.sleep(webhookId, this.options.pollMs, true);
      } catch (failure) {
        if (stopped.aborted) return;
        const message = failure instanceof Error ? failure.message : String(failure);
        this.logger.warn(`${webhookId}: ${message}`);
        const streak = this.registry.recordFailure(webhookId, message, new Date().toISOString());
        await this.sleep(webhookId, this.backOff(streak), false);
      }
    }
  }

  /**
   * Delivers the next page of events the filter selects; false when there was none (the cursor then moves to the head
   * read before looking: what lies before it was all filtered out, and is not scanned again).
   */
  private async deliverPage(webhook: Webhook, stopped: AbortSignal): Promise<boolean> {
    const { webhookId, cursor } = webhook;
    if (cursor !== null && !this.store.isPosition(cursor)) {
      throw new Error(`its cursor ${cursor} is no position of this event store (another engine?): remove the webhook and register it again`);
    }
    const head = await this.store.headPosition();
    const page = await this.store.readAll({
      ...(cursor !== null ? { after: cursor } : {}),
      maxCount: PAGE,
      ...(webhook.eventTypes.length ? { types: webhook.eventTypes } : {}),
      ...(webhook.cooperationId ? { streamIds: [cooperationStream(webhook.cooperationId)] } : {}),
    });
    if (page.length === 0) {
      if (head !== undefined && (cursor === null || this.store.comparePositions(head, cursor) > 0)) this.registry.advance(webhookId, this.owner, head);
      return false;
    }
    for (const event of page) {
      if (!(await this.deliver(webhook, event, stopped))) return true;
      this.registry.advance(webhookId, this.owner, event.position);
    }
    return true;
  }

  /** Delivers one event until the receiver takes it; false when the webhook was removed or the node stops first. */
  private async deliver({ webhookId, url }: Webhook, event: RecordedEvent, stopped: AbortSignal): Promise<boolean> {
    for (;;) {
      // Read before each attempt: a removed webhook has none, and gets no further attempt.
      const current = stopped.aborted ? undefined : this.registry.get(webhookId);
      const secret = current && this.registry.secretOf(webhookId);
      if (!current || !secret || !this.claim(webhookId)) return false;
      const attempt = (current.failing?.attempts ?? 0) + 1;
      const body = JSON.stringify(webhookPayload(webhookId, event, attempt));
      const started = performance.now();
      const at = new Date().toISOString();
      let status: number | null = null;
      let error: string | undefined;
      try {
        const response = await fetch(url, {
          method: 'POST',
          // A redirect is the receiver's answer, not a second address to post the event to.
          redirect: 'manual',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Carnet-Webhooks/1',
            'carnet-webhook-id': webhookId,
            'carnet-event-id': event.eventId,
            'carnet-event-type': event.type,
            'carnet-delivery-attempt': String(attempt),
            [SIGNATURE_HEADER]: signWebhookBody(secret, body),
          },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), stopped]),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (failure) {
        error = failure instanceof Error ? (failure.cause instanceof Error ? failure.cause.message : failure.message) : String(failure);
      }
      const ok = status !== null && status >= 200 && status < 300;
      if (stopped.aborted && !ok) return false;
      this.registry.recordAttempt(webhookId, {
        eventId: event.eventId,
        eventType: event.type,
        position: event.position,
        attempt,
        at,
        durationMs: performance.now() - started,
        status,
        ok,
        ...(ok ? {} : { error: error ?? `HTTP ${status}` }),
      });
      if (ok) return true;
      await this.sleep(webhookId, this.backOff(attempt), false);
    }
  }

  /** Takes or renews the webhook's lease before each page and each attempt, long enough for an attempt to end (its timeout). */
  private claim(webhookId: string): boolean {
    const now = Date.now();
    return this.registry.claim(webhookId, this.owner, now, now + 2 * this.options.timeoutMs + this.options.pollMs);
  }

  /** The wait after the n-th failure in a row: doubling from `retryBaseMs`, at most `retryMaxMs`. */
  private backOff(failures: number): number {
    return Math.min(this.options.retryBaseMs * 2 ** Math.max(0, failures - 1), this.options.retryMaxMs);
  }

  /** Waits `ms`, or until woken (new events when `forEvents`; a removal; the node stopping). */
  private sleep(webhookId: string, ms: number, forEvents: boolean): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        if (this.sleepers.get(webhookId)?.wake === wake) this.sleepers.delete(webhookId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.set(webhookId, { forEvents, wake });
      if (this.stopping.signal.aborted || this.running.get(webhookId)?.stopped.signal.aborted) wake();
    });
  }
}
