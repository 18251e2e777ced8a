import { Inject, Injectable } from '@nestjs/common';
import { actorOf, currentSchemaVersion, EXPORTS_STREAM, type DataExported, type Principal } from '#domain';
import { EVENT_STORE, eventIdFor, newCommandId, type EventStore } from '#event-store';

/**
 * Records each export as a `DataExported` event of the `audit-exports` stream (peers.md §4.12: « l'auditeur X a
 * exporté la chronologie 2025 » is itself history), before the data leaves: an export cut short is still on record.
 * A stream of its own, so an export never moves a cooperation's revision (its ETag, the If-Match of its writers).
 */
@Injectable()
export class ExportTrail {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(principal: Principal, data: DataExported['data']): Promise<void> {
    const commandId = newCommandId();
    const event: DataExported = { type: 'DataExported', data };
    await this.store.append(
      EXPORTS_STREAM,
      [
        {
          eventId: eventIdFor(commandId, 0),
          ...event,
          schemaVersion: currentSchemaVersion(event.type),
          metadata: { actor: actorOf(principal), recordedAt: new Date().toISOString(), correlationId: commandId, causationId: commandId, commandId, visibility: 'consortium' },
        },
      ],
      { expectedRevision: 'any' },
    );
  }
}
