import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { milestonesLabelled, type CooperationState } from '../cooperation.state.js';
import type { MilestoneReached } from '../events/index.js';

export type RecordMilestoneReached = Command<'RecordMilestoneReached', Omit<MilestoneReached['data'], 'planned'>>;

/**
 * Reaches a planned milestone, named by its id or, when the caller gave no id, by its label (E46 `milestoneId?`);
 * otherwise records one as it happened, under a new id. Named by a label already reached (and none open under it), it
 * is that milestone, reached once: a request sent twice records nothing twice; another milestone of that name takes an id.
 */
export const recordMilestoneReached = (command: RecordMilestoneReached, state: CooperationState): MilestoneReached[] => {
  const named = command.metadata.generatedIds?.includes('milestoneId') ? milestonesLabelled(state, command.data.label) : [];
  const byLabel = named.find((m) => m.status === 'planned') ?? named.find((m) => m.status === 'reached');
  const data = byLabel ? { ...command.data, milestoneId: byLabel.milestoneId } : command.data;
  const planned = state.milestones[data.milestoneId];
  ensure(planned?.status !== 'reached', Code.MilestoneAlreadyReached, { milestoneId: data.milestoneId });
  const beforeProposal = state.proposedOn !== undefined && isDefinitelyBefore(data.reachedOn, state.proposedOn);
  ensure(!beforeProposal || data.preHistory, Code.MilestoneBeforeProposal, { reachedOn: data.reachedOn, proposedOn: state.proposedOn });
  return [{ type: 'MilestoneReached', data: { ...data, planned: Boolean(planned) } }];
};
