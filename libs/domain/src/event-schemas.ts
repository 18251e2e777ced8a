import type { CooperationEvent } from './cooperation/events/index.js';
import type { AuditEvent } from './audit/data-exported.event.js';
import type { GdprEvent } from './gdpr/person-erased.event.js';
import { upcastCommitmentWithdrawnV1 } from './cooperation/events/commitment-withdrawn.event.js';
import { upcastRoleAssignedV1 } from './cooperation/events/role-assigned.event.js';
import type { RegistryEvent } from './registry/events/index.js';
import { currentVersionIn, type EventSchemas } from './shared/upcaster.js';

/**
 * The one table of schema versions: new events of each type are written at this version (handleCommand's
 * `schemaVersionOf`), and stored events of an older one are upcast on read (libs/event-store
 * `upcastingEventStore`). Bumping a type here needs its upcaster from the previous version below, in its event file.
 */
export const CURRENT_SCHEMA_VERSIONS = {
  ActionCompleted: 1,
  ActionLaunched: 1,
  DecisionRecorded: 1,
  EvaluationRecorded: 1,
  GovernanceInstanceDissolved: 1,
  IndicatorsAgreed: 1,
  MeetingCancelled: 1,
  MeetingConveningRequested: 1,
  MeetingHeld: 1,
  MeetingScheduled: 1,
  MilestonePlanned: 1,
  MilestoneReached: 1,
  CharterAdopted: 1,
  CharterAmended: 1,
  CharterAmendmentProposed: 1,
  CharterDraftRevised: 1,
  CharterDraftStarted: 1,
  CharterEnteredIntoForce: 1,
  CharterSigned: 1,
  CharterSignatureWithdrawn: 1,
  CommitmentFulfilled: 1,
  CommitmentPledged: 1,
  CommitmentRevised: 1,
  CoFundingAllocated: 1,
  /** v2: `disbursedSoFarCents: n` became `disbursedSoFar: { cents, currency }` (commitment-withdrawn.event.ts). */
  CommitmentWithdrawn: 2,
  CooperationClosed: 1,
  CooperationPhaseChanged: 1,
  CooperationProposed: 1,
  CooperationStarted: 1,
  FundsDisbursed: 1,
  GovernanceInstanceCreated: 1,
  InstanceSeatAssigned: 1,
  InstanceSeatVacated: 1,
  MemberJoined: 1,
  MemberLeft: 1,
  RecordCorrected: 1,
  RepresentativeDesignated: 1,
  ResidentParticipationEstablished: 1,
  /** v2: `period: { from, to? }` flattened to `from` / `to` (role-assigned.event.ts). */
  RoleAssigned: 2,
  RoleHandedOver: 1,
  RoleRelinquished: 1,
  SupportDecisionRecorded: 1,
  TerritorialDiagnosticCompleted: 1,
  TerritorialDiagnosticStarted: 1,
  OrganisationRegistered: 1,
  TerritoryDefined: 1,
  ProgrammeLaunched: 1,
  PersonErased: 1,
  DataExported: 1,
} as const satisfies Record<CooperationEvent['type'] | RegistryEvent['type'] | GdprEvent['type'] | AuditEvent['type'], number>;

export const EVENT_SCHEMAS: EventSchemas = {
  currentVersions: CURRENT_SCHEMA_VERSIONS,
  upcasters: [upcastRoleAssignedV1, upcastCommitmentWithdrawnV1],
};

/** The version a new event of this type is written at. */
export const currentSchemaVersion = (type: string): number => currentVersionIn(EVENT_SCHEMAS, type);
