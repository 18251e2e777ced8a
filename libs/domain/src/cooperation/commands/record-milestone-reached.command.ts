import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { MilestoneReached } from '../events/index.js';

export type RecordMilestoneReached = Command<'RecordMilestoneReached', Omit<MilestoneReached['data'], 'planned'>>;

/** Reaches a planned milestone (same id), or records one as it happened (a new id). */
export const recordMilestoneReached = (command: RecordMilestoneReached, state: CooperationState): MilestoneReached[] => {
  const { data } = command;
  const planned = state.milestones[data.milestoneId];
  ensure(planned?.status !== 'reached', Code.MilestoneAlreadyReached, { milestoneId: data.milestoneId });
  const beforeProposal = state.proposedOn !== undefined && isDefinitelyBefore(data.reachedOn, state.proposedOn);
  ensure(!beforeProposal || data.preHistory, Code.MilestoneBeforeProposal, { reachedOn: data.reachedOn, proposedOn: state.proposedOn });
  return [{ type: 'MilestoneReached', data: { ...data, planned: Boolean(planned) } }];
};
