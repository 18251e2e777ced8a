import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayDisconnect } from '@nestjs/websockets';
import type Database from 'better-sqlite3';
import type { Socket } from 'socket.io';
import { cooperationIdOfStream, cooperationStream, type CooperationEvent } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { getCooperations, labelOf, ProjectionRunner } from '#projections';
import { DirectoryService } from '../directory/directory.service.js';
import { READ_MODELS } from '../projections/projections.module.js';
import type { ClientToServerEvents, LiveUpdate, ServerToClientEvents, SubscribeAck, SubscribeRequest } from './client-events.js';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** One subscription of one socket: its room, the last position it was sent, what waits while it catches up. */
interface Subscriber {
  readonly socket: LiveSocket;
  readonly cooperationId: string | null;
  cursor: string | undefined;
  pending: RecordedEvent[] | null;
}

const CATCH_UP_PAGE = 500;
/** Live updates follow the timeline read model: once it has applied an event, reads show it too. */
const FEEDING_PROJECTION = 'cooperation-timeline';

@WebSocketGateway({ namespace: '/live', cors: { origin: false } })
export class DashboardGateway implements OnModuleInit, OnModuleDestroy, OnGatewayDisconnect {
  private readonly rooms = new Map<string, Set<Subscriber>>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly directory: DirectoryService,
    @Inject(READ_MODELS) private readonly readModels: Database.Database,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.projections.onApplied((projection, events) => {
      if (projection !== FEEDING_PROJECTION) return;
      void this.push(events.filter((e) => cooperationIdOfStream(e.streamId) !== undefined));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  handleDisconnect(socket: LiveSocket): void {
    for (const [room, members] of this.rooms) {
      for (const subscriber of members) if (subscriber.socket === socket) members.delete(subscriber);
      if (members.size === 0) this.rooms.delete(room);
    }
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() request: SubscribeRequest): Promise<SubscribeAck> {
    const problem = await this.check(request);
    if (problem) return problem;
    const cooperationId = request.scope === 'cooperation' ? request.cooperationId! : null;
    const subscriber: Subscriber = { socket, cooperationId, cursor: request.after, pending: [] };
    const room = cooperationId ? `cooperation:${cooperationId}` : 'dashboard';
    // Join first and hold live updates, then send what was missed, then what arrived meanwhile: no gap, no duplicate.
    if (!this.rooms.has(room)) this.rooms.set(room, new Set());
    this.rooms.get(room)!.add(subscriber);
    void socket.join(room);
    const head = (await this.store.headPosition()) ?? null;
    if (request.after !== undefined) await this.catchUp(subscriber, request.after);
    else subscriber.cursor = head ?? undefined;
    const held = subscriber.pending ?? [];
    subscriber.pending = null;
    await this.deliver(subscriber, held);
    return { ok: true, position: subscriber.cursor ?? head };
  }

  private async check(request: SubscribeRequest): Promise<SubscribeAck | undefined> {
    const invalid = (message: string): SubscribeAck => ({ ok: false, code: 'ValidationFailed', message });
    if (!request || typeof request !== 'object') return invalid('subscribe needs { scope, cooperationId?, after? }');
    if (request.scope !== 'dashboard' && request.scope !== 'cooperation') return invalid('scope must be dashboard or cooperation');
    if (request.after !== undefined && (typeof request.after !== 'string' || !/^\d{1,15}$/.test(request.after))) {
      return invalid('after must be a position received from Carnet');
    }
    if (request.scope === 'cooperation') {
      if (typeof request.cooperationId !== 'string') return invalid('scope cooperation needs a cooperationId');
      const [first] = await this.store.readStream(cooperationStream(request.cooperationId), { maxCount: 1 });
      if (!first) return { ok: false, code: 'CooperationNotFound', message: `Coopération inconnue : ${request.cooperationId}` };
    }
    return undefined;
  }

  private async catchUp(subscriber: Subscriber, after: string): Promise<void> {
    let position = after;
    for (;;) {
      const page = await this.store.readAll({ after: position, maxCount: CATCH_UP_PAGE });
      await this.deliver(subscriber, page);
      if (page.length < CATCH_UP_PAGE) return;
      position = page.at(-1)!.position;
    }
  }

  private async push(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0 || this.rooms.size === 0) return;
    for (const subscriber of [...(this.rooms.get('dashboard') ?? [])]) await this.offer(subscriber, events);
    for (const cooperationId of new Set(events.map((e) => cooperationIdOfStream(e.streamId)!))) {
      const ofCooperation = events.filter((e) => cooperationIdOfStream(e.streamId) === cooperationId);
      for (const subscriber of [...(this.rooms.get(`cooperation:${cooperationId}`) ?? [])]) await this.offer(subscriber, ofCooperation);
    }
  }

  private async offer(subscriber: Subscriber, events: readonly RecordedEvent[]): Promise<void> {
    if (subscriber.pending) subscriber.pending.push(...events);
    else await this.deliver(subscriber, events);
  }

  /** Sends, in order, the cooperation events after the subscriber's cursor that concern it. */
  private async deliver(subscriber: Subscriber, events: readonly RecordedEvent[]): Promise<void> {
    const directory = await this.directory.current();
    for (const event of events) {
      const cooperationId = cooperationIdOfStream(event.streamId);
      if (!cooperationId || (subscriber.cooperationId && cooperationId !== subscriber.cooperationId)) continue;
      if (subscriber.cursor !== undefined && this.store.comparePositions(event.position, subscriber.cursor) <= 0) continue;
      const label = labelOf({ type: event.type, data: event.data } as CooperationEvent, {
        nameOf: (id) => directory.organisation(id)?.name ?? id,
      });
      const update: LiveUpdate = {
        position: event.position,
        cooperationId,
        type: event.type,
        timelineItem: { eventId: event.eventId, date: event.metadata.occurredAt ?? null, recordedAt: event.metadata.recordedAt, label },
        summary: getCooperations(this.readModels, { cooperationId })[0] ?? null,
      };
      subscriber.socket.emit('update', update);
      subscriber.cursor = event.position;
    }
  }
}
