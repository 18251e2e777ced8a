import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { CooperationErrorCode } from '../cooperation/cooperation.errors.js';
import { activeSeats, type CooperationState } from '../cooperation/cooperation.state.js';
import { periodCovers } from '../shared/business-date.js';
import type { CooperationCommand } from '../cooperation/commands/index.js';
import { COOPERATION_SCOPE, PROGRAMME_SCOPE } from '../cooperation/commands/designate-representative.command.js';
import type { RegistryCommand } from '../registry/registry.decider.js';
import type { SeatType } from '../cooperation/cooperation.vocabulary.js';
import { AccessErrorCode } from './access.errors.js';
import type { Principal } from './principal.js';

/**
 * The one access policy (issue 5): who may run which command and read what. Admins run every command (foundation
 * staff record history on anyone's behalf; the event's actor shows who recorded it), auditors none; a member acts
 * in the cooperations its token lists, in its own organisation's name, and the cooperation's stewards (Lead,
 * Coordinator) run its governance. The domain rules (participant, seat, signatory…) still apply after this check.
 */

/** What a member needs to run a command. Stewards meet every requirement except `own` with `stewardMay: false`. */
type Requirement =
  | { readonly kind: 'admin' }
  | { readonly kind: 'steward' }
  /** Acts for one of `organisationIds`; `undefined` when the command names nothing on record (the decider refuses it). */
  | { readonly kind: 'own'; readonly organisationIds: readonly string[] | undefined; readonly stewardMay: boolean }
  | { readonly kind: 'seat'; readonly instanceId: string; readonly seatId: string }
  /** Any member organisation of the cooperation, in its own name. */
  | { readonly kind: 'member' }
  /** An organisation holding, today, a seat of one of `seatTypes` in the instance; `undefined` when none is on record (the decider refuses it). */
  | { readonly kind: 'seatedOn'; readonly instanceId: string | undefined; readonly seatTypes: readonly SeatType[]; readonly refusal: AccessErrorCode };

const ADMIN: Requirement = { kind: 'admin' };
const STEWARD: Requirement = { kind: 'steward' };
const MEMBER: Requirement = { kind: 'member' };
const CHAIRS: readonly SeatType[] = ['chair', 'coChair', 'coFacilitator'];
/** Seats that take part in a body's decisions: not an observer's or a guest's. */
const SEATED: readonly SeatType[] = ['member', ...CHAIRS];
const seatedOn = (instanceId: string | undefined): Requirement => ({ kind: 'seatedOn', instanceId, seatTypes: SEATED, refusal: AccessErrorCode.SeatHolderOnly });
const chairOf = (instanceId: string | undefined): Requirement => ({ kind: 'seatedOn', instanceId, seatTypes: CHAIRS, refusal: AccessErrorCode.StewardOrChairOnly });
const own = (organisationId: string | undefined, stewardMay: boolean): Requirement => ({
  kind: 'own',
  organisationIds: organisationId === undefined ? undefined : [organisationId],
  stewardMay,
});

/** Roles whose holder runs the cooperation's governance. */
const STEWARD_ROLES: readonly string[] = ['Lead', 'Coordinator'];

/**
 * A cooperation-wide Lead or Coordinator on `day`: a role scoped to a part ("habitat", "initiatives") steers only that
 * part, and a role steers within its period only. A Lead assigned « pour la première année » no longer steers the year
 * after, and a hand-over recorded ahead of its date leaves the outgoing Lead steering, not the incoming one, until then.
 */
export const isSteward = (state: CooperationState, organisationId: string, day: string): boolean =>
  Object.values(state.roles).some(
    (a) => a.organisationId === organisationId && STEWARD_ROLES.includes(a.role) && (a.scope === undefined || a.scope === COOPERATION_SCOPE) && periodCovers(a, day),
  );

const requirementOf = (command: CooperationCommand, state: CooperationState): Requirement => {
  switch (command.type) {
    // Founding a cooperation is the foundation's act (issue 5: admins propose cooperations).
    case 'ProposeCooperation':
      return ADMIN;
    case 'AdmitMember':
    case 'AssignRole':
    case 'HandOverRole':
    case 'EstablishResidentParticipation':
    case 'StartTerritorialDiagnostic':
    case 'CompleteTerritorialDiagnostic':
    case 'ChangeCooperationPhase':
    case 'StartCooperation':
    case 'CloseCooperation':
    case 'StartCharterDraft':
    case 'AdoptCharter':
    case 'AdoptCharterAmendment':
    case 'CreateGovernanceInstance':
    case 'DissolveGovernanceInstance':
    case 'AssignInstanceSeat':
    case 'PlanMilestone':
    case 'AgreeIndicators':
    case 'RecordEvaluation':
    case 'CorrectRecord':
      return STEWARD;
    // A body's chairs (chair, co-chair, co-facilitator) run its meetings and record its decisions (domain.md §10.3).
    case 'ScheduleMeeting':
    case 'RecordDecision':
      return chairOf(command.data.instanceId);
    case 'RecordMeetingHeld':
    case 'CancelMeeting':
      return chairOf(state.meetings[command.data.meetingId]?.instanceId);
    // The funders' committee shares out co-financing (§10.3): any organisation seated on the body whose decision it cites.
    case 'AllocateCoFunding':
      return seatedOn(state.decisions[command.data.decisionId]?.instanceId);
    // Members launch and report the actions they lead (domain.md §10.1); the stewards those of anyone.
    case 'LaunchAction':
      return own(command.data.leadOrganisationId, true);
    case 'CompleteAction':
      return own(state.actions[command.data.actionId]?.leadOrganisationId, true);
    // A milestone reached is a fact of the whole cooperation: any member records it (domain.md §10.1), planning stays the stewards'.
    case 'RecordMilestoneReached':
      return MEMBER;
    // A signature binds the organisation: nobody signs for another one, or takes its signature back, a steward no more than anyone.
    case 'SignCharter':
    case 'WithdrawSignature':
      return own(command.data.organisationId, false);
    // Co-writing: each revision records its contributing member (domain.md §5.5), so a member revises in its own name.
    case 'ReviseCharterDraft':
      return own(command.data.contributedByOrganisationId, true);
    // Any member may propose an amendment to the charter in force (domain.md §5.5), in its own name.
    case 'ProposeCharterAmendment':
      return own(command.data.proposedByOrganisationId, true);
    // At programme scope the organisation may take no part here: no steward of this cooperation speaks for it.
    case 'DesignateRepresentative':
      return own(command.data.organisationId, command.data.scope !== PROGRAMME_SCOPE);
    case 'RecordMemberDeparture':
      return own(command.data.organisationId, true);
    case 'RelinquishRole':
      return own(state.roles[command.data.assignmentId]?.organisationId, true);
    // Giving up one's own seat is like relinquishing one's own role; seating others stays the stewards'.
    case 'VacateInstanceSeat':
      return own(state.seats[command.data.seatId]?.holderOrganisationId, true);
    // Money and support decisions commit the organisation itself: only it records them (or platform staff).
    case 'PledgeCommitment':
      return own(command.data.organisationId, false);
    case 'RecordSupportDecision':
      return own(command.data.deciderOrganisationId, false);
    // "The actor is not a representative of the committing organisation" (domain.md E38, E39).
    case 'WithdrawCommitment':
    case 'ReviseCommitment':
      return own(state.commitments[command.data.commitmentId]?.organisationId, false);
    // A payment is made by the funders of the commitment: the pledging organisation or a joint co-funder.
    case 'RecordDisbursement': {
      const commitment = state.commitments[command.data.commitmentId];
      const funders = commitment ? [commitment.organisationId, ...commitment.coFunderOrganisationIds] : undefined;
      return { kind: 'own', organisationIds: funders, stewardMay: false };
    }
    // The committing organisation reports delivery; stewards may too, as the cooperation attests what it received.
    case 'MarkCommitmentFulfilled':
      return own(state.commitments[command.data.commitmentId]?.organisationId, true);
    case 'RequestMeetingConvening':
      return { kind: 'seat', instanceId: command.data.instanceId, seatId: command.data.requestedBySeatId };
    default:
      return assertNever(command);
  }
};

function refuse(code: AccessErrorCode | CooperationErrorCode, params: Record<string, unknown> = {}): never {
  throw new DomainError(code, params);
}

const authorizeMember = (principal: Principal, command: CooperationCommand, state: CooperationState, cooperationId: string): void => {
  const requirement = requirementOf(command, state);
  const commandType = command.type;
  if (requirement.kind === 'admin') refuse(AccessErrorCode.AdminOnly, { commandType });
  // The same answer, without parameters, as the decider's for an unknown cooperation: existence does not leak.
  if (!principal.cooperationIds?.includes(cooperationId)) refuse(CooperationErrorCode.CooperationNotFound);
  const organisationId = principal.organisationId;
  if (!organisationId) refuse(AccessErrorCode.OrganisationRequired, { commandType });
  const steward = isSteward(state, organisationId, command.metadata.today);
  switch (requirement.kind) {
    case 'steward':
      if (!steward) refuse(AccessErrorCode.StewardOnly, { commandType });
      return;
    case 'member':
      return;
    case 'seatedOn': {
      const { instanceId, seatTypes, refusal } = requirement;
      if (steward || instanceId === undefined) return;
      const today = command.metadata.today;
      const seated = activeSeats(state, instanceId).some((seat) => seat.holderOrganisationId === organisationId && seatTypes.includes(seat.seatType) && periodCovers(seat, today));
      if (!seated) refuse(refusal, { commandType, instanceId });
      return;
    }
    case 'own': {
      const { organisationIds, stewardMay } = requirement;
      if ((stewardMay && steward) || organisationIds === undefined || organisationIds.includes(organisationId)) return;
      refuse(AccessErrorCode.ActingForAnotherOrganisation, { commandType, organisationId, actingFor: organisationIds });
    }
    case 'seat': {
      if (steward) return;
      const ownSeats = activeSeats(state, requirement.instanceId).filter((seat) => seat.holderOrganisationId === organisationId);
      if (ownSeats.length === 0) refuse(AccessErrorCode.SeatHolderOnly, { commandType, instanceId: requirement.instanceId });
      // A request counts towards the convening threshold: a seat holder asks only through its own seat.
      const named = state.seats[requirement.seatId];
      if (named && named.holderOrganisationId !== organisationId) {
        refuse(AccessErrorCode.ActingForAnotherOrganisation, { commandType, organisationId, actingFor: [named.holderOrganisationId] });
      }
      return;
    }
    default:
      return assertNever(requirement);
  }
};

/** Throws DomainError(AccessErrorCode.X | CooperationErrorCode.CooperationNotFound) unless the principal may run it. */
export const authorizeCooperationCommand = (
  principal: Principal,
  command: CooperationCommand,
  state: CooperationState,
  cooperationId: string,
): void => {
  switch (principal.role) {
    case 'admin':
      return;
    case 'auditor':
      return refuse(AccessErrorCode.AuditorsDoNotWrite, { commandType: command.type });
    case 'member':
      return authorizeMember(principal, command, state, cooperationId);
    default:
      return assertNever(principal.role);
  }
};

const registryRequirementOf = (command: RegistryCommand): Requirement => {
  switch (command.type) {
    // Registries are shared by every cooperation: platform staff keep them (issue 5).
    case 'RegisterOrganisation':
    case 'DefineTerritory':
    case 'LaunchProgramme':
      return ADMIN;
    default:
      return assertNever(command);
  }
};

/** Throws DomainError(AccessErrorCode.AuditorsDoNotWrite | AdminOnly) unless the principal may run it. */
export const authorizeRegistryCommand = (principal: Principal, command: RegistryCommand): void => {
  const requirement = registryRequirementOf(command);
  switch (principal.role) {
    case 'admin':
      return;
    case 'auditor':
      return refuse(AccessErrorCode.AuditorsDoNotWrite, { commandType: command.type });
    case 'member':
      if (requirement.kind === 'admin') refuse(AccessErrorCode.AdminOnly, { commandType: command.type });
      return;
    default:
      return assertNever(principal.role);
  }
};

/** Before anything else of a write is looked at (even its body): auditors never write. */
export const authorizeWriteAttempt = (principal: Principal): void => {
  if (principal.role === 'auditor') refuse(AccessErrorCode.AuditorsDoNotWrite);
};

/** Whole-log reads: global feed without a cooperation filter, export, audit verify, metrics. */
export const mayReadWholeLog = (principal: Principal): boolean => principal.role === 'admin' || principal.role === 'auditor';

/** Reads: admin and auditor read every cooperation; a member only those its token lists. */
export const mayReadCooperation = (principal: Principal, cooperationId: string): boolean =>
  mayReadWholeLog(principal) || (principal.cooperationIds?.includes(cooperationId) ?? false);
