import { Inject, Injectable } from '@nestjs/common';
import { actorOf, EXPORTS_STREAM, type DataExported, type Principal } from '#domain';
import { EVENT_STORE, recordFact, type EventStore } from '#event-store';

/**
 * Records each export as a `DataExported` event of the `audit-exports` stream (peers.md §4.12: « l'auditeur X a
 * exporté la chronologie 2025 » is itself history), before the data leaves: an export cut short is still on record.
 * A stream of its own, so an export never moves a cooperation's revision (its ETag, the If-Match of its writers).
 */
@Injectable()
export class ExportTrail {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(principal: Principal, data: DataExported['data']): Promise<void> {
    const event: DataExported = { type: 'DataExported', data };
    await recordFact(this.store, EXPORTS_STREAM, event, { actor: actorOf(principal), recordedAt: new Date().toISOString(), visibility: 'consortium' });
  }
}
