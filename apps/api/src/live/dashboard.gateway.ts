import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { cooperationIdOfStream, cooperationStream, mayReadCooperation, type CooperationEvent } from '#domain';
import { EVENT_STORE, rawEventStore, streamExists, type EventStore, type Position, type RecordedEvent } from '#event-store';
import { getCooperations, getTimelineEntry, labelOf, ProjectionRunner, timelineDateOf, ReadModelsConnection } from '#projections';
import { bearerTokenOf } from '../auth/auth.guard.js';
import { readableCooperations } from '../auth/cooperation-access.js';
import { TokenRejected, TokenVerifier } from '../auth/tokens.js';
import { BusinessCalendar } from '../config/business-calendar.js';
import { DirectoryService } from '../directory/directory.service.js';
import { safeError } from '../logging/logger.js';
import { READ_MODELS } from '../projections/projections.module.js';
import type { ClientToServerEvents, LiveSocketData, LiveUpdate, ServerToClientEvents, SubscribeAck, SubscribeRequest } from './client-events.js';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;

/** One subscription of one socket: its room, the last position it was sent, what waits while it catches up. */
interface Subscriber {
  readonly socket: LiveSocket;
  readonly cooperationId: string | null;
  /** For a member's dashboard: the cooperations it may see (undefined: all of them). */
  readonly readable: ReadonlySet<string> | undefined;
  cursor: string | undefined;
  pending: LiveUpdate[] | null;
}

const CATCH_UP_PAGE = 500;
/** Live updates follow the timeline read model: once it has applied an event, reads show it too. */
const FEEDING_PROJECTION = 'cooperation-timeline';
/**
 * A subscription without `after` starts where the timeline read model is, when it is at most this many events behind
 * the log: what it applies next is pushed. Further behind (a new version replaying the log from zero), the log's head:
 * a dashboard is not sent a replay of the whole history.
 */
export const LIVE_START_MAX_LAG = 1000;

// CORS off here; CarnetIoAdapter (http/cors.ts) applies CARNET_CORS_ORIGINS when set.
@WebSocketGateway({ namespace: '/live', cors: { origin: false } })
export class DashboardGateway implements OnGatewayInit, OnModuleInit, OnModuleDestroy, OnGatewayDisconnect {
  @WebSocketServer() private readonly server!: Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;
  private readonly rooms = new Map<string, Set<Subscriber>>();
  private unsubscribe: (() => void) | undefined;
  private pushing: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('LiveFeed');
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly directory: DirectoryService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelsConnection,
    private readonly verifier: TokenVerifier,
    private readonly calendar: BusinessCalendar,
  ) {}

  /** The handshake carries the same bearer token as HTTP (`auth: { token }`, or an Authorization header). */
  afterInit(server: Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>): void {
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token = typeof auth?.token === 'string' ? auth.token : bearerTokenOf(socket.handshake.headers.authorization);
      const refuse = (code: string, reason: string) => next(Object.assign(new Error(code), { data: { code, reason } }));
      if (!token) return refuse('Unauthenticated', 'the handshake carries no token (auth: { token })');
      this.verifier.verify(token).then(
        ({ principal, expiresAt }) => {
          socket.data.principal = principal;
          if (expiresAt !== undefined) this.closeAtExpiry(socket, expiresAt * 1000);
          next();
        },
        (error: unknown) => (error instanceof TokenRejected ? refuse(error.code, error.reason) : next(error as Error)),
      );
    });
  }

  /** A socket outlives no token: when it expires the client is told, then disconnected. */
  private closeAtExpiry(socket: LiveSocket, expiresAtMs: number): void {
    const wait = expiresAtMs - Date.now();
    // setTimeout holds at most ~24.8 days: longer tokens are re-armed when that much has passed.
    const timer = setTimeout(() => {
      if (Date.now() < expiresAtMs) return this.closeAtExpiry(socket, expiresAtMs);
      socket.emit('session-expired', { code: 'TokenExpired' });
      socket.disconnect(true);
    }, Math.max(0, Math.min(wait, 2 ** 31 - 1)));
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  onModuleInit(): void {
    this.unsubscribe = this.projections.onApplied((projection, events) => {
      if (projection !== FEEDING_PROJECTION) return;
      // One batch after the other: a batch built faster than the one before it must not be broadcast first, since a
      // subscriber's cursor would then pass the earlier one's updates.
      const batch = events.filter((e) => cooperationIdOfStream(e.streamId) !== undefined);
      this.pushing = this.pushing.then(() => this.push(batch)).catch((error: unknown) => this.logger.error({ msg: 'live updates not pushed', err: safeError(error) }));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    for (const [room, members] of this.rooms) {
      for (const subscriber of members) if (subscriber.socket === socket) members.delete(subscriber);
      if (members.size === 0) this.rooms.delete(room);
    }
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() request: SubscribeRequest): Promise<SubscribeAck> {
    const principal = socket.data.principal;
    const problem = await this.check(request, (cooperationId) => mayReadCooperation(principal, cooperationId));
    if (problem) return problem;
    const cooperationId = request.scope === 'cooperation' ? request.cooperationId! : null;
    const readable = cooperationId ? undefined : readableCooperations(principal);
    const subscriber: Subscriber = { socket, cooperationId, readable, cursor: request.after, pending: [] };
    // Members whose dashboards see the same cooperations share a room; its broadcasts carry only those.
    const room = cooperationId ? `cooperation:${cooperationId}` : readable ? `dashboard:${[...readable].sort().join(',')}` : 'dashboard';
    // Join first and hold live updates, then send what was missed, then what arrived meanwhile: no gap, no duplicate.
    if (!this.rooms.has(room)) this.rooms.set(room, new Set());
    const members = this.rooms.get(room)!;
    // Subscribing again to the same room replaces the earlier subscription (one cursor per socket and room).
    for (const existing of members) if (existing.socket === socket) members.delete(existing);
    members.add(subscriber);
    void socket.join(room);
    const head = (await this.store.headPosition()) ?? null;
    if (request.after !== undefined) await this.catchUp(subscriber, request.after);
    else subscriber.cursor = await this.startOf(head ?? undefined);
    const held = subscriber.pending ?? [];
    subscriber.pending = null;
    this.deliver(subscriber, held);
    return { ok: true, position: subscriber.cursor ?? head };
  }

  /**
   * Where a subscription without `after` starts: at what the timeline has applied, since the client's next reads see
   * that much and each event applied after it is pushed — from the log's head, updates the read models had not applied
   * yet were never sent. The head when the timeline is far behind (LIVE_START_MAX_LAG), has applied nothing, or has
   * stopped on an event it could not apply (it will apply nothing more until it is mended).
   */
  private async startOf(head: Position | undefined): Promise<Position | undefined> {
    const applied = this.projections.appliedPosition(FEEDING_PROJECTION);
    if (applied === undefined || head === undefined) return head;
    try {
      // Counted on the stored form: nothing to decrypt or upcast to count, and an event the views cannot read (what
      // stops a read model) does not stop a subscription.
      const unapplied = await rawEventStore(this.store).readAll({ after: applied, maxCount: LIVE_START_MAX_LAG + 1 });
      return unapplied.length > LIVE_START_MAX_LAG ? head : applied;
    } catch {
      return head;
    }
  }

  private async check(request: SubscribeRequest, mayRead: (cooperationId: string) => boolean): Promise<SubscribeAck | undefined> {
    const invalid = (message: string): SubscribeAck => ({ ok: false, code: 'ValidationFailed', message });
    if (!request || typeof request !== 'object') return invalid('subscribe needs { scope, cooperationId?, after? }');
    if (request.scope !== 'dashboard' && request.scope !== 'cooperation') return invalid('scope must be dashboard or cooperation');
    if (request.after !== undefined && (typeof request.after !== 'string' || !this.store.isPosition(request.after))) {
      return invalid('after must be a position received from Carnet');
    }
    if (request.scope === 'cooperation') {
      if (typeof request.cooperationId !== 'string') return invalid('scope cooperation needs a cooperationId');
      // A cooperation the caller may not read is refused exactly as an unknown one: its existence does not leak.
      const known = mayRead(request.cooperationId) && (await streamExists(this.store, cooperationStream(request.cooperationId)));
      if (!known) return { ok: false, code: 'CooperationNotFound', message: `Coopération inconnue : ${request.cooperationId}` };
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
    for (const [room, members] of this.rooms) {
      if (!room.startsWith('dashboard')) continue;
      // A member room is named after its readable set: every subscriber in it carries that same set.
      const readable = members.values().next().value?.readable;
      this.broadcast(room, readable ? updates.filter((u) => readable.has(u.cooperationId)) : updates);
    }
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
    // As the timeline shows each item (a hand-over's outgoing years, a correction since): a reloaded page reads the same.
    const entriesNow = () => ofCooperations.map((event) => getTimelineEntry(this.readModels.db, cooperationIdOfStream(event.streamId)!, event.eventId));
    let entries = entriesNow();
    // A catch-up may run ahead of the read model: an event not in it yet is labelled from itself, with the directory's
    // names; only then is the directory brought up to date, and the timeline read again (it may have caught up meanwhile).
    const directory = entries.includes(undefined) ? await this.directory.current() : undefined;
    if (directory) entries = entriesNow();
    const summaries = new Map<string, LiveUpdate['summary']>();
    const summaryOf = (cooperationId: string) => {
      if (!summaries.has(cooperationId)) summaries.set(cooperationId, getCooperations(this.readModels.db, { cooperationId })[0] ?? null);
      return summaries.get(cooperationId)!;
    };
    return ofCooperations.map((event, i) => {
      const cooperationId = cooperationIdOfStream(event.streamId)!;
      const { date, label } = entries[i] ?? {
        date: timelineDateOf(event),
        label: labelOf({ type: event.type, data: event.data } as CooperationEvent, { nameOf: (id) => directory?.organisation(id)?.name ?? id }),
      };
      return {
        position: event.position,
        cooperationId,
        type: event.type,
        timelineItem: { eventId: event.eventId, date, recordedAt: event.metadata.recordedAt, recordedOn: this.calendar.dayOf(event.metadata.recordedAt), label },
        summary: summaryOf(cooperationId),
      };
    });
  }

  /** Sends, in order, the updates after the subscriber's cursor that concern it. */
  private deliver(subscriber: Subscriber, updates: readonly LiveUpdate[]): void {
    for (const update of updates) {
      if (subscriber.cooperationId && update.cooperationId !== subscriber.cooperationId) continue;
      if (subscriber.readable && !subscriber.readable.has(update.cooperationId)) continue;
      if (subscriber.cursor !== undefined && this.store.comparePositions(update.position, subscriber.cursor) <= 0) continue;
      subscriber.socket.emit('update', update);
      subscriber.cursor = update.position;
    }
  }
}
