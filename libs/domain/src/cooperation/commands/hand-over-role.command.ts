import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureMayHoldRole, ensureNoConflictingAssignment } from '../cooperation.rules.js';
import { assignmentHeldOn, type CooperationState } from '../cooperation.state.js';
import type { RoleHandedOver } from '../events/index.js';

export type HandOverRole = Command<'HandOverRole', Omit<RoleHandedOver['data'], 'endedAssignmentId'>>;

export const handOverRole = (command: HandOverRole, state: CooperationState, directory: Directory): RoleHandedOver[] => {
  const { data } = command;
  const { role, scope, fromOrganisationId, toOrganisationId, effectiveOn } = data;
  ensure(toOrganisationId !== fromOrganisationId, Code.HandOverToSelf, { organisationId: toOrganisationId });
  ensure(!state.roles[data.newAssignmentId], Code.AssignmentAlreadyExists, { assignmentId: data.newAssignmentId });
  const current = Object.values(state.roles).find(
    (a) => a.active && a.organisationId === fromOrganisationId && a.role === role && (a.scope ?? '') === (scope ?? ''),
  );
  ensure(!(current && isDefinitelyBefore(effectiveOn, current.from)), Code.EffectiveBeforeAssignmentStart, {
    effectiveOn,
    from: current?.from,
  });
  const held = assignmentHeldOn(state, fromOrganisationId, role, scope, effectiveOn);
  ensure(held, Code.RoleNotHeld, { organisationId: fromOrganisationId, role, scope, on: effectiveOn });
  ensureMayHoldRole(state, directory, toOrganisationId, role);
  // The outgoing assignment ends on effectiveOn, so only the incoming holder's own overlaps can clash.
  const withoutOutgoing = { ...state, roles: { ...state.roles, [held.assignmentId]: { ...held, endedOn: effectiveOn } } };
  ensureNoConflictingAssignment(withoutOutgoing, { organisationId: toOrganisationId, role, ...(scope ? { scope } : {}), from: effectiveOn });
  return [{ type: 'RoleHandedOver', data: { ...data, endedAssignmentId: held.assignmentId, wording: data.wording ?? held.wording } }];
};
