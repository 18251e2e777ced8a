import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayDisconnect } from '@nestjs/websockets';
import type Database from 'better-sqlite3';
import type { Namespace, Socket } from 'socket.io';
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
  pending: LiveUpdate[] | null;
}

const CATCH_UP_PAGE = 500;
/** Live updates follow the timeline read model: once it has applied an event, reads show it too. */
const FEEDING_PROJECTION = 'cooperation-timeline';

@WebSocketGateway({ namespace: '/live', cors: { origin: false } })
export class DashboardGateway implements OnModuleInit, OnModuleDestroy, OnGatewayDisconnect {
  @WebSocketServer() private readonly server!: Namespace<ClientToServerEvents, ServerToClientEvents>;
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
    const members = this.rooms.get(room)!;
    // Subscribing again to the same room replaces the earlier subscription (one cursor per socket and room).
    for (const existing of members) if (existing.socket === socket) members.delete(existing);
    members.add(subscriber);
    void socket.join(room);
    const head = (await this.store.headPosition()) ?? null;
    if (request.after !== undefined) await this.catchUp(subscriber, request.after);
    else subscriber.cursor = head ?? undefined;
    const held = subscriber.pending ?? [];
    subscriber.pending = null;
    this.deliver(subscriber, held);
    return { ok: true, position: subscriber.cursor ?? head };
  }

  private async check(request: SubscribeRequest): Promise<SubscribeAck | undefined> {
    const invalid = (message: string): SubscribeAck => ({ ok: false, code: 'ValidationFailed', message });
    if (!request || typeof request !== 'object') return invalid('subscribe needs { scope, cooperationId?, after? }');
    if (request.scope !== 'dashboard' && request.scope !== 'cooperation') return invalid('scope must be dashboard or cooperation');
    if (request.after !== undefined && (typeof request.after !== 'string' || !this.store.isPosition(request.after))) {
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
      this.deliver(subscriber, await this.updatesOf(page));
      if (page.length < CATCH_UP_PAGE) return;
      position = page.at(-1)!.position;
    }
  }

  /** Each update is built once and broadcast once per room: its cost does not grow with its audience. */
  private async push(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0 || this.rooms.size === 0) return;
    const updates = await this.updatesOf(events);
    this.broadcast('dashboard', updates);
    for (const cooperationId of new Set(updates.map((u) => u.cooperationId))) {
      this.broadcast(`cooperation:${cooperationId}`, updates.filter((u) => u.cooperationId === cooperationId));
    }
  }

  /**
   * One encoded packet per update for the whole room, except the sockets still catching up (they get it after
   * their catch-up, in order) and those already past it: no gap, no duplicate.
   */
  private broadcast(room: string, updates: readonly LiveUpdate[]): void {
    const members = this.rooms.get(room);
    if (!members?.size) return;
    for (const update of updates) {
      const excluded = new Set<string>();
      for (const subscriber of members) {
        if (subscriber.pending) {
          subscriber.pending.push(update);
          excluded.add(subscriber.socket.id);
        } else if (subscriber.cursor !== undefined && this.store.comparePositions(update.position, subscriber.cursor) <= 0) {
          excluded.add(subscriber.socket.id);
        } else {
          subscriber.cursor = update.position;
        }
      }
      (excluded.size ? this.server.to(room).except([...excluded]) : this.server.to(room)).emit('update', update);
    }
  }

  /** The compact messages for the cooperation events among `events`, in order. */
  private async updatesOf(events: readonly RecordedEvent[]): Promise<LiveUpdate[]> {
    const ofCooperations = events.filter((e) => cooperationIdOfStream(e.streamId) !== undefined);
    if (ofCooperations.length === 0) return [];
    const directory = await this.directory.current();
    const summaries = new Map<string, LiveUpdate['summary']>();
    const summaryOf = (cooperationId: string) => {
      if (!summaries.has(cooperationId)) summaries.set(cooperationId, getCooperations(this.readModels, { cooperationId })[0] ?? null);
      return summaries.get(cooperationId)!;
    };
    return ofCooperations.map((event) => {
      const cooperationId = cooperationIdOfStream(event.streamId)!;
      const label = labelOf({ type: event.type, data: event.data } as CooperationEvent, { nameOf: (id) => directory.organisation(id)?.name ?? id });
      return {
        position: event.position,
        cooperationId,
        type: event.type,
        timelineItem: { eventId: event.eventId, date: event.metadata.occurredAt ?? null, recordedAt: event.metadata.recordedAt, label },
        summary: summaryOf(cooperationId),
      };
    });
  }

  /** Sends, in order, the updates after the subscriber's cursor that concern it. */
  private deliver(subscriber: Subscriber, updates: readonly LiveUpdate[]): void {
    for (const update of updates) {
      if (subscriber.cooperationId && update.cooperationId !== subscriber.cooperationId) continue;
      if (subscriber.cursor !== undefined && this.store.comparePositions(update.position, subscriber.cursor) <= 0) continue;
      subscriber.socket.emit('update', update);
      subscriber.cursor = update.position;
    }
  }
}
