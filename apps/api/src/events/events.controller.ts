import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { cooperationIdOfStream, cooperationStream, mayReadCooperation, type Principal } from '#domain';
import { EVENT_STORE, eventsOfCommandAround, exportLog, streamExists, type EventStore, type RecordedEvent } from '#event-store';
import { assertMayReadCooperation, assertMayReadWholeLog, readableCooperations } from '../auth/cooperation-access.js';
import { ExportTrail } from '../audit/export-trail.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { ProblemException } from '../http/problem.js';
import { exportWindowOf } from './export-window.js';
import { FEED_SCAN_BUDGET, readFeedPage, type FeedPage } from './feed-page.js';
import { feedQueryOf } from './feed-query.js';

/** The global feed in log order, cursor-paged by position (api.md `GET /events`). */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly exports: ExportTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every event after a position, in global order; personal values decrypted, or « [donnée effacée] » once their person is erased. ' +
      'Filters combine. `type`, `cooperationId` and a member\'s own cooperations are filtered by the store (SQLite from its indexes); `actor`, `from` and `to` ' +
      `are applied to at most ${FEED_SCAN_BUDGET.toLocaleString('en-GB')} events read per page, which may then hold fewer than \`limit\`, even none: go on from \`next\` until it is null`,
  })
  @ApiQuery({ name: 'after', required: false, type: String, description: 'exclusive position; omitted: from the start' })
  @ApiQuery({ name: 'limit', required: false, type: Number, minimum: 1, maximum: 1000, description: '1 to 1000, default 100' })
  @ApiQuery({ name: 'type', required: false, type: String, description: 'event types, comma-separated (e.g. MemberJoined,RoleAssigned)' })
  @ApiQuery({ name: 'cooperationId', required: false, type: String, description: 'only this cooperation’s events' })
  @ApiQuery({ name: 'actor', required: false, type: String, description: 'only the events recorded by this user id (metadata.actor.userId)' })
  @ApiQuery({ name: 'from', required: false, type: String, description: 'recorded at or after: ISO date-time, or a day meaning its start (UTC)' })
  @ApiQuery({ name: 'to', required: false, type: String, description: 'recorded at or before: ISO date-time, or a day meaning its end (UTC)' })
  async feed(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<FeedPage> {
    const { after, limit, type, cooperationId, actor, window } = feedQueryOf(query, this.store);
    if (cooperationId !== undefined) {
      assertMayReadCooperation(principal, cooperationId);
      if (!(await streamExists(this.store, cooperationStream(cooperationId)))) throw new ProblemException('CooperationNotFound', { cooperationId });
    }
    // A member's feed holds its cooperations' events only: the store reads those streams alone, as for one cooperation.
    const readable = readableCooperations(principal);
    const streamIds = cooperationId !== undefined ? [cooperationStream(cooperationId)] : readable && [...readable].map(cooperationStream);
    const keeps = [
      ...(actor !== undefined ? [(e: RecordedEvent) => e.metadata.actor.userId === actor] : []),
      ...(window.from !== undefined ? [(e: RecordedEvent) => e.metadata.recordedAt >= window.from!] : []),
      ...(window.to !== undefined ? [(e: RecordedEvent) => e.metadata.recordedAt <= window.to!] : []),
    ];
    return readFeedPage(this.store, {
      ...(after !== undefined ? { after } : {}),
      count: limit,
      ...(type !== undefined ? { types: type } : {}),
      ...(streamIds ? { streamIds } : {}),
      ...(keeps.length ? { keep: (e: RecordedEvent) => keeps.every((k) => k(e)) } : {}),
    });
  }

  // Declared before `:eventId`, which would otherwise take `export` for an event id.
  @Get('export')
  @ApiOperation({
    summary:
      'The log as NDJSON, streamed: one stored envelope per line (hashes included, no position), in global order, for `carnet import`. ' +
      'Personal values stay encrypted (`{ "$personal": … }`); the per-person keys are not exported. Each export is recorded first, as a ' +
      '`DataExported` event of the `audit-exports` stream (who, which cooperation, which window)',
  })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'cooperationId', required: false, description: 'only this cooperation’s stream, whole from revision 0 (importable alone)' })
  @ApiQuery({ name: 'from', required: false, description: 'recorded at or after: ISO date-time, or a day meaning its start (UTC); the result is a partial log' })
  @ApiQuery({ name: 'to', required: false, description: 'recorded at or before: ISO date-time, or a day meaning its end (UTC)' })
  @ApiOkResponse({
    description: 'one line per event, canonical JSON (keys sorted): `{ data, eventId, metadata, revision, schemaVersion, streamId, type }`',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  async export(@CurrentPrincipal() principal: Principal, @Query('cooperationId') cooperationId?: string, @Query('from') from?: string, @Query('to') to?: string): Promise<StreamableFile> {
    if (cooperationId === '') throw new ProblemException('ValidationFailed', {}, [{ field: 'cooperationId', messages: ['cooperationId must not be empty'] }]);
    // A member exports its own cooperation; the whole log is for auditors and platform staff.
    if (cooperationId === undefined) assertMayReadWholeLog(principal);
    else assertMayReadCooperation(principal, cooperationId);
    const window = exportWindowOf(from, to);
    const streamId = cooperationId === undefined ? undefined : cooperationStream(cooperationId);
    if (streamId !== undefined && !(await streamExists(this.store, streamId))) throw new ProblemException('CooperationNotFound', { cooperationId });
    await this.exports.record(principal, { export: 'eventLog', ...(cooperationId !== undefined ? { cooperationId } : {}), ...window });
    return new StreamableFile(Readable.from(exportLog(this.store, { ...window, ...(streamId !== undefined ? { streamId } : {}) }), { highWaterMark: 1 }), { type: 'application/x-ndjson; charset=utf-8' });
  }

  @Get(':eventId')
  @ApiOperation({
    summary: 'One event and its decision context: who recorded it and when, the command that produced it with its other events, and every event of the same correlation (causal chain)',
  })
  async event(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string) {
    const event = await this.store.readEvent(eventId);
    const readable = (e: RecordedEvent) => {
      const cooperationId = cooperationIdOfStream(e.streamId);
      return cooperationId === undefined || mayReadCooperation(principal, cooperationId);
    };
    if (!event || !readable(event)) throw new ProblemException('EventNotFound', { eventId });
    const { commandId, correlationId, causationId, actor, recordedAt, commandHash } = event.metadata;
    // An imported event may carry no correlation id: it then shares a correlation with nothing.
    const correlated = correlationId === undefined ? [] : await this.store.readCorrelated(correlationId);
    const summary = (e: RecordedEvent) => ({
      eventId: e.eventId, streamId: e.streamId, revision: e.revision, position: e.position, type: e.type,
      recordedAt: e.metadata.recordedAt, actor: e.metadata.actor, commandId: e.metadata.commandId, causationId: e.metadata.causationId,
    });
    return {
      event,
      command: { commandId, actor, recordedAt, ...(commandHash ? { commandHash } : {}), events: (await eventsOfCommandAround(this.store, event)).map(summary) },
      causation: { causationId, causedByCommand: causationId === commandId, causedByEvent: await this.causingEvent(causationId, commandId, correlated) },
      correlation: { correlationId, events: correlated.filter(readable).map(summary) },
    };
  }

  /** The event that caused this one, when one did: most often of the same correlation; otherwise read by id. */
  private async causingEvent(causationId: string, commandId: string, correlated: readonly RecordedEvent[]): Promise<string | null> {
    if (causationId === commandId) return null;
    const found = correlated.some((e) => e.eventId === causationId) || (await this.store.readEvent(causationId)) !== undefined;
    return found ? causationId : null;
  }
}
