import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cooperationIdOfStream, cooperationStream, withoutPersonalData } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { ProjectionRunner } from '#projections';
import { failureText, postToReceiver } from './post-to-receiver.js';
import type { WebhookReceiverPolicy } from './receiver-address.js';
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
  /** Which addresses a delivery may connect to (CARNET_WEBHOOK_RECEIVERS), checked as it connects. */
  readonly receivers: WebhookReceiverPolicy;
}

/** What tests may shorten: the waits. Receivers follow the configuration, so registration and delivery agree. */
export type WebhookDispatchTuning = Partial<Omit<WebhookDispatchOptions, 'receivers'>>;

export const DEFAULT_WEBHOOK_DISPATCH: WebhookDispatchOptions = { retryBaseMs: 1_000, retryMaxMs: 600_000, timeoutMs: 10_000, pollMs: 1_000, receivers: 'public' };

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
      visibility: event.metadata.visibility ?? 'consortium',
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
  /** Until when this process holds each webhook's lease, as it last took it. */
  private readonly leases = new Map<string, number>();
  /** When each webhook's cursor last moved past events its filter left out. */
  private readonly skippedAt = new Map<string, number>();
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
    const loop = this.deliverAll(webhookId, stopped.signal)
      // deliverAll catches what it can; this only reports a loop that could not go on (the registry itself failing).
      .catch((error: unknown) => this.logger.error(`${webhookId} stopped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => {
        this.running.delete(webhookId);
        this.leases.delete(webhookId);
        this.skippedAt.delete(webhookId);
      });
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
      try {
        const webhook = this.registry.get(webhookId);
        if (!webhook) return;
        if (!this.claim(webhookId)) {
          await this.sleep(webhookId, this.options.pollMs, true);
          continue;
        }
        if (!(await this.deliverPage(webhook, stopped))) await this.sleep(webhookId, this.options.pollMs, true);
      } catch (failure) {
        if (stopped.aborted) return;
        const message = failure instanceof Error ? failure.message : String(failure);
        this.logger.warn(`${webhookId}: ${message}`);
        let streak = 1;
        try {
          streak = this.registry.recordFailure(webhookId, message, new Date().toISOString());
        } catch (unrecorded) {
          // The registry itself failing (a full disk): the loop waits as after a first failure, and tries again.
          this.logger.warn(`${webhookId}: the failure could not be recorded: ${unrecorded instanceof Error ? unrecorded.message : String(unrecorded)}`);
        }
        await this.sleep(webhookId, this.backOff(streak), false);
      }
    }
  }

  /**
   * Delivers the next page of events the filter selects; false when there was none. The cursor then moves to the head
   * read before looking (what lies before it was all filtered out, and is not scanned again), at most once a poll.
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
      // The log reads again: a streak of read errors (no event failing) is over.
      if (webhook.failing) this.registry.clearFailing(webhookId, this.owner);
      const now = Date.now();
      const moved = head !== undefined && (cursor === null || this.store.comparePositions(head, cursor) > 0);
      if (moved && now - (this.skippedAt.get(webhookId) ?? 0) >= this.options.pollMs) {
        this.registry.advance(webhookId, this.owner, head, now);
        this.skippedAt.set(webhookId, now);
      }
      return false;
    }
    for (const event of page) {
      if (!(await this.deliver(webhookId, event, stopped))) return true;
      this.registry.advance(webhookId, this.owner, event.position, Date.now());
    }
    return true;
  }

  /**
   * Delivers one event until the receiver takes it; false when the webhook was removed, the node stops, the lease went
   * to another process, or the cursor is already past the event (that process delivered it meanwhile).
   */
  private async deliver(webhookId: string, event: RecordedEvent, stopped: AbortSignal): Promise<boolean> {
    for (;;) {
      // The lease first, then the row as it stands under it: a removed webhook has none, and gets no further attempt.
      if (stopped.aborted || !this.claim(webhookId)) return false;
      const current = this.registry.get(webhookId);
      const secret = current && this.registry.secretOf(webhookId);
      if (!current || !secret) return false;
      if (current.cursor !== null && this.store.comparePositions(event.position, current.cursor) <= 0) return false;
      // Attempts at this event, restarts included (the latest are kept with the deliveries).
      const attempt = this.registry.lastAttempt(webhookId, event.eventId) + 1;
      const body = JSON.stringify(webhookPayload(webhookId, event, attempt));
      const started = performance.now();
      const at = new Date().toISOString();
      let status: number | null = null;
      let error: string | undefined;
      try {
        const headers = {
          'content-type': 'application/json',
          'user-agent': 'Carnet-Webhooks/1',
          'carnet-webhook-id': webhookId,
          'carnet-event-id': event.eventId,
          'carnet-event-type': event.type,
          'carnet-delivery-attempt': String(attempt),
          [SIGNATURE_HEADER]: signWebhookBody(secret, body),
        };
        const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), stopped]);
        status = await postToReceiver(current.url, headers, body, { signal, receivers: this.options.receivers });
      } catch (failure) {
        error = failureText(failure);
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
      const wait = this.backOff(attempt);
      // Kept through the wait: another process taking over now would retry at once and break the schedule.
      this.claim(webhookId, wait);
      await this.sleep(webhookId, wait, false);
    }
  }

  /**
   * Takes the webhook's lease, or renews it once less than an attempt and a poll are left (a write per renewal, not
   * per page or attempt): long enough for an attempt to end (its timeout) and be recorded, plus `holdMs` (a wait
   * before retrying).
   */
  private claim(webhookId: string, holdMs = 0): boolean {
    const now = Date.now();
    const span = 2 * this.options.timeoutMs + this.options.pollMs;
    const until = this.leases.get(webhookId);
    if (holdMs === 0 && until !== undefined && until - now > this.options.timeoutMs + this.options.pollMs) return true;
    const taken = this.registry.claim(webhookId, this.owner, now, now + span + holdMs);
    if (taken) this.leases.set(webhookId, now + span + holdMs);
    else this.leases.delete(webhookId);
    return taken;
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
