import { isDefinitelyBefore, periodCovers, periodsOverlap, type PartialDate, type Period } from '../shared/business-date.js';
import { normaliseName } from '../shared/text.js';
import { FINANCIAL_KINDS, isStated } from './cooperation.vocabulary.js';
import type {
  ChairingModel,
  CharterKind,
  CommitmentKind,
  DecisionOutcome,
  DecisionSubjectType,
  Money,
  SupportOutcome,
  CooperationForm,
  CooperationOrigin,
  CooperationPhase,
  DiagnosticMethod,
  Frequency,
  InstanceKind,
  Mandate,
  MembershipType,
  QuantityUnit,
  RepresentativeCapacity,
  ResidentParticipationMode,
  Role,
  SeatType,
} from './cooperation.vocabulary.js';
import type { JsonValue } from '../shared/json.js';
import type { CooperationEvent, StartWarning, Witness } from './events/index.js';

export interface Participant {
  readonly organisationId: string;
  readonly membershipType: MembershipType;
  readonly joinedOn: PartialDate;
  readonly leftOn?: PartialDate;
  readonly active: boolean;
}

export interface RoleAssignment extends Period {
  readonly assignmentId: string;
  readonly organisationId: string;
  readonly role: Role;
  readonly scope?: string;
  readonly scopeOrganisationIds?: readonly string[];
  readonly wording?: string;
  /** False once an event has ended it (relinquished or handed over); its period then carries `endedOn`. */
  readonly active: boolean;
}

export interface Representative extends Period {
  readonly organisationId: string;
  readonly personId: string;
  readonly personName?: string;
  readonly title: string;
  readonly capacities: readonly RepresentativeCapacity[];
  readonly scope: string;
}

export interface Diagnostic {
  readonly diagnosticId: string;
  readonly method: DiagnosticMethod;
  readonly leadOrganisationIds: readonly string[];
  readonly status: 'inProgress' | 'completed';
}

export interface Signature {
  readonly organisationId: string;
  readonly signatoryPersonId: string;
  readonly signatoryCapacity: string;
  readonly signedOn: PartialDate;
  /** Present at the signing without signing: parrains, laureates (scenario E). */
  readonly witnesses: readonly Witness[];
}

/** A signature that no longer counts (E26): by the organisation's choice, or because it left. */
export interface SignatureWithdrawal {
  readonly organisationId: string;
  readonly withdrawnOn: PartialDate;
}

/** Who wrote a version and what it changed: « les brouillons et ce qui a changé » (domain.md §10.1, E20, E24). */
export interface VersionAuthorship {
  readonly contributedByOrganisationId: string;
  readonly summary: string;
  readonly sectionsChanged: readonly string[];
  readonly contentRef?: string;
  /** For a version proposed as an amendment (E24): which one, and why. */
  readonly amendmentId?: string;
  readonly rationale?: string;
}

export type CharterVersionStatus = 'draft' | 'adopted' | 'inForce' | 'superseded';

export interface CharterVersion {
  readonly version: number;
  readonly contentHash: string;
  readonly authorship: VersionAuthorship;
  readonly status: CharterVersionStatus;
  readonly adoptedOn?: PartialDate;
  readonly requiredSignatoryOrganisationIds: readonly string[];
  readonly signatures: readonly Signature[];
  readonly withdrawals: readonly SignatureWithdrawal[];
  readonly effectiveOn?: PartialDate;
}

export interface Amendment {
  readonly amendmentId: string;
  readonly baseVersion: number;
  readonly status: 'pending' | 'adopted';
}

export interface Charter {
  readonly charterId: string;
  readonly kind: CharterKind;
  readonly title: string;
  readonly draftingOrganisationIds: readonly string[];
  readonly plannedSignatoryOrganisationIds: readonly string[];
  /** Index `n - 1` holds version n. */
  readonly versions: readonly CharterVersion[];
  readonly versionInForce?: number;
  readonly amendments: readonly Amendment[];
}

export interface GovernanceInstance {
  readonly instanceId: string;
  readonly kind: InstanceKind;
  readonly label: string;
  readonly mandate: readonly Mandate[];
  readonly frequency: Frequency;
  readonly conveningThreshold?: number;
  readonly quorum?: number;
  readonly preparedByInstanceId?: string;
  readonly chairingModel: ChairingModel;
  readonly createdOn: PartialDate;
  readonly status: 'active' | 'dissolved';
  readonly dissolvedOn?: PartialDate;
}

export interface Seat extends Period {
  readonly seatId: string;
  readonly instanceId: string;
  readonly holderOrganisationId: string;
  readonly personId?: string;
  readonly seatType: SeatType;
  readonly active: boolean;
}

export interface ResidentParticipation {
  readonly residentsGroupOrganisationId: string;
  readonly mode: ResidentParticipationMode;
  readonly description: string;
  readonly facilitatedByOrganisationId?: string;
  readonly reservedSeats?: { readonly instanceId: string; readonly count: number };
}

export interface SupportDecision {
  readonly supportDecisionId: string;
  readonly deciderOrganisationId: string;
  readonly outcome: SupportOutcome;
}

/** A commitment's terms as last revised. */
export interface Commitment {
  readonly commitmentId: string;
  readonly organisationId: string;
  readonly coFunderOrganisationIds: readonly string[];
  readonly kind: CommitmentKind;
  readonly amount?: Money;
  readonly quantity?: { readonly value: number; readonly unit: QuantityUnit };
  readonly description: string;
  readonly beneficiaryOrganisationId?: string;
  readonly periodFrom: PartialDate;
  readonly periodTo?: PartialDate;
  readonly status: 'active' | 'withdrawn' | 'fulfilled' | 'carriedOver';
  readonly disbursedCents: number;
  readonly disbursementIds: readonly string[];
  /**
   * Earmarked for actions by co-funding allocations (E41) and not yet paid: a disbursement naming its allocation
   * (FundsDisbursed.allocationId) moves that much from here to `disbursedCents`.
   */
  readonly allocatedCents: number;
  /** What each allocation drawing on this commitment still earmarks here, by allocationId (0 once paid in full). */
  readonly unpaidAllocationCents: Readonly<Record<string, number>>;
}

export interface ConveningRequest {
  readonly requestId: string;
  readonly instanceId: string;
  readonly requestedBySeatId: string;
  /** Answered once a scheduled meeting lists it. */
  readonly status: 'pending' | 'answered';
}

export interface Meeting {
  readonly meetingId: string;
  readonly instanceId: string;
  readonly scheduledFor: PartialDate;
  readonly status: 'scheduled' | 'held' | 'cancelled';
  readonly heldOn?: PartialDate;
  readonly attendeeSeatIds: readonly string[];
}

export interface Decision {
  readonly decisionId: string;
  readonly instanceId: string;
  readonly subjectType: DecisionSubjectType;
  readonly subjectRef?: string;
  readonly outcome: DecisionOutcome;
}

export interface Action {
  readonly actionId: string;
  /** Who reports it (access policy): the action's lead organisation. */
  readonly leadOrganisationId: string;
  readonly launchedOn: PartialDate;
  readonly status: 'launched' | 'completed';
}

export interface Milestone {
  readonly milestoneId: string;
  readonly label: string;
  readonly status: 'planned' | 'reached';
}

/**
 * The stream so far, newest first, each event as it now reads (corrections applied). A linked list rather than an
 * array: each event adds one cell shared with the previous state, so folding a long stream stays linear.
 */
export interface EventLog {
  readonly event: CooperationEvent;
  readonly before: EventLog | undefined;
}

/** A correction on record (E50), as readers list it next to the value it changed. */
export interface Correction {
  /** The RecordCorrected event's own id, when folded from the store. */
  readonly eventId?: string;
  readonly correctedEventId: string;
  readonly correctedEventType: string;
  readonly fieldPath: string;
  readonly previousValue: JsonValue;
  readonly correctedValue: JsonValue;
  readonly reason: string;
  readonly sourceRef?: string;
  /** Whose value it corrected, when it was a person's (both values then sealed): such a correction dates nothing. */
  readonly personId?: string;
}

export interface CooperationState {
  readonly exists: boolean;
  readonly cooperationId: string;
  readonly name: string;
  readonly acronym?: string;
  readonly acronymExpansion?: string;
  readonly purpose: string;
  readonly levers: readonly string[];
  readonly form?: CooperationForm;
  readonly origin?: CooperationOrigin;
  readonly territoryIds: readonly string[];
  readonly initiatorOrganisationIds: readonly string[];
  readonly programmeId?: string;
  readonly predecessorCooperationId?: string;
  readonly proposedOn?: PartialDate;
  readonly phase: CooperationPhase;
  readonly startedOn?: PartialDate;
  readonly startWarnings: readonly StartWarning[];
  readonly closedOn?: PartialDate;
  readonly participants: Readonly<Record<string, Participant>>;
  readonly roles: Readonly<Record<string, RoleAssignment>>;
  readonly representatives: readonly Representative[];
  readonly residentParticipations: readonly ResidentParticipation[];
  readonly diagnostics: Readonly<Record<string, Diagnostic>>;
  readonly charters: Readonly<Record<string, Charter>>;
  readonly instances: Readonly<Record<string, GovernanceInstance>>;
  readonly seats: Readonly<Record<string, Seat>>;
  readonly supportDecisions: Readonly<Record<string, SupportDecision>>;
  readonly commitments: Readonly<Record<string, Commitment>>;
  readonly conveningRequests: Readonly<Record<string, ConveningRequest>>;
  readonly meetings: Readonly<Record<string, Meeting>>;
  readonly decisions: Readonly<Record<string, Decision>>;
  readonly actions: Readonly<Record<string, Action>>;
  readonly milestones: Readonly<Record<string, Milestone>>;
  readonly indicatorSetIds: readonly string[];
  /** Codes of every agreed indicator: evaluations may only measure those. */
  readonly indicatorCodes: readonly string[];
  readonly evaluationIds: readonly string[];
  readonly allocationIds: readonly string[];
  /** Every event of the stream, corrections applied: what a correction names, and what the state is re-folded from. */
  readonly log: EventLog | undefined;
  readonly corrections: readonly Correction[];
}

export const initialCooperationState = (): CooperationState => ({
  exists: false,
  cooperationId: '',
  name: '',
  purpose: '',
  levers: [],
  territoryIds: [],
  initiatorOrganisationIds: [],
  phase: 'identification',
  startWarnings: [],
  participants: {},
  roles: {},
  representatives: [],
  residentParticipations: [],
  diagnostics: {},
  charters: {},
  instances: {},
  seats: {},
  supportDecisions: {},
  commitments: {},
  conveningRequests: {},
  meetings: {},
  decisions: {},
  actions: {},
  milestones: {},
  indicatorSetIds: [],
  indicatorCodes: [],
  evaluationIds: [],
  allocationIds: [],
  log: undefined,
  corrections: [],
});

export const isClosed = (state: CooperationState): boolean => state.phase === 'closed';

export const activeParticipant = (state: CooperationState, organisationId: string): Participant | undefined => {
  const participant = state.participants[organisationId];
  return participant?.active ? participant : undefined;
};

export const activeParticipants = (state: CooperationState): Participant[] =>
  Object.values(state.participants).filter((p) => p.active);

export const activeMembers = (state: CooperationState): Participant[] =>
  activeParticipants(state).filter((p) => p.membershipType === 'member');

export const activeAssignments = (state: CooperationState): RoleAssignment[] =>
  Object.values(state.roles).filter((assignment) => assignment.active);

export const sameScope = (a: { scope?: string }, b: { scope?: string }): boolean =>
  (a.scope ?? '') === (b.scope ?? '');

/** The active assignment of `role` held by `organisationId` covering `date`, if any. */
export const assignmentHeldOn = (
  state: CooperationState,
  organisationId: string,
  role: Role,
  scope: string | undefined,
  date: PartialDate,
): RoleAssignment | undefined =>
  activeAssignments(state).find(
    (a) => a.organisationId === organisationId && a.role === role && sameScope(a, { scope }) && periodCovers(a, date),
  );

export const holdsRole = (state: CooperationState, organisationId: string, role: Role): boolean =>
  activeAssignments(state).some((a) => a.organisationId === organisationId && a.role === role);

/**
 * Assignments of `role` whose period overlaps `period`, ended ones included: history counts, so a role
 * cannot be granted afresh for days when somebody already held it.
 */
export const overlappingAssignments = (state: CooperationState, role: Role, period: Period): RoleAssignment[] =>
  Object.values(state.roles).filter((a) => a.role === role && periodsOverlap(a, period));

export const activeInstances = (state: CooperationState): GovernanceInstance[] =>
  Object.values(state.instances).filter((instance) => instance.status === 'active');

export const activeSeats = (state: CooperationState, instanceId?: string): Seat[] =>
  Object.values(state.seats).filter((seat) => seat.active && (instanceId === undefined || seat.instanceId === instanceId));

export const latestVersion = (charter: Charter): CharterVersion | undefined => charter.versions.at(-1);

export const charterVersion = (charter: Charter, version: number): CharterVersion | undefined =>
  charter.versions[version - 1];

/** A charter is still a draft until one of its versions has been adopted or has entered into force. */
export const isCharterInDraft = (charter: Charter): boolean => charter.versions.every((v) => v.status === 'draft');

export const pendingAmendment = (charter: Charter): Amendment | undefined =>
  charter.amendments.find((amendment) => amendment.status === 'pending');

export const hasCharterInForce = (state: CooperationState): boolean =>
  Object.values(state.charters).some((charter) => charter.versionInForce !== undefined);

export const isFinancial = (commitment: { kind: CommitmentKind }): boolean => FINANCIAL_KINDS.includes(commitment.kind);

/**
 * What a commitment can still fund: its amount less what was paid out and what co-funding allocations still earmark.
 * A payment that names no allocation counts as spent beside the earmarks; one that names its allocation settles that
 * earmark, so it is counted once. Undefined when the amount was not disclosed: nothing bounds it.
 */
export const remainingCents = (commitment: { amount?: Money | undefined; disbursedCents: number; allocatedCents: number }): number | undefined =>
  isStated(commitment.amount) ? commitment.amount.cents - commitment.disbursedCents - commitment.allocatedCents : undefined;

export const openFinancialCommitments = (state: CooperationState): Commitment[] =>
  Object.values(state.commitments).filter((c) => c.status === 'active' && isFinancial(c));

/**
 * Seats of `instanceId` held at some time within `date` (a day, a month or a year), vacated later or not:
 * the composition at that date. Overlap rather than first-day coverage, so a seat taken in 2025-10 sits in a
 * meeting dated only "2025".
 */
export const seatsOn = (state: CooperationState, instanceId: string, date: PartialDate): Seat[] =>
  Object.values(state.seats).filter((seat) => seat.instanceId === instanceId && periodsOverlap(seat, { from: date, to: date }));

export const pendingConveningRequests = (state: CooperationState, instanceId: string): ConveningRequest[] =>
  Object.values(state.conveningRequests).filter((r) => r.instanceId === instanceId && r.status === 'pending');

/** Each milestone's label normalised once (states share their milestones): a label is compared with every open one. */
const normalisedLabels = new WeakMap<Milestone, string>();
const normalisedLabelOf = (milestone: Milestone): string => {
  let label = normalisedLabels.get(milestone);
  if (label === undefined) normalisedLabels.set(milestone, (label = normaliseName(milestone.label)));
  return label;
};

/** The milestones under `label`, compared as names are. */
export const milestonesLabelled = (state: CooperationState, label: string): Milestone[] => {
  const normalised = normaliseName(label);
  return Object.values(state.milestones).filter((m) => normalisedLabelOf(m) === normalised);
};

/** The open (planned, not yet reached) milestone under `label`: E45 keeps at most one. */
export const openMilestoneLabelled = (state: CooperationState, label: string): Milestone | undefined =>
  milestonesLabelled(state, label).find((m) => m.status === 'planned');

/** Meetings still ahead: scheduled, neither held nor cancelled. */
export const upcomingMeetings = (state: CooperationState, instanceId?: string): Meeting[] =>
  Object.values(state.meetings).filter((m) => m.status === 'scheduled' && (instanceId === undefined || m.instanceId === instanceId));

/**
 * The « future meetings » that hold a closing (E11) or a dissolution (E30) on `date`: scheduled from that date on, or
 * possibly so at their precision. One left scheduled before it, neither recorded nor cancelled, does not.
 */
export const meetingsScheduledFrom = (state: CooperationState, date: PartialDate, instanceId?: string): Meeting[] =>
  upcomingMeetings(state, instanceId).filter((meeting) => !isDefinitelyBefore(meeting.scheduledFor, date));

/** The stream's events in order, oldest first, as they now read. */
export const loggedEvents = (state: CooperationState): CooperationEvent[] => {
  const events: CooperationEvent[] = [];
  for (let cell = state.log; cell; cell = cell.before) events.push(cell.event);
  return events.reverse();
};

/** The event of this stream with that id, as it now reads (its corrections applied). */
export const loggedEvent = (state: CooperationState, eventId: string): CooperationEvent | undefined => {
  for (let cell = state.log; cell; cell = cell.before) if (cell.event.eventId === eventId) return cell.event;
  return undefined;
};
