import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
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

/**
 * Delivers the log's events to each registered webhook, in log order, at least once: one loop per webhook reads the
 * events its filter selects after its cursor, POSTs each one signed with the webhook's secret, and moves the cursor
 * only once the receiver answered 2xx. A failing receiver is retried with a doubling wait, without end and without
 * skipping, while the other webhooks go on; its streak shows in GET /webhooks. Woken by the projections applying new
 * events, and every `pollMs` for appends by another process or node.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly running = new Map<string, Promise<void>>();
  /** Loops waiting for new events, and loops waiting to retry (woken only by a removal or the node stopping). */
  private readonly waitingForEvents = new Set<() => void>();
  private readonly backingOff = new Set<() => void>();
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(WEBHOOK_REGISTRY) private readonly registry: WebhookRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_DISPATCH_OPTIONS) private readonly options: WebhookDispatchOptions,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.projections.onApplied(() => this.wake());
    for (const webhook of this.registry.list()) this.start(webhook.webhookId);
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    this.stopping.abort();
    this.wake({ retries: true });
    await Promise.allSettled(this.running.values());
    this.registry.close();
  }

  /** Starts delivering to a webhook (a new one, or each one at boot). */
  start(webhookId: string): void {
    if (this.running.has(webhookId) || this.stopping.signal.aborted) return;
    const loop = this.deliverAll(webhookId)
      .catch((error: unknown) => this.logger.error(`${webhookId} stopped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => this.running.delete(webhookId));
    this.running.set(webhookId, loop);
  }

  /** Wakes the loops waiting for new events; with `retries`, those backing off too (a removed webhook stops at once). */
  wake({ retries = false } = {}): void {
    for (const sleeper of [...this.waitingForEvents, ...(retries ? this.backingOff : [])]) sleeper();
  }

  private live(webhookId: string): Webhook | undefined {
    return this.stopping.signal.aborted ? undefined : this.registry.get(webhookId);
  }

  private async deliverAll(webhookId: string): Promise<void> {
    for (let webhook = this.live(webhookId); webhook; webhook = this.live(webhookId)) {
      const page = await this.store.readAll({
        ...(webhook.cursor ? { after: webhook.cursor } : {}),
        maxCount: PAGE,
        ...(webhook.eventTypes.length ? { types: webhook.eventTypes } : {}),
        ...(webhook.cooperationId ? { streamIds: [cooperationStream(webhook.cooperationId)] } : {}),
      });
      if (page.length === 0) {
        await this.sleep(this.options.pollMs, this.waitingForEvents);
        continue;
      }
      for (const event of page) {
        if (!(await this.deliver(webhook, event))) return;
        this.registry.advance(webhookId, event.position);
      }
    }
  }

  /** Delivers one event until the receiver takes it; false when the webhook was removed or the node stops first. */
  private async deliver({ webhookId, url }: Webhook, event: RecordedEvent): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      // Read before each attempt: a removed webhook has none, and gets no further attempt.
      const secret = this.stopping.signal.aborted ? undefined : this.registry.secretOf(webhookId);
      if (!secret) return false;
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
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.stopping.signal]),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (failure) {
        error = failure instanceof Error ? (failure.cause instanceof Error ? failure.cause.message : failure.message) : String(failure);
      }
      const ok = status !== null && status >= 200 && status < 300;
      if (this.stopping.signal.aborted && !ok) return false;
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
      await this.sleep(Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), this.options.retryMaxMs), this.backingOff);
    }
  }

  /** Waits `ms`, or until woken through `sleepers`, or the node stops. */
  private sleep(ms: number, sleepers: Set<() => void>): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
      if (this.stopping.signal.aborted) done();
    });
  }
}
