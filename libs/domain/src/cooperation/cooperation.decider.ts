import { assertNever, fold, type Decider } from '../shared/decider.js';
import { businessDate, ensureNotInFuture, type BusinessDate } from '../shared/business-date.js';
import { ensure } from '../shared/domain-error.js';
import type { Directory } from '../directory/directory.js';
import { CooperationErrorCode as Code } from './cooperation.errors.js';
import {
  initialCooperationState,
  isClosed,
  loggedEvents,
  type Charter,
  type CharterVersion,
  type VersionAuthorship,
  type Commitment,
  type CooperationState,
  type Meeting,
} from './cooperation.state.js';
import type { CooperationCommand } from './commands/index.js';
import { admitMember } from './commands/admit-member.command.js';
import { adoptCharterAmendment } from './commands/adopt-charter-amendment.command.js';
import { adoptCharter } from './commands/adopt-charter.command.js';
import { assignInstanceSeat } from './commands/assign-instance-seat.command.js';
import { assignRole } from './commands/assign-role.command.js';
import { changeCooperationPhase } from './commands/change-cooperation-phase.command.js';
import { closeCooperation } from './commands/close-cooperation.command.js';
import { completeTerritorialDiagnostic } from './commands/complete-territorial-diagnostic.command.js';
import { createGovernanceInstance } from './commands/create-governance-instance.command.js';
import { designateRepresentative } from './commands/designate-representative.command.js';
import { establishResidentParticipation } from './commands/establish-resident-participation.command.js';
import { handOverRole } from './commands/hand-over-role.command.js';
import { proposeCharterAmendment } from './commands/propose-charter-amendment.command.js';
import { proposeCooperation } from './commands/propose-cooperation.command.js';
import { recordMemberDeparture } from './commands/record-member-departure.command.js';
import { relinquishRole } from './commands/relinquish-role.command.js';
import { reviseCharterDraft } from './commands/revise-charter-draft.command.js';
import { signCharter } from './commands/sign-charter.command.js';
import { withdrawSignature } from './commands/withdraw-signature.command.js';
import { startCharterDraft } from './commands/start-charter-draft.command.js';
import { startCooperation } from './commands/start-cooperation.command.js';
import { startTerritorialDiagnostic } from './commands/start-territorial-diagnostic.command.js';
import { vacateInstanceSeat } from './commands/vacate-instance-seat.command.js';
import { markCommitmentFulfilled } from './commands/mark-commitment-fulfilled.command.js';
import { pledgeCommitment } from './commands/pledge-commitment.command.js';
import { recordDisbursement } from './commands/record-disbursement.command.js';
import { recordSupportDecision } from './commands/record-support-decision.command.js';
import { withdrawCommitment } from './commands/withdraw-commitment.command.js';
import { reviseCommitment } from './commands/revise-commitment.command.js';
import { allocateCoFunding } from './commands/allocate-co-funding.command.js';
import { agreeIndicators } from './commands/agree-indicators.command.js';
import { cancelMeeting } from './commands/cancel-meeting.command.js';
import { completeAction } from './commands/complete-action.command.js';
import { correctRecord } from './commands/correct-record.command.js';
import { ensureNotAfterClosing, factDateIn } from './commands/fact-dates.js';
import { dissolveGovernanceInstance } from './commands/dissolve-governance-instance.command.js';
import { launchAction } from './commands/launch-action.command.js';
import { planMilestone } from './commands/plan-milestone.command.js';
import { recordDecision } from './commands/record-decision.command.js';
import { recordEvaluation } from './commands/record-evaluation.command.js';
import { recordMeetingHeld } from './commands/record-meeting-held.command.js';
import { recordMilestoneReached } from './commands/record-milestone-reached.command.js';
import { requestMeetingConvening } from './commands/request-meeting-convening.command.js';
import { scheduleMeeting } from './commands/schedule-meeting.command.js';
import { ensureApprovedDecision } from './commands/approved-decision.js';
import { withValueAt } from '../shared/json.js';
import type { CooperationEvent, RecordCorrected } from './events/index.js';

const decideCommand = (command: CooperationCommand, state: CooperationState, directory: Directory): CooperationEvent[] => {
  switch (command.type) {
    case 'ProposeCooperation':
      return proposeCooperation(command, state, directory);
    case 'StartTerritorialDiagnostic':
      return startTerritorialDiagnostic(command, state);
    case 'CompleteTerritorialDiagnostic':
      return completeTerritorialDiagnostic(command, state);
    case 'ChangeCooperationPhase':
      return changeCooperationPhase(command, state, directory);
    case 'StartCooperation':
      return startCooperation(command, state, directory);
    case 'CloseCooperation':
      return closeCooperation(command, state, directory);
    case 'AdmitMember':
      return admitMember(command, state, directory);
    case 'RecordMemberDeparture':
      return recordMemberDeparture(command, state);
    case 'AssignRole':
      return assignRole(command, state, directory);
    case 'RelinquishRole':
      return relinquishRole(command, state);
    case 'HandOverRole':
      return handOverRole(command, state, directory);
    case 'DesignateRepresentative':
      return designateRepresentative(command, state, directory);
    case 'EstablishResidentParticipation':
      return establishResidentParticipation(command, state, directory);
    case 'StartCharterDraft':
      return startCharterDraft(command, state);
    case 'ReviseCharterDraft':
      return reviseCharterDraft(command, state);
    case 'AdoptCharter':
      return adoptCharter(command, state);
    case 'SignCharter':
      return signCharter(command, state);
    case 'WithdrawSignature':
      return withdrawSignature(command, state);
    case 'ProposeCharterAmendment':
      return proposeCharterAmendment(command, state);
    case 'AdoptCharterAmendment':
      return adoptCharterAmendment(command, state);
    case 'CreateGovernanceInstance':
      return createGovernanceInstance(command, state);
    case 'AssignInstanceSeat':
      return assignInstanceSeat(command, state);
    case 'VacateInstanceSeat':
      return vacateInstanceSeat(command, state);
    case 'RecordSupportDecision':
      return recordSupportDecision(command, state, directory);
    case 'PledgeCommitment':
      return pledgeCommitment(command, state);
    case 'WithdrawCommitment':
      return withdrawCommitment(command, state);
    case 'ReviseCommitment':
      return reviseCommitment(command, state);
    case 'AllocateCoFunding':
      return allocateCoFunding(command, state);
    case 'RecordDisbursement':
      return recordDisbursement(command, state);
    case 'MarkCommitmentFulfilled':
      return markCommitmentFulfilled(command, state);
    case 'AgreeIndicators':
      return agreeIndicators(command, state);
    case 'CancelMeeting':
      return cancelMeeting(command, state);
    case 'CompleteAction':
      return completeAction(command, state);
    case 'DissolveGovernanceInstance':
      return dissolveGovernanceInstance(command, state);
    case 'LaunchAction':
      return launchAction(command, state, directory);
    case 'PlanMilestone':
      return planMilestone(command, state, directory);
    case 'RecordDecision':
      return recordDecision(command, state, directory);
    case 'RecordEvaluation':
      return recordEvaluation(command, state, directory);
    case 'RecordMeetingHeld':
      return recordMeetingHeld(command, state);
    case 'RecordMilestoneReached':
      return recordMilestoneReached(command, state);
    case 'RequestMeetingConvening':
      return requestMeetingConvening(command, state);
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'CorrectRecord':
      return correctRecord(command, state);
    default:
      return assertNever(command);
  }
};

/** Commands whose fact date defaults to the command's day (E05, E07): their events are dated that day, as recorded. */
const DATED_TODAY_BY_DEFAULT: readonly CooperationCommand['type'][] = ['ProposeCooperation', 'CompleteTerritorialDiagnostic'];

/** The date a command's fact happened on, when the command states one or takes today's (effective dates may lie ahead). */
const factDateOf = (command: CooperationCommand): BusinessDate | undefined => {
  const date = factDateIn(command) ?? (DATED_TODAY_BY_DEFAULT.includes(command.type) ? command.metadata.today : undefined);
  return date === undefined ? undefined : businessDate(date);
};

/**
 * Commands a closed cooperation still takes (domain.md §8.1, which lists them): its record may be set right, and its
 * final evaluation and milestones reached are recorded after the fact. Anything else, a meeting or a decision included,
 * is recorded before closing, which refuses meetings still planned from the closing date on (E11).
 */
const OPEN_AFTER_CLOSING: readonly CooperationCommand['type'][] = ['CorrectRecord', 'RecordEvaluation', 'RecordMilestoneReached'];

/** Plans and schedules are recorded ahead of what they plan (domain.md §8.1): their `occurredAt` may lie in the future. */
const RECORDED_AHEAD: readonly CooperationCommand['type'][] = ['PlanMilestone', 'ScheduleMeeting'];

/** Rules for every command (domain.md §8.1), then the command's own rules. */
const decide = (command: CooperationCommand, state: CooperationState, directory: Directory): CooperationEvent[] => {
  if (command.type === 'ProposeCooperation') {
    ensure(!state.exists, Code.CooperationAlreadyExists, { cooperationId: command.data.cooperationId });
  } else {
    ensure(state.exists, Code.CooperationNotFound);
    if (!OPEN_AFTER_CLOSING.includes(command.type)) ensure(!isClosed(state), Code.CooperationClosed, { closedOn: state.closedOn });
  }
  const factDate = factDateOf(command);
  // What a closed cooperation still records happened by its closing: a milestone reached retrospectively, not after.
  ensureNotAfterClosing(state.closedOn, factDate?.date);
  for (const date of [RECORDED_AHEAD.includes(command.type) ? undefined : command.metadata.occurredAt, factDate]) {
    if (date) ensureNotInFuture(date, command.metadata.today);
  }
  // A command citing the decision behind it (adoption, hand-over, admission…) cites an approval on record.
  if (command.type !== 'RecordDecision' && 'decisionId' in command.data) ensureApprovedDecision(state, command.data.decisionId as string | undefined);
  return decideCommand(command, state, directory);
};

/**
 * Copy-on-write, except inside `evolveAll`: a fold of many events whose intermediate states nobody sees updates in
 * place what it made itself during that same fold (a transient, as in Clojure or Immer) instead of copying the state
 * and the map it changes at each event, so a long fold is linear rather than quadratic in the size of those maps.
 * Outside it (`evolve`, one event), every update copies, as before; what a fold returns is never changed afterwards.
 */
let madeInThisFold: WeakSet<object> | undefined;

const made = <T extends object>(value: T): T => {
  madeInThisFold?.add(value);
  return value;
};

/** `{ ...target, ...changes }`, or `target` itself updated when this fold made it. */
const assign = <T extends object>(target: T, changes: Partial<T>): T =>
  madeInThisFold?.has(target) ? Object.assign(target, changes) : made({ ...target, ...changes });

/** `{ ...record, [key]: value }`, or `record` itself updated when this fold made it. */
const put = <T>(record: Readonly<Record<string, T>>, key: string, value: T): Readonly<Record<string, T>> => {
  if (!madeInThisFold?.has(record)) return made({ ...record, [key]: value });
  (record as Record<string, T>)[key] = value;
  return record;
};

/** `[...list, ...items]`, or `list` itself extended when this fold made it. */
const append = <T>(list: readonly T[], ...items: readonly T[]): readonly T[] => {
  if (!madeInThisFold?.has(list)) return made([...list, ...items]);
  (list as T[]).push(...items);
  return list;
};

const updateCharter = (state: CooperationState, charterId: string, update: (charter: Charter) => Charter): CooperationState => {
  const charter = state.charters[charterId];
  return charter ? assign(state, { charters: put(state.charters, charterId, update(charter)) }) : state;
};

const updateVersion = (charter: Charter, version: number, update: (v: CharterVersion) => CharterVersion): Charter => ({
  ...charter,
  versions: charter.versions.map((v) => (v.version === version ? update(v) : v)),
});

/** What each event does to the facts of the state; `evolve` adds the log and the corrections around it. */
const evolveFacts = (state: CooperationState, event: CooperationEvent): CooperationState => {
  switch (event.type) {
    case 'CooperationProposed': {
      const { cooperationId, name, acronym, acronymExpansion, purpose, levers, form, origin, territoryIds } = event.data;
      const { initiatorOrganisationIds, programmeId, predecessorCooperationId, proposedOn } = event.data;
      return assign(state, {
        exists: true,
        cooperationId,
        name,
        ...(acronym ? { acronym } : {}),
        ...(acronymExpansion ? { acronymExpansion } : {}),
        purpose,
        levers,
        form,
        origin,
        territoryIds,
        initiatorOrganisationIds,
        ...(programmeId ? { programmeId } : {}),
        ...(predecessorCooperationId ? { predecessorCooperationId } : {}),
        proposedOn,
        phase: 'identification',
      });
    }
    case 'TerritorialDiagnosticStarted': {
      const { diagnosticId, method, leadOrganisationIds } = event.data;
      return assign(state, { diagnostics: put(state.diagnostics, diagnosticId, { diagnosticId, method, leadOrganisationIds, status: 'inProgress' }) });
    }
    case 'TerritorialDiagnosticCompleted': {
      const diagnostic = state.diagnostics[event.data.diagnosticId];
      if (!diagnostic) return state;
      return assign(state, { diagnostics: put(state.diagnostics, diagnostic.diagnosticId, { ...diagnostic, status: 'completed' }) });
    }
    case 'CooperationPhaseChanged':
      return assign(state, { phase: event.data.toPhase });
    case 'CooperationStarted':
      return assign(state, { phase: 'implementation', startedOn: event.data.startedOn, startWarnings: event.data.warnings });
    case 'CooperationClosed': {
      const closed = assign(state, { phase: 'closed', closedOn: event.data.closedOn });
      return (event.data.carriedOverCommitmentIds ?? []).reduce((s, id) => updateCommitment(s, id, (c) => ({ ...c, status: 'carriedOver' })), closed);
    }
    case 'MemberJoined': {
      const { organisationId, membershipType, joinedOn } = event.data;
      return assign(state, { participants: put(state.participants, organisationId, { organisationId, membershipType, joinedOn, active: true }) });
    }
    case 'MemberLeft': {
      const { organisationId, leftOn } = event.data;
      const participant = state.participants[organisationId];
      if (!participant) return state;
      const withoutLeaver = (ids: readonly string[]) => ids.filter((id) => id !== organisationId);
      const charters = Object.keys(state.charters).length === 0 ? state.charters : Object.fromEntries(
        Object.entries(state.charters).map(([id, charter]) => [
          id,
          {
            ...charter,
            plannedSignatoryOrganisationIds: withoutLeaver(charter.plannedSignatoryOrganisationIds),
            versions: charter.versions.map((v) =>
              // A signature it gave still counts here: since E26 the departure withdraws it first (CharterSignatureWithdrawn
              // before MemberLeft), and a log from before kept it, as the versions that entered into force since record.
              v.status === 'inForce' || v.status === 'superseded' || v.signatures.some((s) => s.organisationId === organisationId)
                ? v
                : { ...v, requiredSignatoryOrganisationIds: withoutLeaver(v.requiredSignatoryOrganisationIds) },
            ),
          },
        ]),
      );
      return assign(state, { participants: put(state.participants, organisationId, { ...participant, active: false, leftOn }), charters });
    }
    case 'RoleAssigned': {
      const { decisionId: _decisionId, ...assignment } = event.data;
      return assign(state, { roles: put(state.roles, assignment.assignmentId, { ...assignment, active: true }) });
    }
    case 'RoleRelinquished': {
      const assignment = state.roles[event.data.assignmentId];
      if (!assignment) return state;
      return assign(state, { roles: put(state.roles, assignment.assignmentId, { ...assignment, active: false, endedOn: event.data.effectiveOn }) });
    }
    case 'RoleHandedOver': {
      const { endedAssignmentId, newAssignmentId, toOrganisationId, role, scope, effectiveOn, wording } = event.data;
      const ended = state.roles[endedAssignmentId];
      const withEnded = ended ? put(state.roles, endedAssignmentId, { ...ended, active: false, endedOn: effectiveOn }) : state.roles;
      return assign(state, {
        roles: put(withEnded, newAssignmentId, {
          assignmentId: newAssignmentId,
          organisationId: toOrganisationId,
          role,
          ...(scope ? { scope } : {}),
          ...(wording ? { wording } : {}),
          from: effectiveOn,
          active: true,
        }),
      });
    }
    case 'RepresentativeDesignated':
      return assign(state, { representatives: append(state.representatives, event.data) });
    case 'ResidentParticipationEstablished':
      return assign(state, { residentParticipations: append(state.residentParticipations, event.data) });
    case 'CharterDraftStarted': {
      const { charterId, kind, title, draftingOrganisationIds, plannedSignatoryOrganisationIds } = event.data;
      return assign(state, { charters: put(state.charters, charterId, { charterId, kind, title, draftingOrganisationIds, plannedSignatoryOrganisationIds, versions: [], amendments: [] }) });
    }
    case 'CharterDraftRevised': {
      const { charterId, version, contentHash, contributedByOrganisationId, summary, sectionsChanged, contentRef } = event.data;
      return updateCharter(state, charterId, (charter) => ({
        ...charter,
        versions: [...charter.versions, draftVersion(version, contentHash, { contributedByOrganisationId, summary, sectionsChanged, ...(contentRef ? { contentRef } : {}) })],
      }));
    }
    case 'CharterAdopted': {
      const { charterId, version, adoptedOn, requiredSignatoryOrganisationIds } = event.data;
      return updateCharter(state, charterId, (charter) =>
        updateVersion(charter, version, (v) => ({ ...v, status: 'adopted', adoptedOn, requiredSignatoryOrganisationIds })),
      );
    }
    case 'CharterSigned': {
      const { charterId, version, organisationId, signatoryPersonId, signatoryCapacity, signedOn, witnesses } = event.data;
      return updateCharter(state, charterId, (charter) =>
        updateVersion(charter, version, (v) => ({
          ...v,
          signatures: [...v.signatures, { organisationId, signatoryPersonId, signatoryCapacity, signedOn, witnesses }],
        })),
      );
    }
    case 'CharterSignatureWithdrawn': {
      const { charterId, version, organisationId, withdrawnOn } = event.data;
      return updateCharter(state, charterId, (charter) =>
        updateVersion(charter, version, (v) => ({
          ...v,
          signatures: v.signatures.filter((s) => s.organisationId !== organisationId),
          withdrawals: [...v.withdrawals, { organisationId, withdrawnOn }],
        })),
      );
    }
    case 'CharterEnteredIntoForce': {
      const { charterId, version, effectiveOn } = event.data;
      return updateCharter(state, charterId, (charter) => ({
        ...charter,
        versionInForce: version,
        versions: charter.versions.map((v) =>
          v.version === version
            ? // An agreement comes into force from its draft by its parties' signatures: they were its required signatories.
              { ...v, status: 'inForce', effectiveOn, ...(v.status === 'draft' ? { requiredSignatoryOrganisationIds: v.signatures.map((s) => s.organisationId) } : {}) }
            : v.version < version && v.status !== 'draft'
              ? { ...v, status: 'superseded' }
              : v,
        ),
      }));
    }
    case 'CharterAmendmentProposed': {
      const { charterId, amendmentId, baseVersion, proposedVersion, contentHash, proposedByOrganisationId, summary, rationale, contentRef } = event.data;
      const authorship = { contributedByOrganisationId: proposedByOrganisationId, summary, sectionsChanged: [], amendmentId, rationale, ...(contentRef ? { contentRef } : {}) };
      return updateCharter(state, charterId, (charter) => ({
        ...charter,
        versions: [...charter.versions, draftVersion(proposedVersion, contentHash, authorship)],
        amendments: [...charter.amendments, { amendmentId, baseVersion, status: 'pending' }],
      }));
    }
    case 'CharterAmended': {
      const { charterId, amendmentId, newVersion, adoptedOn, requiredSignatoryOrganisationIds } = event.data;
      return updateCharter(state, charterId, (charter) => ({
        ...updateVersion(charter, newVersion, (v) => ({ ...v, status: 'adopted', adoptedOn, requiredSignatoryOrganisationIds })),
        amendments: charter.amendments.map((a) => (a.amendmentId === amendmentId ? { ...a, status: 'adopted' } : a)),
      }));
    }
    case 'GovernanceInstanceCreated': {
      const { instanceId, kind, label, mandate, frequency, conveningThreshold, quorum, preparedByInstanceId, chairingModel, createdOn } =
        event.data;
      return assign(state, {
        instances: put(state.instances, instanceId, {
            instanceId,
            kind,
            label,
            mandate,
            frequency,
            ...(conveningThreshold !== undefined ? { conveningThreshold } : {}),
            ...(quorum !== undefined ? { quorum } : {}),
            ...(preparedByInstanceId ? { preparedByInstanceId } : {}),
            chairingModel,
            createdOn,
            status: 'active',
        }),
      });
    }
    case 'InstanceSeatAssigned':
      return assign(state, { seats: put(state.seats, event.data.seatId, { ...event.data, active: true }) });
    case 'InstanceSeatVacated': {
      const seat = state.seats[event.data.seatId];
      if (!seat) return state;
      return assign(state, { seats: put(state.seats, seat.seatId, { ...seat, active: false, endedOn: event.data.effectiveOn }) });
    }
    case 'SupportDecisionRecorded': {
      const { supportDecisionId, deciderOrganisationId, outcome } = event.data;
      return assign(state, { supportDecisions: put(state.supportDecisions, supportDecisionId, { supportDecisionId, deciderOrganisationId, outcome }) });
    }
    case 'CommitmentPledged': {
      const { commitmentId, organisationId, coFunderOrganisationIds, kind, amount, quantity, description, beneficiaryOrganisationId, period } = event.data;
      return assign(state, {
        commitments: put(state.commitments, commitmentId, {
            commitmentId,
            organisationId,
            coFunderOrganisationIds,
            kind,
            ...(amount ? { amount } : {}),
            ...(quantity ? { quantity } : {}),
            description,
            ...(beneficiaryOrganisationId ? { beneficiaryOrganisationId } : {}),
            periodFrom: period.from,
            ...(period.to ? { periodTo: period.to } : {}),
            status: 'active',
            disbursedCents: 0,
            disbursementIds: [],
            allocatedCents: 0,
            unpaidAllocationCents: {},
        }),
      });
    }
    case 'MeetingConveningRequested': {
      const { requestId, instanceId, requestedBySeatId } = event.data;
      return assign(state, { conveningRequests: put(state.conveningRequests, requestId, { requestId, instanceId, requestedBySeatId, status: 'pending' }) });
    }
    case 'MeetingScheduled': {
      const { meetingId, instanceId, scheduledFor, answersRequestIds } = event.data;
      const conveningRequests = answersRequestIds.reduce(
        (requests, id) => (state.conveningRequests[id] ? put(requests, id, { ...state.conveningRequests[id], status: 'answered' as const }) : requests),
        state.conveningRequests,
      );
      return assign(state, {
        conveningRequests,
        meetings: put(state.meetings, meetingId, { meetingId, instanceId, scheduledFor, status: 'scheduled', attendeeSeatIds: [] }),
      });
    }
    case 'MeetingHeld': {
      const { heldOn, attendees } = event.data;
      const attendeeSeatIds = attendees.flatMap((a) => ('seatId' in a ? [a.seatId] : []));
      return updateMeeting(state, event.data.meetingId, (m) => ({ ...m, status: 'held', heldOn, attendeeSeatIds }));
    }
    case 'MeetingCancelled':
      return updateMeeting(state, event.data.meetingId, (m) => ({ ...m, status: 'cancelled' }));
    case 'DecisionRecorded': {
      const { decisionId, instanceId, subjectType, subjectRef, outcome } = event.data;
      return assign(state, { decisions: put(state.decisions, decisionId, { decisionId, instanceId, subjectType, ...(subjectRef ? { subjectRef } : {}), outcome }) });
    }
    case 'GovernanceInstanceDissolved': {
      const instance = state.instances[event.data.instanceId];
      if (!instance) return state;
      return assign(state, { instances: put(state.instances, instance.instanceId, { ...instance, status: 'dissolved', dissolvedOn: event.data.dissolvedOn }) });
    }
    case 'ActionLaunched': {
      const { actionId, launchedOn, leadOrganisationId } = event.data;
      return assign(state, { actions: put(state.actions, actionId, { actionId, leadOrganisationId, launchedOn, status: 'launched' }) });
    }
    case 'ActionCompleted': {
      const action = state.actions[event.data.actionId];
      if (!action) return state;
      return assign(state, { actions: put(state.actions, action.actionId, { ...action, status: 'completed' }) });
    }
    case 'MilestonePlanned': {
      const { milestoneId, label } = event.data;
      return assign(state, { milestones: put(state.milestones, milestoneId, { milestoneId, label, status: 'planned' }) });
    }
    case 'MilestoneReached': {
      const { milestoneId, label } = event.data;
      return assign(state, { milestones: put(state.milestones, milestoneId, { milestoneId, label, status: 'reached' }) });
    }
    case 'IndicatorsAgreed':
      return assign(state, {
        indicatorSetIds: append(state.indicatorSetIds, event.data.indicatorSetId),
        indicatorCodes: append(state.indicatorCodes, ...event.data.indicators.map((i) => i.code)),
      });
    case 'EvaluationRecorded':
      return assign(state, { evaluationIds: append(state.evaluationIds, event.data.evaluationId) });
    case 'CommitmentRevised': {
      const { amount, quantity, description, period } = event.data.changes;
      return updateCommitment(state, event.data.commitmentId, (c) => ({
        ...c,
        ...(amount ? { amount } : {}),
        ...(quantity ? { quantity } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(period ? { periodTo: period.to } : {}),
      }));
    }
    case 'CoFundingAllocated':
      return event.data.allocations.reduce<CooperationState>(
        (next, { commitmentId, amount }) =>
          commitmentId ? updateCommitment(next, commitmentId, (c) => earmark(c, event.data.allocationId, amount.cents)) : next,
        assign(state, { allocationIds: append(state.allocationIds, event.data.allocationId) }),
      );
    case 'CommitmentWithdrawn':
      return updateCommitment(state, event.data.commitmentId, (c) => ({ ...c, status: 'withdrawn' }));
    case 'CommitmentFulfilled':
      return updateCommitment(state, event.data.commitmentId, (c) => ({ ...c, status: 'fulfilled' }));
    case 'FundsDisbursed': {
      const { commitmentId, allocationId, amount, disbursementId } = event.data;
      return updateCommitment(state, commitmentId, (c) => {
        const paid = { ...c, disbursedCents: c.disbursedCents + amount.cents, disbursementIds: [...c.disbursementIds, disbursementId] };
        return allocationId === undefined ? paid : earmark(paid, allocationId, -amount.cents);
      });
    }
    case 'RecordCorrected':
      return state;
    default:
      return assertNever(event);
  }
};

/**
 * A correction (E50) changes what the corrected event now reads, then the facts are folded again from the start:
 * whichever state field derives from the corrected field (a representative's title, a member's joinedOn, a charter's
 * title, a milestone's label…) shows the corrected value, with no per-field code. The stored events stay as they are.
 */
const applyCorrection = (state: CooperationState, correction: RecordCorrected): CooperationState => {
  const { correctedEventId, fieldPath, correctedValue } = correction.data;
  const events = loggedEvents(state).map((e) =>
    e.eventId === correctedEventId ? ({ ...e, data: withValueAt(e.data, fieldPath, correctedValue) } as CooperationEvent) : e,
  );
  const facts = events.reduce<CooperationState>(evolveFacts, initialCooperationState());
  return assign(facts, {
    log: events.reduce<CooperationState['log']>((before, event) => ({ event, before }), undefined),
    corrections: append(state.corrections, { ...(correction.eventId ? { eventId: correction.eventId } : {}), ...correction.data }),
  });
};

/**
 * Ids of past events are needed to correct them, and `evolve` is where the state learns of events: the shell passes
 * each stored event's `eventId` along with it (handleCommand, the query side), so the state keeps a log of the stream by
 * id and `decide` stays a pure function of (command, state, directory) — no extra read, no history passed beside it.
 */
const evolve = (state: CooperationState, event: CooperationEvent): CooperationState => {
  const next = event.type === 'RecordCorrected' ? applyCorrection(state, event) : evolveFacts(state, event);
  return assign(next, { log: { event, before: next.log } });
};

/** `evolve` over several events at once, faster on a long stream: only the state after the last one is seen. */
const evolveAll = (state: CooperationState, events: Iterable<CooperationEvent>): CooperationState => {
  const outer = madeInThisFold;
  madeInThisFold = new WeakSet();
  try {
    return fold(evolve, state, events);
  } finally {
    madeInThisFold = outer;
  }
};

const updateCommitment = (state: CooperationState, commitmentId: string, update: (c: Commitment) => Commitment): CooperationState => {
  const commitment = state.commitments[commitmentId];
  return commitment ? assign(state, { commitments: put(state.commitments, commitmentId, update(commitment)) }) : state;
};

/** A commitment's earmark for one allocation grown (a share allocated) or shrunk (a share paid). */
const earmark = (commitment: Commitment, allocationId: string, cents: number): Commitment => ({
  ...commitment,
  allocatedCents: commitment.allocatedCents + cents,
  unpaidAllocationCents: { ...commitment.unpaidAllocationCents, [allocationId]: (commitment.unpaidAllocationCents[allocationId] ?? 0) + cents },
});

const updateMeeting = (state: CooperationState, meetingId: string, update: (m: Meeting) => Meeting): CooperationState => {
  const meeting = state.meetings[meetingId];
  return meeting ? assign(state, { meetings: put(state.meetings, meetingId, update(meeting)) }) : state;
};

const draftVersion = (version: number, contentHash: string, authorship: VersionAuthorship): CharterVersion => ({
  version,
  contentHash,
  authorship,
  status: 'draft',
  requiredSignatoryOrganisationIds: [],
  signatures: [],
  withdrawals: [],
});

export const cooperationDecider: Decider<CooperationCommand, CooperationEvent, CooperationState, Directory> = {
  initialState: initialCooperationState,
  decide,
  evolve,
  evolveAll,
  businessDateOf: factDateOf,
};
