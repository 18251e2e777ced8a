import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { upcomingMeetings, type CooperationState } from '../cooperation.state.js';
import type { MeetingScheduled } from '../events/index.js';
import { activeInstance, ensureExistedOn } from './active-instance.js';

export type ScheduleMeeting = Command<'ScheduleMeeting', MeetingScheduled['data']>;

export const scheduleMeeting = (command: ScheduleMeeting, state: CooperationState): MeetingScheduled[] => {
  const { data, metadata } = command;
  ensure(!state.meetings[data.meetingId], Code.MeetingAlreadyExists, { meetingId: data.meetingId });
  ensureExistedOn(activeInstance(state, data.instanceId), data.scheduledFor);
  const sameSlot = upcomingMeetings(state, data.instanceId).find((m) => m.scheduledFor === data.scheduledFor);
  ensure(!sameSlot, Code.MeetingSlotTaken, { scheduledFor: data.scheduledFor, meetingId: sameSlot?.meetingId });
  // Scheduling in the past is how history is recorded, which needs a source; otherwise it is a typo.
  ensure(metadata.historical || !isDefinitelyBefore(data.scheduledFor, metadata.today), Code.MeetingScheduledInPast, {
    scheduledFor: data.scheduledFor,
  });
  for (const requestId of data.answersRequestIds) {
    const request = state.conveningRequests[requestId];
    ensure(request?.status === 'pending' && request.instanceId === data.instanceId, Code.ConveningRequestNotPending, { requestId });
  }
  if (data.preparedByMeetingId) ensure(state.meetings[data.preparedByMeetingId], Code.MeetingNotFound, { meetingId: data.preparedByMeetingId });
  return [{ type: 'MeetingScheduled', data }];
};
