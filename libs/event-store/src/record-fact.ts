import { currentSchemaVersion, type DomainEvent } from '#domain';
import { eventIdFor, newCommandId } from './command-ids.js';
import type { EventMetadata, Position } from './envelope.js';
import type { EventStore } from './event-store.port.js';

/**
 * Records one fact the system notes by itself, outside any command (an erasure, an export): under a command id of its
 * own, which correlates and causes it, at the end of its stream whatever the revision there. Its event id and position.
 */
export const recordFact = async (
  store: EventStore,
  streamId: string,
  event: DomainEvent,
  metadata: Pick<EventMetadata, 'actor' | 'recordedAt' | 'visibility'>,
): Promise<{ readonly eventId: string; readonly position: Position }> => {
  const commandId = newCommandId();
  const eventId = eventIdFor(commandId, 0);
  const { positions } = await store.append(
    streamId,
    [{ eventId, ...event, schemaVersion: currentSchemaVersion(event.type), metadata: { ...metadata, correlationId: commandId, causationId: commandId, commandId } }],
    { expectedRevision: 'any' },
  );
  return { eventId, position: positions[0]! };
};
