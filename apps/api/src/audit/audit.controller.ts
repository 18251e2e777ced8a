import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { cooperationIdOfStream, type Principal } from '#domain';
import { RAW_EVENT_STORE, streamExists, verifyStore, type EventStore } from '#event-store';
import { assertMayReadCooperation, assertMayReadWholeLog } from '../auth/cooperation-access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { ProblemException } from '../http/problem.js';

/** The hash-chain verification report (api.md `GET /audit/verify`); a broken chain is a finding, so still 200. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  // The hashes cover the events as stored: never the upcast view.
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @ApiOperation({ summary: 'Recompute every event’s hash and its link to the previous event of its stream; name the first event that does not match' })
  @ApiQuery({ name: 'streamId', required: false, description: 'verify one stream alone, e.g. cooperation-coop:citees-marseille; omitted: the whole log' })
  @ApiNotFoundResponse({ description: '`streamId` names a stream without any event: `CooperationNotFound` for a cooperation\'s stream, `StreamNotFound` otherwise' })
  @ApiOkResponse({
    description: '`ok: false` with `firstBreak` when an event was altered, removed or moved',
    schema: {
      type: 'object',
      required: ['ok', 'eventsChecked', 'streamsChecked', 'unchainedEvents'],
      properties: {
        ok: { type: 'boolean' },
        eventsChecked: { type: 'integer' },
        streamsChecked: { type: 'integer' },
        unchainedEvents: { type: 'integer', description: 'events recorded before the hash chain' },
        firstBreak: {
          type: 'object',
          properties: {
            streamId: { type: 'string' },
            revision: { type: 'integer' },
            eventId: { type: 'string' },
            position: { type: 'string' },
            reason: { type: 'string', enum: ['hashMismatch', 'previousHashMismatch', 'missingHash', 'copyMismatch'] },
            field: { type: 'string', enum: ['recordedAt', 'commandId'], description: 'copyMismatch: the metadata field whose copy (read by folds) differs' },
            expected: { type: 'string', description: 'a hash (64 hex digits); for copyMismatch, the field as the hashed metadata holds it' },
            found: { type: 'string', nullable: true, description: 'what the event carries; for copyMismatch, the copy' },
          },
        },
      },
    },
  })
  async verify(@CurrentPrincipal() principal: Principal, @Query('streamId') streamId?: string) {
    if (streamId === '') throw new ProblemException('ValidationFailed', {}, [{ field: 'streamId', messages: ['streamId must not be empty'] }]);
    // A member may verify its own cooperation's stream; the whole log is for auditors and platform staff.
    const cooperationId = streamId === undefined ? undefined : cooperationIdOfStream(streamId);
    if (cooperationId === undefined) assertMayReadWholeLog(principal);
    else assertMayReadCooperation(principal, cooperationId);
    if (streamId === undefined) return verifyStore(this.store);
    // « ok » over no event would read as a verified stream: a mistyped id must say that it names nothing.
    if (!(await streamExists(this.store, streamId))) {
      throw cooperationId === undefined ? new ProblemException('StreamNotFound', { streamId }) : new ProblemException('CooperationNotFound', { cooperationId });
    }
    return verifyStore(this.store, { streamId });
  }
}
