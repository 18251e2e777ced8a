import type { AgreeIndicators } from './agree-indicators.command.js';
import type { CancelMeeting } from './cancel-meeting.command.js';
import type { CompleteAction } from './complete-action.command.js';
import type { CorrectRecord } from './correct-record.command.js';
import type { DissolveGovernanceInstance } from './dissolve-governance-instance.command.js';
import type { LaunchAction } from './launch-action.command.js';
import type { PlanMilestone } from './plan-milestone.command.js';
import type { RecordDecision } from './record-decision.command.js';
import type { RecordEvaluation } from './record-evaluation.command.js';
import type { RecordMeetingHeld } from './record-meeting-held.command.js';
import type { RecordMilestoneReached } from './record-milestone-reached.command.js';
import type { RequestMeetingConvening } from './request-meeting-convening.command.js';
import type { ScheduleMeeting } from './schedule-meeting.command.js';
import type { MarkCommitmentFulfilled } from './mark-commitment-fulfilled.command.js';
import type { PledgeCommitment } from './pledge-commitment.command.js';
import type { RecordDisbursement } from './record-disbursement.command.js';
import type { RecordSupportDecision } from './record-support-decision.command.js';
import type { WithdrawCommitment } from './withdraw-commitment.command.js';
import type { ReviseCommitment } from './revise-commitment.command.js';
import type { AllocateCoFunding } from './allocate-co-funding.command.js';
import type { AdmitMember } from './admit-member.command.js';
import type { AdoptCharterAmendment } from './adopt-charter-amendment.command.js';
import type { AdoptCharter } from './adopt-charter.command.js';
import type { AssignInstanceSeat } from './assign-instance-seat.command.js';
import type { AssignRole } from './assign-role.command.js';
import type { ChangeCooperationPhase } from './change-cooperation-phase.command.js';
import type { CloseCooperation } from './close-cooperation.command.js';
import type { CompleteTerritorialDiagnostic } from './complete-territorial-diagnostic.command.js';
import type { CreateGovernanceInstance } from './create-governance-instance.command.js';
import type { DesignateRepresentative } from './designate-representative.command.js';
import type { EstablishResidentParticipation } from './establish-resident-participation.command.js';
import type { HandOverRole } from './hand-over-role.command.js';
import type { ProposeCharterAmendment } from './propose-charter-amendment.command.js';
import type { ProposeCooperation } from './propose-cooperation.command.js';
import type { RecordMemberDeparture } from './record-member-departure.command.js';
import type { RelinquishRole } from './relinquish-role.command.js';
import type { ReviseCharterDraft } from './revise-charter-draft.command.js';
import type { SignCharter } from './sign-charter.command.js';
import type { WithdrawSignature } from './withdraw-signature.command.js';
import type { StartCharterDraft } from './start-charter-draft.command.js';
import type { StartCooperation } from './start-cooperation.command.js';
import type { StartTerritorialDiagnostic } from './start-territorial-diagnostic.command.js';
import type { VacateInstanceSeat } from './vacate-instance-seat.command.js';

export type {
  AgreeIndicators,
  CancelMeeting,
  CompleteAction,
  CorrectRecord,
  DissolveGovernanceInstance,
  LaunchAction,
  PlanMilestone,
  RecordDecision,
  RecordEvaluation,
  RecordMeetingHeld,
  RecordMilestoneReached,
  RequestMeetingConvening,
  ScheduleMeeting,
  MarkCommitmentFulfilled,
  PledgeCommitment,
  RecordDisbursement,
  RecordSupportDecision,
  WithdrawCommitment,
  ReviseCommitment,
  AllocateCoFunding,
  AdmitMember,
  AdoptCharter,
  AdoptCharterAmendment,
  AssignInstanceSeat,
  AssignRole,
  ChangeCooperationPhase,
  CloseCooperation,
  CompleteTerritorialDiagnostic,
  CreateGovernanceInstance,
  DesignateRepresentative,
  EstablishResidentParticipation,
  HandOverRole,
  ProposeCharterAmendment,
  ProposeCooperation,
  RecordMemberDeparture,
  RelinquishRole,
  ReviseCharterDraft,
  SignCharter,
  WithdrawSignature,
  StartCharterDraft,
  StartCooperation,
  StartTerritorialDiagnostic,
  VacateInstanceSeat,
};

export type CooperationCommand =
  | AgreeIndicators
  | CancelMeeting
  | CompleteAction
  | CorrectRecord
  | DissolveGovernanceInstance
  | LaunchAction
  | PlanMilestone
  | RecordDecision
  | RecordEvaluation
  | RecordMeetingHeld
  | RecordMilestoneReached
  | RequestMeetingConvening
  | ScheduleMeeting
  | ProposeCooperation
  | StartTerritorialDiagnostic
  | CompleteTerritorialDiagnostic
  | ChangeCooperationPhase
  | StartCooperation
  | CloseCooperation
  | AdmitMember
  | RecordMemberDeparture
  | AssignRole
  | RelinquishRole
  | HandOverRole
  | DesignateRepresentative
  | EstablishResidentParticipation
  | StartCharterDraft
  | ReviseCharterDraft
  | AdoptCharter
  | SignCharter
  | WithdrawSignature
  | ProposeCharterAmendment
  | AdoptCharterAmendment
  | CreateGovernanceInstance
  | AssignInstanceSeat
  | VacateInstanceSeat
  | MarkCommitmentFulfilled
  | PledgeCommitment
  | RecordDisbursement
  | RecordSupportDecision
  | WithdrawCommitment
  | ReviseCommitment
  | AllocateCoFunding;
