import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureMayHoldRole, ensureNoConflictingAssignment, ensureValidPeriod } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { RoleAssigned } from '../events/index.js';

export type AssignRole = Command<'AssignRole', RoleAssigned['data']>;

export const assignRole = (command: AssignRole, state: CooperationState, directory: Directory): RoleAssigned[] => {
  const { data } = command;
  ensure(!state.roles[data.assignmentId], Code.AssignmentAlreadyExists, { assignmentId: data.assignmentId });
  ensureMayHoldRole(state, directory, data.organisationId, data.role);
  ensureValidPeriod(data);
  ensureNoConflictingAssignment(state, data);
  return [{ type: 'RoleAssigned', data }];
};
