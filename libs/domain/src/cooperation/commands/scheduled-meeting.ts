import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, Meeting } from '../cooperation.state.js';

/** The meeting, which must exist and be neither held nor cancelled yet. */
export const scheduledMeeting = (state: CooperationState, meetingId: string): Meeting => {
  const meeting = state.meetings[meetingId];
  ensure(meeting, Code.MeetingNotFound, { meetingId });
  ensure(meeting.status === 'scheduled', Code.MeetingNotScheduled, { meetingId, status: meeting.status });
  return meeting;
};
