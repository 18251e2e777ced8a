import type { Command } from '../../shared/decider.js';
import type { CooperationState } from '../cooperation.state.js';
import type { MeetingCancelled } from '../events/index.js';
import { scheduledMeeting } from './scheduled-meeting.js';

export type CancelMeeting = Command<'CancelMeeting', MeetingCancelled['data']>;

export const cancelMeeting = (command: CancelMeeting, state: CooperationState): MeetingCancelled[] => {
  scheduledMeeting(state, command.data.meetingId);
  return [{ type: 'MeetingCancelled', data: command.data }];
};
