import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { RoleRelinquished } from '../events/index.js';

export type RelinquishRole = Command<'RelinquishRole', Omit<RoleRelinquished['data'], 'organisationId'>>;

export const relinquishRole = (command: RelinquishRole, state: CooperationState): RoleRelinquished[] => {
  const { assignmentId, effectiveOn } = command.data;
  const assignment = state.roles[assignmentId];
  ensure(assignment, Code.AssignmentNotFound, { assignmentId });
  ensure(assignment.active, Code.AssignmentNotActive, { assignmentId, endedOn: assignment.endedOn });
  ensure(!isDefinitelyBefore(effectiveOn, assignment.from), Code.EffectiveBeforeAssignmentStart, {
    effectiveOn,
    from: assignment.from,
  });
  return [{ type: 'RoleRelinquished', data: { ...command.data, organisationId: assignment.organisationId } }];
};
