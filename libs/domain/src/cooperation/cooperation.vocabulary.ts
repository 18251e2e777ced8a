/** Closed vocabularies of the cooperation aggregate (domain.md §1–§4, §8). */
export const COOPERATION_PHASES = [
  'identification',
  'diagnostic',
  'framing',
  'implementation',
  'consolidation',
  'scaling',
  'closed',
] as const;
export type CooperationPhase = (typeof COOPERATION_PHASES)[number];

/** The phases of a cooperation that has started (E08) and not closed: where actions run. */
export const STARTED_PHASES: readonly CooperationPhase[] = ['implementation', 'consolidation', 'scaling'];

export const COOPERATION_FORMS = [
  'consortium',
  'collective',
  'ptce',
  'coalition',
  'alliance',
  'cluster',
  'network',
  'partnershipAgreement',
] as const;
export type CooperationForm = (typeof COOPERATION_FORMS)[number];

export const COOPERATION_ORIGINS = ['preExisting', 'initiatedByFoundation', 'callResponse', 'institutional'] as const;
export type CooperationOrigin = (typeof COOPERATION_ORIGINS)[number];

export const CLOSING_REASONS = [
  'completed',
  'programmeEnded',
  'transformedIntoLegalEntity',
  'mergedIntoCoalition',
  'dissolved',
  'abandoned',
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

export const DIAGNOSTIC_METHODS = [
  'portrait',
  'resourceDiagnostic',
  'participatoryDiagnostic',
  'needsInventory',
  'fragilityMapping',
  'actorMapping',
] as const;
export type DiagnosticMethod = (typeof DIAGNOSTIC_METHODS)[number];

export const MEMBERSHIP_TYPES = ['member', 'associatedPartner', 'institutionalPartner'] as const;
export type MembershipType = (typeof MEMBERSHIP_TYPES)[number];

export const ROLES = [
  'Lead',
  'FieldLead',
  'Coordinator',
  'Facilitator',
  'Convener',
  'Funder',
  'Trainer',
  'SupportProvider',
  'ExpertiseProvider',
  'Mobiliser',
  'NeedsAssessor',
  'TrustedThirdParty',
  'Sponsor',
  'Mentor',
  'Carrier',
  'Host',
  'Prescriber',
  'Evaluator',
  'Volunteer',
  'ResidentRepresentative',
  'NetworkHead',
] as const;
export type Role = (typeof ROLES)[number];

/** [inferred] Lead is the only role exclusive per period (domain.md §3.4). */
export const EXCLUSIVE_ROLES: readonly Role[] = ['Lead'];

/** [inferred] Institutional partners support; they do not steer (domain.md §8.4 E14, scenario B6). */
export const ROLES_OPEN_TO_INSTITUTIONAL_PARTNERS: readonly Role[] = ['Funder', 'Host', 'Sponsor', 'Mentor', 'Evaluator'];

export const REPRESENTATIVE_CAPACITIES = ['sign', 'sit', 'speak'] as const;
export type RepresentativeCapacity = (typeof REPRESENTATIVE_CAPACITIES)[number];

export const RESIDENT_PARTICIPATION_MODES = [
  'directParticipation',
  'citizensCouncil',
  'tenantsAssociation',
  'neighbourhoodTable',
  'hostInhabitantsMajority',
] as const;
export type ResidentParticipationMode = (typeof RESIDENT_PARTICIPATION_MODES)[number];

export const CHARTER_KINDS = [
  'cooperationCharter',
  'manifesto',
  'partnershipAgreement',
  'frameworkDocument',
  'networkCharter',
] as const;
export type CharterKind = (typeof CHARTER_KINDS)[number];

/** Agreements are adopted by their parties' signatures, without a separate adoption (domain.md E21). */
export const KINDS_ADOPTED_BY_SIGNATURE: readonly CharterKind[] = ['partnershipAgreement'];

export const INSTANCE_KINDS = [
  'steeringCommittee',
  'operationalCommittee',
  'operationalCell',
  'fundersCommittee',
  'localCommittee',
  'thematicCommission',
  'operationalMonitoringGroup',
  'monitoringCommittee',
  'allocationCommittee',
  'board',
  'bureau',
  'supervisoryBoard',
  'executiveCommittee',
  'generalAssembly',
  'regionalFoundationCommission',
  'citizensCouncil',
  'neighbourhoodTable',
  'dialogueCouncil',
  'informalCollective',
  'editorialCommittee',
] as const;
export type InstanceKind = (typeof INSTANCE_KINDS)[number];

export const MANDATES = [
  'decide',
  'orient',
  'propose',
  'monitor',
  'evaluate',
  'allocateFunding',
  'allocateBenefits',
  'prepare',
  'coordinate',
  'adoptCharter',
] as const;
export type Mandate = (typeof MANDATES)[number];

/** Default mandates by kind (domain.md §4.3; kinds the brief leaves open are [inferred]). */
export const DEFAULT_MANDATES: Record<InstanceKind, readonly Mandate[]> = {
  steeringCommittee: ['decide', 'orient', 'evaluate', 'adoptCharter'],
  operationalCommittee: ['propose', 'monitor'],
  operationalCell: ['prepare', 'coordinate'],
  fundersCommittee: ['allocateFunding'],
  monitoringCommittee: ['monitor', 'evaluate'],
  allocationCommittee: ['allocateBenefits'],
  localCommittee: ['coordinate', 'propose'],
  thematicCommission: ['propose'],
  operationalMonitoringGroup: ['monitor'],
  board: ['decide', 'orient'],
  bureau: ['prepare', 'coordinate'],
  supervisoryBoard: ['monitor', 'evaluate'],
  executiveCommittee: ['decide', 'coordinate'],
  generalAssembly: ['decide', 'orient', 'adoptCharter'],
  regionalFoundationCommission: ['evaluate', 'propose'],
  citizensCouncil: ['propose', 'orient'],
  neighbourhoodTable: ['propose'],
  dialogueCouncil: ['orient', 'propose'],
  informalCollective: ['decide', 'orient', 'coordinate'],
  editorialCommittee: ['coordinate'],
};

export const FREQUENCY_KINDS = ['annual', 'semiannual', 'timesPerYear', 'monthly', 'bimonthly', 'continuous', 'adHoc'] as const;
export type FrequencyKind = (typeof FREQUENCY_KINDS)[number];
export interface Frequency {
  readonly kind: FrequencyKind;
  readonly timesPerYear?: number;
  readonly atLeast?: boolean;
}

export const CHAIRING_MODELS = ['single', 'coChairs', 'coFacilitators', 'none'] as const;
export type ChairingModel = (typeof CHAIRING_MODELS)[number];

export const SEAT_TYPES = ['member', 'chair', 'coChair', 'coFacilitator', 'observer', 'guest'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];

export const PROVENANCE_CONFIDENCES = ['stated', 'inferred', 'assumedForDemo'] as const;
export type ProvenanceConfidence = (typeof PROVENANCE_CONFIDENCES)[number];

export const COMMITMENT_KINDS = [
  'financialGrant',
  'loanOrGuarantee',
  'staffTime',
  'premises',
  'land',
  'equipment',
  'expertise',
  'training',
  'networkMobilisation',
  'volunteerTime',
  'marketAccess',
  'visibility',
  'inKindOther',
] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/** Kinds whose amount is money that can be disbursed (domain.md §6.1). */
export const FINANCIAL_KINDS: readonly CommitmentKind[] = ['financialGrant', 'loanOrGuarantee'];

export const COMMITMENT_PURPOSES = ['cooperationEngineering', 'action', 'investment', 'operating', 'memberStructure'] as const;
export type CommitmentPurpose = (typeof COMMITMENT_PURPOSES)[number];

export const DECIDING_BODIES = ['board', 'regionalFoundationCommission', 'committee', 'management'] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];

export const SUPPORT_OUTCOMES = ['approved', 'rejected', 'deferred', 'conditional'] as const;
export type SupportOutcome = (typeof SUPPORT_OUTCOMES)[number];

export const QUANTITY_UNITS = ['FTE', 'days', 'hours', 'm2', 'items'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** Amounts in integer euro cents; an undisclosed amount is recorded as such, never guessed (domain.md §6.3). */
export type Money =
  | { readonly status: 'stated' | 'estimated'; readonly cents: number; readonly currency: 'EUR' }
  | { readonly status: 'notDisclosed' };

export const isStated = (money: Money | undefined): money is Extract<Money, { cents: number }> =>
  money !== undefined && money.status !== 'notDisclosed';

export const DECISION_SUBJECT_TYPES = [
  'orientation',
  'phaseChange',
  'cooperationStart',
  'charterAdoption',
  'charterAmendment',
  'roleAssignment',
  'memberAdmission',
  'fundingAllocation',
  'actionRetained',
  'indicators',
  'evaluationApproval',
  'other',
] as const;
export type DecisionSubjectType = (typeof DECISION_SUBJECT_TYPES)[number];

export const DECISION_OUTCOMES = ['approved', 'rejected', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * The mandates that allow an instance to decide on a subject (domain.md E35) [inferred mapping]: any
 * binding decision needs `decide`, except the few a narrower mandate covers on its own.
 */
export const MANDATES_FOR_SUBJECT: Record<DecisionSubjectType, readonly Mandate[]> = {
  orientation: ['decide', 'orient'],
  phaseChange: ['decide'],
  cooperationStart: ['decide'],
  charterAdoption: ['decide', 'adoptCharter'],
  charterAmendment: ['decide', 'adoptCharter'],
  roleAssignment: ['decide'],
  memberAdmission: ['decide'],
  fundingAllocation: ['allocateFunding'],
  actionRetained: ['decide', 'allocateFunding'],
  indicators: ['decide', 'evaluate'],
  evaluationApproval: ['decide', 'evaluate'],
  // Any mandate but monitoring: a monitoring-only body takes no binding decision (E35).
  other: MANDATES.filter((mandate) => mandate !== 'monitor'),
};

export const MILESTONE_KINDS = [
  'venueOpened',
  'leadRotation',
  'experimentation',
  'testActivities',
  'founding',
  'firstAgreement',
  'structuring',
  'publication',
  'other',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const EVALUATION_KINDS = ['impactStudy', 'steeringReview', 'annualReview', 'externalEvaluation', 'fieldVisit'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/**
 * Seats needed for a share of them (a quorum, a convening threshold): ⌈share × seats⌉, computed so that a share
 * written in decimal lands where it should (0.7 × 10 is 7.000000000000001 in binary: 7 seats, not 8).
 */
export const seatsNeeded = (share: number, seats: number): number => Math.ceil(Math.round(share * seats * 1e9) / 1e9);

/** Months between two meetings that a stated frequency allows before a meeting is overdue (domain.md §8.9). */
export const frequencyWindowMonths = (frequency: Frequency): number | undefined => {
  switch (frequency.kind) {
    case 'annual':
      return 12;
    case 'semiannual':
      return 6;
    case 'timesPerYear':
      return frequency.timesPerYear ? Math.ceil(12 / frequency.timesPerYear) : undefined;
    case 'monthly':
      return 1;
    case 'bimonthly':
      return 2;
    default:
      return undefined;
  }
};
