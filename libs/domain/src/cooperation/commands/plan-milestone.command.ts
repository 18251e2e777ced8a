import type { Command } from '../../shared/decider.js';
import { addMonths, dayAfter, startDay } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { openMilestoneLabelled, type CooperationState } from '../cooperation.state.js';
import type { MilestonePlanned, MilestoneWarning } from '../events/index.js';

export type PlanMilestone = Command<'PlanMilestone', Omit<MilestonePlanned['data'], 'warnings'>>;

/** The last day a programme accompanies its cooperations: its `maxCooperationMonths` from launch, else its end. */
const programmeHorizon = (state: CooperationState, directory: Directory): string | undefined => {
  const programme = state.programmeId ? directory.programme(state.programmeId) : undefined;
  if (!programme) return undefined;
  const months = programme.policies.maxCooperationMonths;
  if (months !== undefined) return addMonths(startDay(programme.period.from), months);
  return programme.period.to ? dayAfter(programme.period.to) : undefined;
};

export const planMilestone = (command: PlanMilestone, state: CooperationState, directory: Directory): MilestonePlanned[] => {
  const { data } = command;
  ensure(!state.milestones[data.milestoneId], Code.MilestoneAlreadyExists, { milestoneId: data.milestoneId });
  const homonym = openMilestoneLabelled(state, data.label);
  ensure(!homonym, Code.MilestoneLabelAlreadyUsed, { label: data.label, milestoneId: homonym?.milestoneId });
  if (data.ownerOrganisationId) ensure(directory.organisation(data.ownerOrganisationId), Code.OrganisationNotRegistered, { organisationId: data.ownerOrganisationId });
  const horizon = programmeHorizon(state, directory);
  const warnings: MilestoneWarning[] =
    horizon && startDay(data.dueBy) >= horizon ? [{ code: 'BeyondProgrammeHorizon', params: { dueBy: data.dueBy, programmeId: state.programmeId, horizon } }] : [];
  return [{ type: 'MilestonePlanned', data: { ...data, warnings } }];
};
