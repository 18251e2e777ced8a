import { cooperationStream, correctionRefsOf, currentSchemaVersion, type CooperationEvent, type JsonValue, type RecordCorrected } from '#domain';
import type { EventMetadata, RecordedEvent } from '#event-store';

/**
 * The events a read model's spec applies, as the (upcasting) store would hand them over: one cooperation's stream, positions in
 * order, one record time; `metadata` adds a business date or a source (a demo assumption…).
 */
export const recorderFor = (cooperationId: string, { positionsAfter = 0 }: { positionsAfter?: number } = {}) => {
  // Two recorders over one read model need positions of their own: the log's are unique across streams.
  let position = positionsAfter;
  return ({ type, data }: CooperationEvent, metadata: Pick<EventMetadata, 'occurredAt' | 'source' | 'recordedOn'> = {}): RecordedEvent => {
    position += 1;
    return {
      eventId: `e${position}`, streamId: cooperationStream(cooperationId), revision: position, position: String(position), type, schemaVersion: currentSchemaVersion(type), data,
      metadata: { actor: { userId: 't' }, recordedAt: '2026-11-23T10:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c', ...metadata },
    };
  };
};

/** A correction (E50) of `target`, naming its ids as the decider does (`correctedEventRefs`). */
export const correctionOf = (
  target: CooperationEvent,
  fieldPath: string,
  previousValue: JsonValue,
  correctedValue: JsonValue,
  extra: Partial<RecordCorrected['data']> = {},
): CooperationEvent => ({
  type: 'RecordCorrected',
  data: { correctedEventId: 'event:corrected', correctedEventType: target.type, correctedEventRefs: correctionRefsOf(target.data), fieldPath, previousValue, correctedValue, reason: 'coquille', ...extra },
});
