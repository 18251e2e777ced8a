import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { isFinancial, meetingsScheduledFrom, openFinancialCommitments, type CooperationState } from '../cooperation.state.js';
import { activeCommitment } from './active-commitment.js';
import type { CooperationClosed } from '../events/index.js';

export type CloseCooperation = Command<'CloseCooperation', Omit<CooperationClosed['data'], 'fromPhase'>>;

export const closeCooperation = (
  command: CloseCooperation,
  state: CooperationState,
  directory: Directory,
): CooperationClosed[] => {
  const { data } = command;
  const successor = data.successorId ? directory.cooperation(data.successorId) : undefined;
  if (data.successorId) {
    ensure(data.successorId !== state.cooperationId && successor, Code.SuccessorNotFound, { successorId: data.successorId });
  }
  const upcoming = meetingsScheduledFrom(state, data.closedOn).map((meeting) => meeting.meetingId);
  ensure(upcoming.length === 0, Code.UpcomingMeetingsScheduled, { meetingIds: upcoming });
  // E11: open financial commitments are fulfilled, withdrawn, or carried over to the successor, named one by one.
  const carried = data.carriedOverCommitmentIds ?? [];
  ensure(carried.length === 0 || data.successorId !== undefined, Code.CarryOverWithoutSuccessor, { commitmentIds: carried });
  // A closed successor may be named (history recorded after the fact), but it takes over no money.
  ensure(carried.length === 0 || !successor?.closed, Code.CarryOverToClosedSuccessor, { successorId: data.successorId });
  const twice = carried.filter((id, i) => carried.indexOf(id) !== i);
  ensure(twice.length === 0, Code.CarryOverListedTwice, { commitmentIds: twice });
  for (const commitmentId of carried) {
    const commitment = activeCommitment(state, commitmentId);
    ensure(isFinancial(commitment), Code.NotAFinancialCommitment, { commitmentId, kind: commitment.kind });
  }
  const open = openFinancialCommitments(state).filter((c) => !carried.includes(c.commitmentId));
  ensure(open.length === 0, Code.OpenFinancialCommitments, { commitmentIds: open.map((c) => c.commitmentId) });
  return [{ type: 'CooperationClosed', data: { ...data, fromPhase: state.phase } }];
};
