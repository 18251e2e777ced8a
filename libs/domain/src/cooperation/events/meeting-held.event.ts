import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type MeetingAttendee =
  | { seatId: string }
  | { guest: { organisationId?: string; personId?: string; capacity: string } };

export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  {
    meetingId: string;
    heldOn: PartialDate;
    attendees: MeetingAttendee[];
    /** Seats that sent apologies. */
    apologies: string[];
    minutesRef?: string;
    contentHash?: string;
  }
>;
