import type { ActionCompleted } from './action-completed.event.js';
import type { ActionLaunched } from './action-launched.event.js';
import type { DecisionRecorded } from './decision-recorded.event.js';
import type { EvaluationRecorded } from './evaluation-recorded.event.js';
import type { GovernanceInstanceDissolved } from './governance-instance-dissolved.event.js';
import type { IndicatorsAgreed } from './indicators-agreed.event.js';
import type { MeetingCancelled } from './meeting-cancelled.event.js';
import type { MeetingConveningRequested } from './meeting-convening-requested.event.js';
import type { MeetingHeld } from './meeting-held.event.js';
import type { MeetingScheduled } from './meeting-scheduled.event.js';
import type { MilestonePlanned } from './milestone-planned.event.js';
import type { MilestoneReached } from './milestone-reached.event.js';
import type { CharterAdopted } from './charter-adopted.event.js';
import type { CharterAmended } from './charter-amended.event.js';
import type { CharterAmendmentProposed } from './charter-amendment-proposed.event.js';
import type { CharterDraftRevised } from './charter-draft-revised.event.js';
import type { CharterDraftStarted } from './charter-draft-started.event.js';
import type { CharterEnteredIntoForce } from './charter-entered-into-force.event.js';
import type { CharterSignatureWithdrawn } from './charter-signature-withdrawn.event.js';
import type { CharterSigned } from './charter-signed.event.js';
import type { CommitmentFulfilled } from './commitment-fulfilled.event.js';
import type { CommitmentPledged } from './commitment-pledged.event.js';
import type { CommitmentRevised } from './commitment-revised.event.js';
import type { CoFundingAllocated } from './co-funding-allocated.event.js';
import type { CommitmentWithdrawn } from './commitment-withdrawn.event.js';
import type { CooperationClosed } from './cooperation-closed.event.js';
import type { CooperationPhaseChanged } from './cooperation-phase-changed.event.js';
import type { CooperationProposed } from './cooperation-proposed.event.js';
import type { CooperationStarted } from './cooperation-started.event.js';
import type { FundsDisbursed } from './funds-disbursed.event.js';
import type { GovernanceInstanceCreated } from './governance-instance-created.event.js';
import type { InstanceSeatAssigned } from './instance-seat-assigned.event.js';
import type { InstanceSeatVacated } from './instance-seat-vacated.event.js';
import type { MemberJoined } from './member-joined.event.js';
import type { MemberLeft } from './member-left.event.js';
import type { RepresentativeDesignated } from './representative-designated.event.js';
import type { RecordCorrected } from './record-corrected.event.js';
import type { ResidentParticipationEstablished } from './resident-participation-established.event.js';
import type { RoleAssigned } from './role-assigned.event.js';
import type { RoleHandedOver } from './role-handed-over.event.js';
import type { RoleRelinquished } from './role-relinquished.event.js';
import type { SupportDecisionRecorded } from './support-decision-recorded.event.js';
import type { TerritorialDiagnosticCompleted } from './territorial-diagnostic-completed.event.js';
import type { TerritorialDiagnosticStarted } from './territorial-diagnostic-started.event.js';

export type {
  ActionCompleted,
  ActionLaunched,
  DecisionRecorded,
  EvaluationRecorded,
  GovernanceInstanceDissolved,
  IndicatorsAgreed,
  MeetingCancelled,
  MeetingConveningRequested,
  MeetingHeld,
  MeetingScheduled,
  MilestonePlanned,
  MilestoneReached,
  CharterAdopted,
  CharterAmended,
  CharterAmendmentProposed,
  CharterDraftRevised,
  CharterDraftStarted,
  CharterEnteredIntoForce,
  CharterSignatureWithdrawn,
  CharterSigned,
  CommitmentFulfilled,
  CommitmentPledged,
  CommitmentRevised,
  CoFundingAllocated,
  CommitmentWithdrawn,
  CooperationClosed,
  CooperationPhaseChanged,
  CooperationProposed,
  CooperationStarted,
  FundsDisbursed,
  GovernanceInstanceCreated,
  InstanceSeatAssigned,
  InstanceSeatVacated,
  MemberJoined,
  MemberLeft,
  RecordCorrected,
  RepresentativeDesignated,
  ResidentParticipationEstablished,
  RoleAssigned,
  RoleHandedOver,
  RoleRelinquished,
  SupportDecisionRecorded,
  TerritorialDiagnosticCompleted,
  TerritorialDiagnosticStarted,
};
export type { DiagnosticFindings } from './territorial-diagnostic-completed.event.js';
export type { StartWarning } from './cooperation-started.event.js';
export type { Waiver } from './cooperation-phase-changed.event.js';
export type { Witness } from './charter-signed.event.js';
export type { MeetingAttendee } from './meeting-held.event.js';
export type { MilestoneWarning } from './milestone-planned.event.js';
export type { Indicator } from './indicators-agreed.event.js';
export type { CommitmentChanges } from './commitment-revised.event.js';
export type { CoFundingShare, CoFundingWarning } from './co-funding-allocated.event.js';

export type CooperationEvent =
  | ActionCompleted
  | ActionLaunched
  | DecisionRecorded
  | EvaluationRecorded
  | GovernanceInstanceDissolved
  | IndicatorsAgreed
  | MeetingCancelled
  | MeetingConveningRequested
  | MeetingHeld
  | MeetingScheduled
  | MilestonePlanned
  | MilestoneReached
  | CharterAdopted
  | CharterAmended
  | CharterAmendmentProposed
  | CharterDraftRevised
  | CharterDraftStarted
  | CharterEnteredIntoForce
  | CharterSignatureWithdrawn
  | CharterSigned
  | CommitmentFulfilled
  | CommitmentPledged
  | CommitmentRevised
  | CoFundingAllocated
  | CommitmentWithdrawn
  | CooperationClosed
  | CooperationPhaseChanged
  | CooperationProposed
  | CooperationStarted
  | FundsDisbursed
  | GovernanceInstanceCreated
  | InstanceSeatAssigned
  | InstanceSeatVacated
  | MemberJoined
  | MemberLeft
  | RecordCorrected
  | RepresentativeDesignated
  | ResidentParticipationEstablished
  | RoleAssigned
  | RoleHandedOver
  | RoleRelinquished
  | SupportDecisionRecorded
  | TerritorialDiagnosticCompleted
  | TerritorialDiagnosticStarted;

/** The stored `type` strings of the cooperation stream. */
export const COOPERATION_EVENT_TYPES = [
  'ActionCompleted',
  'ActionLaunched',
  'DecisionRecorded',
  'EvaluationRecorded',
  'GovernanceInstanceDissolved',
  'IndicatorsAgreed',
  'MeetingCancelled',
  'MeetingConveningRequested',
  'MeetingHeld',
  'MeetingScheduled',
  'MilestonePlanned',
  'MilestoneReached',
  'CharterAdopted',
  'CharterAmended',
  'CharterAmendmentProposed',
  'CharterDraftRevised',
  'CharterDraftStarted',
  'CharterEnteredIntoForce',
  'CharterSignatureWithdrawn',
  'CharterSigned',
  'CommitmentFulfilled',
  'CommitmentPledged',
  'CommitmentRevised',
  'CoFundingAllocated',
  'CommitmentWithdrawn',
  'CooperationClosed',
  'CooperationPhaseChanged',
  'CooperationProposed',
  'CooperationStarted',
  'FundsDisbursed',
  'GovernanceInstanceCreated',
  'InstanceSeatAssigned',
  'InstanceSeatVacated',
  'MemberJoined',
  'MemberLeft',
  'RecordCorrected',
  'RepresentativeDesignated',
  'ResidentParticipationEstablished',
  'RoleAssigned',
  'RoleHandedOver',
  'RoleRelinquished',
  'SupportDecisionRecorded',
  'TerritorialDiagnosticCompleted',
  'TerritorialDiagnosticStarted',
] as const satisfies readonly CooperationEvent['type'][];
