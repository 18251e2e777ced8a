import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { openFinancialCommitments, upcomingMeetings, type CooperationState } from '../cooperation.state.js';
import type { CooperationClosed } from '../events/index.js';

export type CloseCooperation = Command<'CloseCooperation', Omit<CooperationClosed['data'], 'fromPhase'>>;

export const closeCooperation = (
  command: CloseCooperation,
  state: CooperationState,
  directory: Directory,
): CooperationClosed[] => {
  const { data } = command;
  if (data.successorId) {
    ensure(data.successorId !== state.cooperationId && directory.cooperation(data.successorId), Code.SuccessorNotFound, {
      successorId: data.successorId,
    });
  }
  // E11 « future meetings »: those planned from the closing date on; one left scheduled before it does not hold the closing.
  const upcoming = upcomingMeetings(state)
    .filter((meeting) => !isDefinitelyBefore(meeting.scheduledFor, data.closedOn))
    .map((meeting) => meeting.meetingId);
  ensure(upcoming.length === 0, Code.UpcomingMeetingsScheduled, { meetingIds: upcoming });
  const open = openFinancialCommitments(state);
  ensure(open.length === 0, Code.OpenFinancialCommitments, { commitmentIds: open.map((c) => c.commitmentId) });
  return [{ type: 'CooperationClosed', data: { ...data, fromPhase: state.phase } }];
};
