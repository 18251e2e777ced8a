import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type MeetingScheduled = DomainEvent<
  'MeetingScheduled',
  {
    meetingId: string;
    instanceId: string;
    scheduledFor: PartialDate;
    location: string;
    agenda: string[];
    /** e.g. a political and a technical part. */
    parts: string[];
    /** The convening requests this meeting answers. */
    answersRequestIds: string[];
    preparedByMeetingId?: string;
  }
>;
