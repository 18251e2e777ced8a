import { describe, expect, it } from '@jest/globals';
import type { Command } from '../shared/decider.js';
import { cooperationDecider } from '../cooperation/cooperation.decider.js';
import type { CooperationState } from '../cooperation/cooperation.state.js';
import type { CooperationCommand } from '../cooperation/commands/index.js';
import type { RegistryCommand } from '../registry/registry.decider.js';
import { CooperationErrorCode } from '../cooperation/cooperation.errors.js';
import { assigned, command, COOP, errorOf, event, seat, stateOf, testDirectory, when } from '../testing/fixtures.js';
import { fundersCommittee, grant } from '../testing/commitments.fixtures.js';
import { seatedCommittee } from '../testing/governance.fixtures.js';
import { AccessErrorCode } from './access.errors.js';
import { authorizeCooperationCommand, authorizeRegistryCommand, authorizeWriteAttempt, mayReadCooperation, mayReadWholeLog } from './access-policy.js';
import type { Principal } from './principal.js';

const { AuditorsDoNotWrite, AdminOnly, StewardOnly, StewardOrChairOnly, ActingForAnotherOrganisation, SeatHolderOnly, OrganisationRequired } = AccessErrorCode;
const { CooperationNotFound } = CooperationErrorCode;
const ALLOWED = 'allowed';
type Expected = typeof ALLOWED | AccessErrorCode | typeof CooperationNotFound;

const LEAD = 'org:cite-des-transitions';
const MEMBER = 'org:banlieues-sante';
const FUNDER = 'org:fondation-macif';
const OTHER_COOP = 'coop:other';

const PRINCIPALS = {
  admin: { userId: 'user:admin', role: 'admin' },
  auditor: { userId: 'user:auditor', role: 'auditor' },
  /** Its organisation holds the Lead: a steward. */
  steward: { userId: 'user:lead', role: 'member', organisationId: LEAD, cooperationIds: [COOP] },
  member: { userId: 'user:member', role: 'member', organisationId: MEMBER, cooperationIds: [COOP] },
  /** Seated on the funders' committee (a plain member seat), no steering role. */
  funder: { userId: 'user:funder', role: 'member', organisationId: FUNDER, cooperationIds: [COOP] },
  /** Same organisation, but its token lists only another cooperation. */
  outsider: { userId: 'user:outsider', role: 'member', organisationId: MEMBER, cooperationIds: [OTHER_COOP] },
  'member without organisation': { userId: 'user:orgless', role: 'member', cooperationIds: [COOP] },
  'cooperation-wide Coordinator': { userId: 'user:coord', role: 'member', organisationId: 'org:france-active-paca', cooperationIds: [COOP] },
  'Coordinator of one scope': { userId: 'user:habitat', role: 'member', organisationId: 'org:inter-made', cooperationIds: [COOP] },
} as const satisfies Record<string, Principal>;
type Who = keyof typeof PRINCIPALS;

/**
 * CITÉES with its five members seated on the steering committee (`seat:1` Fondation Macif … `seat:2` Banlieues Santé,
 * `seat:3` Cité des Transitions), the Cité des Transitions as Lead, a funders' committee where only the Fondation
 * sits, and commitments: the Fondation's grant, one of Banlieues Santé, a joint grant co-funded by Banlieues Santé.
 */
const launched = (actionId: string, leadOrganisationId: string) =>
  event('ActionLaunched', { actionId, title: actionId, description: 'd', leadOrganisationId, contributingOrganisationIds: [], territoryIds: [], launchedOn: '2026' });
const launch = (leadOrganisationId: string) =>
  when('LaunchAction', { actionId: 'action:new', title: 'Ateliers', description: 'd', leadOrganisationId, contributingOrganisationIds: [], territoryIds: [], launchedOn: '2026' });
const complete = (actionId: string) => when('CompleteAction', { actionId, completedOn: '2026', results: [], narrative: 'fait' });
const scheduleOn = (instanceId: string) =>
  when('ScheduleMeeting', { meetingId: 'meeting:new', instanceId, scheduledFor: '2027-02', location: 'Marseille', agenda: [], parts: [], answersRequestIds: [] });
const held = (meetingId: string) => when('RecordMeetingHeld', { meetingId, heldOn: '2026', attendees: [], apologies: [] });
const cancel = (meetingId: string) => when('CancelMeeting', { meetingId, reason: 'grève' });
const decideIn = (instanceId: string) =>
  when('RecordDecision', { decisionId: 'decision:new', instanceId, writtenProcedure: true, subjectType: 'orientation', outcome: 'approved', text: 'cap', consensus: true, decidedOn: '2026' });
const allocate = when('AllocateCoFunding', { allocationId: 'allocation:1', actionId: 'action:depistage', decisionId: 'decision:financeurs', allocations: [] });
const leadAssigned = assigned('assignment:lead', LEAD, 'Lead');
const citees = [
  ...seatedCommittee(),
  leadAssigned,
  assigned('assignment:mobiliser', MEMBER, 'Mobiliser'),
  assigned('assignment:coordination', 'org:france-active-paca', 'Coordinator', { scope: 'cooperation' }),
  assigned('assignment:habitat', 'org:inter-made', 'Coordinator', { scope: 'habitat' }),
  fundersCommittee(),
  seat('seat:funder', FUNDER, { instanceId: 'instance:financeurs' }),
  grant(),
  grant({ commitmentId: 'commitment:banlieues', organisationId: MEMBER, beneficiaryOrganisationId: LEAD }),
  grant({ commitmentId: 'commitment:joint', coFunderOrganisationIds: [MEMBER] }),
  launched('action:depistage', MEMBER),
  launched('action:lead', LEAD),
  // An operational cell co-chaired by Banlieues Santé; a meeting of each body; a decision of the funders' committee.
  event('GovernanceInstanceCreated', { ...(fundersCommittee().data as object), instanceId: 'instance:cellule', kind: 'operationalCommittee', label: 'Cellule opérationnelle' } as never),
  seat('seat:cellule-copresidence', MEMBER, { instanceId: 'instance:cellule', seatType: 'coChair' }),
  event('MeetingScheduled', { meetingId: 'meeting:copil', instanceId: 'instance:copil', scheduledFor: '2027-01', location: 'Marseille', agenda: [], parts: [], answersRequestIds: [] }),
  event('MeetingScheduled', { meetingId: 'meeting:cellule', instanceId: 'instance:cellule', scheduledFor: '2027-01', location: 'Marseille', agenda: [], parts: [], answersRequestIds: [] }),
  event('DecisionRecorded', { decisionId: 'decision:financeurs', instanceId: 'instance:financeurs', writtenProcedure: true, subjectType: 'fundingAllocation', outcome: 'approved', text: 'cofinancement', consensus: true, decidedOn: '2026' }),
];
const STATES = {
  CITÉES: stateOf(citees),
  'CITÉES, Lead relinquished': stateOf([...citees, event('RoleRelinquished', { assignmentId: 'assignment:lead', organisationId: LEAD, effectiveOn: '2026', reason: 'fin de mandat' })]),
  // Today is 2026-11-23 (the fixtures' NOW).
  'CITÉES, Lead for 2025 only': stateOf([...citees.filter((e) => e !== leadAssigned), assigned('assignment:lead', LEAD, 'Lead', { from: '2025', to: '2025' })]),
  'CITÉES, Lead from 2027': stateOf([...citees.filter((e) => e !== leadAssigned), assigned('assignment:lead', LEAD, 'Lead', { from: '2027-01-01' })]),
  'CITÉES, Lead handed over to Banlieues Santé from 2027': stateOf([
    ...citees,
    event('RoleHandedOver', { role: 'Lead', fromOrganisationId: LEAD, toOrganisationId: MEMBER, endedAssignmentId: 'assignment:lead', newAssignmentId: 'assignment:lead-2', effectiveOn: '2027-01-01' }),
  ]),
} satisfies Record<string, CooperationState>;
type Given = keyof typeof STATES;

/** A steward-only or admin-only command: the policy reads its type alone, so its data may stay empty. */
const bare = <T extends CooperationCommand['type'] | RegistryCommand['type']>(type: T) =>
  command<Command<T, object>>(type, {}) as unknown as Extract<CooperationCommand | RegistryCommand, { type: T }>;

const sign = (organisationId: string) =>
  when('SignCharter', { charterId: 'charter:citees', version: 1, organisationId, signatoryPersonId: 'person:x', signatoryCapacity: 'présidente', signedOn: '2025-11', witnesses: [], contentHash: 'sha256:v1' });
const pledge = (organisationId: string) =>
  when('PledgeCommitment', { ...grant({ commitmentId: 'commitment:new', organisationId }).data });
const departure = (organisationId: string) => when('RecordMemberDeparture', { organisationId, leftOn: '2026', reason: 'recentrage' });
const relinquish = (assignmentId: string) => when('RelinquishRole', { assignmentId, effectiveOn: '2026', reason: 'fin de mandat' });
const vacate = (seatId: string) => when('VacateInstanceSeat', { seatId, effectiveOn: '2026', reason: 'départ' });
const withdraw = (commitmentId: string) => when('WithdrawCommitment', { commitmentId, reason: 'stratégie de sortie', withdrawnOn: '2026' });
const revise = (commitmentId: string) => when('ReviseCommitment', { commitmentId, changes: { description: 'revu' }, reason: 'avenant', revisedOn: '2026' });
const disburse = (commitmentId: string) =>
  when('RecordDisbursement', { disbursementId: 'disbursement:1', commitmentId, amount: { cents: 100, currency: 'EUR' }, toOrganisationId: 'org:inter-made', disbursedOn: '2026' });
const fulfil = (commitmentId: string) => when('MarkCommitmentFulfilled', { commitmentId, fulfilledOn: '2026', partial: true });
const convene = (instanceId: string, requestedBySeatId: string) =>
  when('RequestMeetingConvening', { requestId: 'request:1', instanceId, requestedBySeatId, topic: 'budget', requestedOn: '2026' });

/** Every command type once, with what the Lead's member (steward) and Banlieues Santé's (plain member) get on CITÉES. */
const BY_COMMAND: { [T in CooperationCommand['type']]: [Extract<CooperationCommand, { type: T }>, steward: Expected, member: Expected] } = {
  ProposeCooperation: [bare('ProposeCooperation'), AdminOnly, AdminOnly],
  AdmitMember: [bare('AdmitMember'), ALLOWED, StewardOnly],
  AssignRole: [bare('AssignRole'), ALLOWED, StewardOnly],
  HandOverRole: [bare('HandOverRole'), ALLOWED, StewardOnly],
  EstablishResidentParticipation: [bare('EstablishResidentParticipation'), ALLOWED, StewardOnly],
  StartTerritorialDiagnostic: [bare('StartTerritorialDiagnostic'), ALLOWED, StewardOnly],
  CompleteTerritorialDiagnostic: [bare('CompleteTerritorialDiagnostic'), ALLOWED, StewardOnly],
  ChangeCooperationPhase: [bare('ChangeCooperationPhase'), ALLOWED, StewardOnly],
  StartCooperation: [bare('StartCooperation'), ALLOWED, StewardOnly],
  CloseCooperation: [bare('CloseCooperation'), ALLOWED, StewardOnly],
  StartCharterDraft: [bare('StartCharterDraft'), ALLOWED, StewardOnly],
  AdoptCharter: [bare('AdoptCharter'), ALLOWED, StewardOnly],
  AdoptCharterAmendment: [bare('AdoptCharterAmendment'), ALLOWED, StewardOnly],
  CreateGovernanceInstance: [bare('CreateGovernanceInstance'), ALLOWED, StewardOnly],
  DissolveGovernanceInstance: [bare('DissolveGovernanceInstance'), ALLOWED, StewardOnly],
  AssignInstanceSeat: [bare('AssignInstanceSeat'), ALLOWED, StewardOnly],
  ScheduleMeeting: [scheduleOn('instance:copil'), ALLOWED, StewardOrChairOnly],
  RecordMeetingHeld: [held('meeting:copil'), ALLOWED, StewardOrChairOnly],
  RecordDecision: [decideIn('instance:copil'), ALLOWED, StewardOrChairOnly],
  CancelMeeting: [cancel('meeting:copil'), ALLOWED, StewardOrChairOnly],
  LaunchAction: [launch(MEMBER), ALLOWED, ALLOWED],
  CompleteAction: [complete('action:depistage'), ALLOWED, ALLOWED],
  PlanMilestone: [bare('PlanMilestone'), ALLOWED, StewardOnly],
  RecordMilestoneReached: [when('RecordMilestoneReached', { milestoneId: 'milestone:atelier', label: 'Premier atelier', kind: 'other', reachedOn: '2026' }), ALLOWED, ALLOWED],
  AgreeIndicators: [bare('AgreeIndicators'), ALLOWED, StewardOnly],
  RecordEvaluation: [bare('RecordEvaluation'), ALLOWED, StewardOnly],
  AllocateCoFunding: [allocate, ALLOWED, SeatHolderOnly],
  CorrectRecord: [bare('CorrectRecord'), ALLOWED, StewardOnly],
  // in Banlieues Santé's name, or on what it holds
  SignCharter: [sign(MEMBER), ActingForAnotherOrganisation, ALLOWED],
  WithdrawSignature: [
    when('WithdrawSignature', { charterId: 'charter:citees', version: 1, organisationId: MEMBER, reason: 'mandat retiré par le conseil', withdrawnOn: '2026' }),
    ActingForAnotherOrganisation,
    ALLOWED,
  ],
  ReviseCharterDraft: [
    when('ReviseCharterDraft', { charterId: 'charter:citees', version: 2, contributedByOrganisationId: MEMBER, sectionsChanged: ['objet'], summary: 'v2', contentHash: 'sha256:v2' }),
    ALLOWED,
    ALLOWED,
  ],
  ProposeCharterAmendment: [
    when('ProposeCharterAmendment', { amendmentId: 'amendment:1', charterId: 'charter:citees', baseVersion: 1, proposedByOrganisationId: MEMBER, summary: 's', rationale: 'r', contentHash: 'sha256:v2' }),
    ALLOWED,
    ALLOWED,
  ],
  DesignateRepresentative: [
    when('DesignateRepresentative', { organisationId: MEMBER, personId: 'person:banlieues-sante', title: 'Présidente', capacities: ['sign'], scope: 'cooperation', from: '2025' }),
    ALLOWED,
    ALLOWED,
  ],
  RecordMemberDeparture: [departure(MEMBER), ALLOWED, ALLOWED],
  RelinquishRole: [relinquish('assignment:mobiliser'), ALLOWED, ALLOWED],
  VacateInstanceSeat: [vacate('seat:2'), ALLOWED, ALLOWED],
  PledgeCommitment: [pledge(MEMBER), ActingForAnotherOrganisation, ALLOWED],
  RecordSupportDecision: [
    when('RecordSupportDecision', { supportDecisionId: 'support:1', deciderOrganisationId: MEMBER, decidingBody: 'board', bodyLabel: 'CA', outcome: 'approved', conditions: [], decidedOn: '2025' }),
    ActingForAnotherOrganisation,
    ALLOWED,
  ],
  WithdrawCommitment: [withdraw('commitment:banlieues'), ActingForAnotherOrganisation, ALLOWED],
  ReviseCommitment: [revise('commitment:banlieues'), ActingForAnotherOrganisation, ALLOWED],
  RecordDisbursement: [disburse('commitment:banlieues'), ActingForAnotherOrganisation, ALLOWED],
  MarkCommitmentFulfilled: [fulfil('commitment:banlieues'), ALLOWED, ALLOWED],
  RequestMeetingConvening: [convene('instance:copil', 'seat:2'), ALLOWED, ALLOWED],
};

const REGISTRY_COMMANDS: { [T in RegistryCommand['type']]: Extract<RegistryCommand, { type: T }> } = {
  RegisterOrganisation: bare('RegisterOrganisation'),
  DefineTerritory: bare('DefineTerritory'),
  LaunchProgramme: bare('LaunchProgramme'),
};

interface Row {
  readonly who: Who;
  readonly command: CooperationCommand | RegistryCommand;
  readonly given: Given;
  readonly expected: Expected;
}
const row = (who: Who, command: Row['command'], expected: Expected, given: Given = 'CITÉES'): Row => ({ who, command, given, expected });

const TABLE: Row[] = [
  // every command, for the four kinds of caller
  ...Object.values(BY_COMMAND).flatMap(([command, steward, member]) => [
    row('steward', command, steward),
    row('member', command, member),
    row('auditor', command, AuditorsDoNotWrite),
    row('admin', command, ALLOWED),
  ]),
  ...Object.values(REGISTRY_COMMANDS).flatMap((command) => [
    row('steward', command, AdminOnly),
    row('member', command, AdminOnly),
    row('auditor', command, AuditorsDoNotWrite),
    row('admin', command, ALLOWED),
  ]),
  // a member of another cooperation is told this one does not exist, whatever it asks
  row('outsider', bare('AdmitMember'), CooperationNotFound),
  row('outsider', sign(MEMBER), CooperationNotFound),
  row('outsider', convene('instance:copil', 'seat:2'), CooperationNotFound),
  row('outsider', bare('ProposeCooperation'), AdminOnly),
  // auditors and admins are not bound to the cooperations of a token
  row('auditor', sign(MEMBER), AuditorsDoNotWrite),
  row('admin', sign(MEMBER), ALLOWED),
  // a member acts in its own organisation's name only
  row('member', sign(LEAD), ActingForAnotherOrganisation),
  // a body's co-chair runs its meetings and decisions, not another body's; a funders' committee member shares out co-funding
  row('member', scheduleOn('instance:cellule'), ALLOWED),
  row('member', held('meeting:cellule'), ALLOWED),
  row('member', cancel('meeting:cellule'), ALLOWED),
  row('member', decideIn('instance:cellule'), ALLOWED),
  row('funder', allocate, ALLOWED),
  row('funder', scheduleOn('instance:financeurs'), StewardOrChairOnly),
  row('member', launch(LEAD), ActingForAnotherOrganisation),
  row('member', complete('action:lead'), ActingForAnotherOrganisation),
  row('steward', complete('action:depistage'), ALLOWED),
  row('member', pledge(FUNDER), ActingForAnotherOrganisation),
  row('member', departure(LEAD), ActingForAnotherOrganisation),
  row('member', relinquish('assignment:lead'), ActingForAnotherOrganisation),
  row('member', vacate('seat:1'), ActingForAnotherOrganisation),
  row('member', withdraw('commitment:engineering'), ActingForAnotherOrganisation),
  row('member', revise('commitment:engineering'), ActingForAnotherOrganisation),
  row('member', disburse('commitment:engineering'), ActingForAnotherOrganisation),
  row('member', fulfil('commitment:engineering'), ActingForAnotherOrganisation),
  row('member', withdraw('commitment:unknown'), ALLOWED), // nothing on record to act for: the decider answers CommitmentNotFound
  // a joint co-funder pays its share but does not withdraw the joint commitment
  row('member', disburse('commitment:joint'), ALLOWED),
  row('member', withdraw('commitment:joint'), ActingForAnotherOrganisation),
  // what a steward does for others, and what it does not
  row('steward', sign(LEAD), ALLOWED),
  row('steward', departure(MEMBER), ALLOWED),
  row('steward', fulfil('commitment:engineering'), ALLOWED),
  row('steward', withdraw('commitment:engineering'), ActingForAnotherOrganisation),
  row('steward', disburse('commitment:engineering'), ActingForAnotherOrganisation),
  // at programme scope the organisation may take no part here: a steward does not speak for it
  row('steward', when('DesignateRepresentative', { organisationId: 'org:atis', personId: 'person:directrice-atis', title: 'Directrice', capacities: ['speak'], scope: 'programme', from: '2025' }), ActingForAnotherOrganisation),
  row('admin', when('DesignateRepresentative', { organisationId: 'org:atis', personId: 'person:directrice-atis', title: 'Directrice', capacities: ['speak'], scope: 'programme', from: '2025' }), ALLOWED),
  // a member without an organisation may not write
  row('member without organisation', bare('AdmitMember'), OrganisationRequired),
  row('member without organisation', sign(MEMBER), OrganisationRequired),
  row('member without organisation', convene('instance:copil', 'seat:2'), OrganisationRequired),
  // convening: a seat holder of that instance, through its own seat
  row('member', convene('instance:financeurs', 'seat:funder'), SeatHolderOnly),
  row('member', convene('instance:copil', 'seat:1'), ActingForAnotherOrganisation),
  row('steward', convene('instance:financeurs', 'seat:funder'), ALLOWED),
  row('Coordinator of one scope', convene('instance:copil', 'seat:4'), ALLOWED),
  // stewards: a cooperation-wide Lead or Coordinator, still active
  row('cooperation-wide Coordinator', bare('AdmitMember'), ALLOWED),
  row('Coordinator of one scope', bare('AdmitMember'), StewardOnly),
  row('steward', bare('AdmitMember'), StewardOnly, 'CITÉES, Lead relinquished'),
  row('steward', departure(MEMBER), ActingForAnotherOrganisation, 'CITÉES, Lead relinquished'),
  // ...and within its period: not once it has ended by its own `to`, not before it starts, and a hand-over recorded
  // ahead of its date leaves the outgoing Lead steering until then, not the incoming one
  row('steward', bare('AdmitMember'), StewardOnly, 'CITÉES, Lead for 2025 only'),
  row('steward', bare('AdmitMember'), StewardOnly, 'CITÉES, Lead from 2027'),
  row('steward', bare('AdmitMember'), ALLOWED, 'CITÉES, Lead handed over to Banlieues Santé from 2027'),
  row('member', bare('AdmitMember'), StewardOnly, 'CITÉES, Lead handed over to Banlieues Santé from 2027'),
];

const isRegistryCommand = (command: Row['command']): command is RegistryCommand => command.type in REGISTRY_COMMANDS;

const outcome = ({ who, command, given }: Row): Expected => {
  const principal: Principal = PRINCIPALS[who];
  const error = errorOf(() =>
    isRegistryCommand(command) ? authorizeRegistryCommand(principal, command) : authorizeCooperationCommand(principal, command, STATES[given], COOP),
  );
  return (error?.code as Expected | undefined) ?? ALLOWED;
};

describe('access policy', () => {
  it.each(TABLE)('$who runs $command.type on $given: $expected', (r) => expect(outcome(r)).toBe(r.expected));

  it('refuses an outsider exactly as the decider refuses an unknown cooperation', () => {
    const outsider = errorOf(() => authorizeCooperationCommand(PRINCIPALS.outsider, bare('AdmitMember'), STATES.CITÉES, COOP));
    const unknown = errorOf(() => cooperationDecider.decide(bare('AdmitMember'), cooperationDecider.initialState(), testDirectory()));
    expect({ code: outsider?.code, params: outsider?.params }).toEqual({ code: unknown?.code, params: unknown?.params });
  });

  it.each<[Who, string, boolean, boolean]>([
    // who, cooperation, mayReadCooperation, mayReadWholeLog
    ['admin', COOP, true, true],
    ['admin', OTHER_COOP, true, true],
    ['auditor', COOP, true, true],
    ['auditor', OTHER_COOP, true, true],
    ['steward', COOP, true, false],
    ['steward', OTHER_COOP, false, false],
    ['member', COOP, true, false],
    ['outsider', COOP, false, false],
    ['outsider', OTHER_COOP, true, false],
    ['member without organisation', COOP, true, false],
  ])('%s reading %s: cooperation %s, whole log %s', (who, cooperationId, cooperation, wholeLog) => {
    expect(mayReadCooperation(PRINCIPALS[who], cooperationId)).toBe(cooperation);
    expect(mayReadWholeLog(PRINCIPALS[who])).toBe(wholeLog);
  });

  it.each<[Who, string | undefined]>([
    // who, what any write attempt gets before its body is read
    ['admin', undefined],
    ['auditor', 'AuditorsDoNotWrite'],
    ['steward', undefined],
    ['member', undefined],
    ['member without organisation', undefined],
  ])('%s attempting a write: %s', (who, code) => {
    expect(errorOf(() => authorizeWriteAttempt(PRINCIPALS[who]))?.code).toBe(code);
  });
});
