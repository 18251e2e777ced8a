import type { Command } from '../../shared/decider.js';
import { DomainError, ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { DEFAULT_PROGRAMME_POLICIES } from '../../registry/events/programme-launched.event.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeAssignments, activeInstances, activeMembers, hasCharterInForce, type CooperationState } from '../cooperation.state.js';
import type { CooperationStarted, StartWarning } from '../events/index.js';

export type StartCooperation = Command<'StartCooperation', Omit<CooperationStarted['data'], 'warnings'>>;

const MIN_ACTIVE_MEMBERS = 2;

export const startCooperation = (
  command: StartCooperation,
  state: CooperationState,
  directory: Directory,
): CooperationStarted[] => {
  ensure(state.startedOn === undefined, Code.CooperationAlreadyStarted, { startedOn: state.startedOn });
  ensure(state.phase === 'framing', Code.CooperationNotInFraming, { currentPhase: state.phase });
  const members = activeMembers(state).length;
  ensure(members >= MIN_ACTIVE_MEMBERS, Code.NotEnoughActiveMembers, { required: MIN_ACTIVE_MEMBERS, found: members });

  // Policies warn by default; a programme can make them hard (domain.md §2.3).
  const policies = (state.programmeId && directory.programme(state.programmeId)?.policies) || DEFAULT_PROGRAMME_POLICIES;
  const facilitation: StartWarning[] = [];
  if (!activeInstances(state).some((instance) => instance.mandate.includes('decide'))) facilitation.push({ code: Code.NoDecidingInstance });
  if (!activeAssignments(state).some((a) => a.role === 'Facilitator' || a.role === 'Coordinator')) {
    facilitation.push({ code: Code.NoFacilitationRole });
  }
  const charter: StartWarning[] = hasCharterInForce(state) ? [] : [{ code: Code.NoCharterInForce }];
  const hardFailure = [...(policies.requireFacilitationBeforeStart ? facilitation : []), ...(policies.requireCharterBeforeStart ? charter : [])][0];
  if (hardFailure) throw new DomainError(hardFailure.code, { policy: 'hard', programmeId: state.programmeId });

  return [{ type: 'CooperationStarted', data: { ...command.data, warnings: [...facilitation, ...charter] } }];
};
