import type { DomainEvent } from '../../shared/decider.js';
import type { JsonValue } from '../../shared/json.js';

/**
 * E50: a field of an earlier event of this stream read wrong; this says what it should have read and why. The
 * corrected event stays as recorded: readers apply the correction on top of it (history is never rewritten).
 */
export type RecordCorrected = DomainEvent<
  'RecordCorrected',
  {
    correctedEventId: string;
    /** The corrected event's type, so a reader can say what was corrected without looking the event up. */
    correctedEventType: string;
    /**
     * The ids the corrected event's data names at its top level (`decisionId`, `meetingId`…, never a `personId`): a read
     * model finds the row that event made by them, without looking the event up. Absent from corrections recorded before.
     */
    correctedEventRefs?: Record<string, string>;
    /** Dotted path into the corrected event's data: `title`, `period.to`. */
    fieldPath: string;
    /** The value in force when the correction was recorded: the event's own, or the last correction's. */
    previousValue: JsonValue;
    correctedValue: JsonValue;
    reason: string;
    sourceRef?: string;
    /** Set when the corrected field is a person's (personal-data.ts): both values are then encrypted under that person's key. */
    personId?: string;
  }
>;
