import type { Period } from '../shared/business-date.js';
import { isDefinitelyBefore } from '../shared/business-date.js';
import { ensure } from '../shared/domain-error.js';
import type { Directory } from '../directory/directory.js';
import { CooperationErrorCode as Code } from './cooperation.errors.js';
import { activeParticipant, isFinancial, overlappingAssignments, sameScope, type CooperationState, type Participant } from './cooperation.state.js';
import { EXCLUSIVE_ROLES, isStated, ROLES_OPEN_TO_INSTITUTIONAL_PARTNERS, type CommitmentKind, type Money, type Role } from './cooperation.vocabulary.js';

/** Guards shared by several commands; each names the rule it enforces. */

export const ensureActiveParticipant = (
  state: CooperationState,
  organisationId: string,
  code: string = Code.NotAnActiveParticipant,
): Participant => {
  const participant = activeParticipant(state, organisationId);
  ensure(participant, code, { organisationId });
  return participant;
};

export const ensureValidPeriod = (period: { from: string; to?: string }): void =>
  ensure(!(period.to && isDefinitelyBefore(period.to, period.from)), Code.InvalidPeriod, { from: period.from, to: period.to });

/** A commitment's own terms hold (domain.md E37): checked when it is pledged and again on what a revision leaves. */
export const ensureValidCommitmentTerms = (terms: {
  kind: CommitmentKind;
  amount?: Money;
  quantity?: { value: number; unit: string };
  description: string;
  period: { from: string; to?: string };
}): void => {
  if (isFinancial(terms)) ensure(!(isStated(terms.amount) && terms.amount.cents <= 0), Code.NonPositiveAmount, { amount: terms.amount });
  else ensure(terms.quantity || terms.description.trim(), Code.CommitmentUndescribed, { kind: terms.kind });
  ensureValidPeriod(terms.period);
};

/** Who may hold a role: an active participant, a residents' group for ResidentRepresentative, no steering for institutions. */
export const ensureMayHoldRole = (
  state: CooperationState,
  directory: Directory,
  organisationId: string,
  role: Role,
): void => {
  const participant = ensureActiveParticipant(state, organisationId);
  if (role === 'ResidentRepresentative') {
    ensure(directory.organisation(organisationId)?.kind === 'residentsGroup', Code.ResidentRepresentativeRequiresResidentsGroup, {
      organisationId,
    });
  }
  if (participant.membershipType === 'institutionalPartner') {
    ensure(ROLES_OPEN_TO_INSTITUTIONAL_PARTNERS.includes(role), Code.RoleNotAllowedForMembershipType, {
      organisationId,
      role,
      membershipType: participant.membershipType,
    });
  }
};

/** No organisation holds the same role and scope twice at once; an exclusive role has one holder per period. */
export const ensureNoConflictingAssignment = (
  state: CooperationState,
  assignment: { organisationId: string; role: Role; scope?: string } & Period,
): void => {
  const overlapping = overlappingAssignments(state, assignment.role, assignment);
  const duplicate = overlapping.find((a) => a.organisationId === assignment.organisationId && sameScope(a, assignment));
  ensure(!duplicate, Code.DuplicateRoleAssignment, {
    organisationId: assignment.organisationId,
    role: assignment.role,
    scope: assignment.scope,
    existingAssignmentId: duplicate?.assignmentId,
  });
  if (EXCLUSIVE_ROLES.includes(assignment.role)) {
    const holder = overlapping.find((a) => a.organisationId !== assignment.organisationId);
    ensure(!holder, Code.ExclusiveRoleAlreadyHeld, {
      role: assignment.role,
      heldBy: holder?.organisationId,
      existingAssignmentId: holder?.assignmentId,
    });
  }
};
