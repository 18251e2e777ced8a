import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { seatsOn, type CooperationState } from '../cooperation.state.js';
import type { MeetingHeld } from '../events/index.js';
import { instanceSittingOn } from './active-instance.js';
import { scheduledMeeting } from './scheduled-meeting.js';

export type RecordMeetingHeld = Command<'RecordMeetingHeld', MeetingHeld['data']>;

export const recordMeetingHeld = (command: RecordMeetingHeld, state: CooperationState): MeetingHeld[] => {
  const { data } = command;
  const meeting = scheduledMeeting(state, data.meetingId);
  instanceSittingOn(state, meeting.instanceId, data.heldOn);
  ensure(data.attendees.length > 0, Code.NoAttendance, { meetingId: data.meetingId });
  const seatedThen = new Set(seatsOn(state, meeting.instanceId, data.heldOn).map((seat) => seat.seatId));
  for (const attendee of data.attendees) {
    if ('seatId' in attendee) ensure(seatedThen.has(attendee.seatId), Code.AttendeeNotSeated, { seatId: attendee.seatId, heldOn: data.heldOn });
  }
  return [{ type: 'MeetingHeld', data }];
};
