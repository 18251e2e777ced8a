import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import { activeAssignments, activeMembers, activeSeats, type CooperationState } from '../cooperation.state.js';
import { EXCLUSIVE_ROLES } from '../cooperation.vocabulary.js';
import type { CooperationEvent, MemberLeft } from '../events/index.js';
import { entriesIntoForceAfterDeparture, pendingSignaturesOf } from '../policies/charter-entry-into-force.policy.js';

export type RecordMemberDeparture = Command<'RecordMemberDeparture', MemberLeft['data']>;

/**
 * A departure ends what the member held: its roles and seats end on the same date, its signatures of versions not yet
 * in force are withdrawn (E26), and charter versions awaiting its signature no longer wait for it (domain.md §8.4 E13, §8.9).
 */
export const recordMemberDeparture = (command: RecordMemberDeparture, state: CooperationState): CooperationEvent[] => {
  const { organisationId, leftOn } = command.data;
  const participant = ensureActiveParticipant(state, organisationId);
  // An assignment whose stated period ended before leftOn is no longer held: it neither blocks nor needs ending.
  const heldRoles = activeAssignments(state).filter(
    (a) => a.organisationId === organisationId && !(a.to && isDefinitelyBefore(a.to, leftOn)),
  );
  const exclusive = heldRoles.find((a) => EXCLUSIVE_ROLES.includes(a.role));
  ensure(!exclusive, Code.LeadMustBeHandedOver, { organisationId, role: exclusive?.role, assignmentId: exclusive?.assignmentId });
  const isLastMember = participant.membershipType === 'member' && activeMembers(state).length === 1;
  ensure(!isLastMember, Code.LastMemberCannotLeave, { organisationId });
  ensure(!isDefinitelyBefore(leftOn, participant.joinedOn), Code.LeftBeforeJoining, { leftOn, joinedOn: participant.joinedOn });

  const reason = `Départ de l'organisation : ${command.data.reason}`;
  return [
    // Withdrawn before the departure is folded: a version then no longer awaits a member that signed it, as one that did not.
    // A departure recorded with a date before the signature (history entered late) withdraws it no earlier than it was given.
    ...pendingSignaturesOf(state, organisationId).map(({ charterId, version, signedOn }) => ({
      type: 'CharterSignatureWithdrawn' as const,
      data: { charterId, version, organisationId, reason, withdrawnOn: isDefinitelyBefore(leftOn, signedOn) ? signedOn : leftOn },
    })),
    { type: 'MemberLeft', data: command.data },
    ...heldRoles.map((a) => ({
      type: 'RoleRelinquished' as const,
      data: { assignmentId: a.assignmentId, organisationId, effectiveOn: leftOn, reason },
    })),
    ...activeSeats(state)
      .filter((seat) => seat.holderOrganisationId === organisationId)
      .map((seat) => ({
        type: 'InstanceSeatVacated' as const,
        data: { seatId: seat.seatId, instanceId: seat.instanceId, effectiveOn: leftOn, reason },
      })),
    ...entriesIntoForceAfterDeparture(state, organisationId, leftOn),
  ];
};
