import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { correctionRefsOf } from '#domain';
import type { RecordedEvent } from '#event-store';
import { actionsBoard } from './actions-board.projection.js';
import { getAlerts } from './alerts.js';
import { commitmentLedger } from './commitment-ledger.projection.js';
import { cooperationList } from './cooperation-list.projection.js';
import { dashboardFigures } from './dashboard.projection.js';
import { governanceLog } from './governance-log.projection.js';

const COOP = 'coop:citees-marseille';
const READ_MODELS = [cooperationList, governanceLog, actionsBoard, dashboardFigures, commitmentLedger];

/** The §8.9 policies that watch the calendar: given recorded events, when today is a given day, then these alerts. */
describe('alerts', () => {
  let db: Database.Database;
  let position = 0;
  const given = (...events: [type: string, data: object][]) => {
    for (const [type, data] of events) {
      position += 1;
      const recorded: RecordedEvent = {
        eventId: `e${position}`, streamId: `cooperation-${COOP}`, revision: position, position: String(position), type, schemaVersion: 1, data,
        metadata: { actor: { userId: 't' }, recordedAt: '2026-11-23T10:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c' },
      };
      for (const projection of READ_MODELS) if (projection.handles.includes(type)) projection.apply(db, recorded);
    }
  };
  const alertsOn = (today: string, lang: 'fr' | 'en' = 'fr') =>
    getAlerts(db, { today, lang, nameOf: (id) => ({ 'org:cite-des-transitions': 'La Cité des Transitions' })[id] ?? id });
  const kinds = (today: string) => alertsOn(today).map((a) => a.kind);

  beforeEach(() => {
    db = new Database(':memory:');
    for (const projection of READ_MODELS) projection.init(db);
  });

  describe('lead rotation due (« piloté la première année »)', () => {
    beforeEach(() =>
      given(['RoleAssigned', { assignmentId: 'assignment:lead-1', organisationId: 'org:cite-des-transitions', role: 'Lead', from: '2026-01-01', to: '2026-12-31' }]),
    );

    it('stays silent until a month before the term ends', () => {
      expect(kinds('2026-11-30')).toEqual([]);
    });

    it('asks to prepare the rotation from a month before the end, then says it is overdue', () => {
      const [due] = alertsOn('2026-12-01');
      expect(due).toMatchObject({ kind: 'leadRotationDue', cooperationId: COOP, subjectId: 'assignment:lead-1', since: '2026-12-01', details: { ended: false, to: '2026-12-31' } });
      expect(due!.label).toBe('Rotation du pilotage à préparer : le mandat de La Cité des Transitions prend fin (31 décembre 2026), aucun·e successeur·e n’est désigné·e');
      const [overdue] = alertsOn('2027-01-02', 'en');
      expect(overdue).toMatchObject({ kind: 'leadRotationDue', details: { ended: true } });
      expect(overdue!.label).toBe("Lead rotation overdue: La Cité des Transitions's term ended (31 December 2026) and no successor is named");
    });

    it('follows a correction of the term’s end (E50)', () => {
      const refs = correctionRefsOf({ assignmentId: 'assignment:lead-1', organisationId: 'org:cite-des-transitions' });
      given(['RecordCorrected', { correctedEventId: 'e1', correctedEventType: 'RoleAssigned', correctedEventRefs: refs, fieldPath: 'to', previousValue: '2026-12-31', correctedValue: '2027-06-30', reason: 'convention' }]);
      expect(kinds('2026-12-01')).toEqual([]);
      expect(alertsOn('2027-06-01')[0]).toMatchObject({ kind: 'leadRotationDue', details: { ended: false, to: '2027-06-30' } });
    });

    it('ends once the lead is handed over', () => {
      given(['RoleHandedOver', { role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', endedAssignmentId: 'assignment:lead-1', newAssignmentId: 'assignment:lead-2', effectiveOn: '2027-01-01' }]);
      expect(kinds('2027-02-01')).toEqual([]);
    });

    it('ends once a later Lead is assigned', () => {
      given(['RoleAssigned', { assignmentId: 'assignment:lead-2', organisationId: 'org:inter-made', role: 'Lead', from: '2027-01-01' }]);
      expect(kinds('2027-02-01')).toEqual([]);
    });

    it('ends when the lead relinquishes the role', () => {
      given(['RoleRelinquished', { assignmentId: 'assignment:lead-1', organisationId: 'org:cite-des-transitions', effectiveOn: '2026-06', reason: 'départ' }]);
      expect(kinds('2027-02-01')).toEqual([]);
    });

    it('stays overdue when the former Lead leaves after its term ended: the departure ends only the roles still held', () => {
      given(['MemberLeft', { organisationId: 'org:cite-des-transitions', leftOn: '2027-03', reason: 'fin du projet' }]);
      expect(alertsOn('2027-04-01')).toEqual([expect.objectContaining({ kind: 'leadRotationDue', subjectId: 'assignment:lead-1', details: expect.objectContaining({ ended: true }) })]);
      given(['RoleAssigned', { assignmentId: 'assignment:lead-2', organisationId: 'org:inter-made', role: 'Lead', from: '2027-04' }]);
      expect(kinds('2027-05-01')).toEqual([]);
    });

    it('ignores roles other than Lead', () => {
      given(
        ['RoleAssigned', { assignmentId: 'assignment:coordination', organisationId: 'org:inter-made', role: 'Coordinator', from: '2026-01-01', to: '2026-06' }],
      );
      expect(kinds('2026-12-15')).toEqual(['leadRotationDue']);
    });
  });

  describe('governance cadence and milestones', () => {
    beforeEach(() =>
      given(
        ['GovernanceInstanceCreated', { instanceId: 'instance:gp', kind: 'steeringCommittee', label: 'Groupe de pilotage', frequency: { kind: 'annual', atLeast: true }, conveningThreshold: 1 / 3, createdOn: '2014-04' }],
        ...[1, 2, 3, 4, 5].map((n): [string, object] => ['InstanceSeatAssigned', { seatId: `seat:${n}`, instanceId: 'instance:gp', holderOrganisationId: `org:${n}`, seatType: 'member', from: '2014-04' }]),
        ['MeetingScheduled', { meetingId: 'meeting:1', instanceId: 'instance:gp', scheduledFor: '2015-10', location: 'Saint-Denis', agenda: [], answersRequestIds: [] }],
        ['MeetingHeld', { meetingId: 'meeting:1', heldOn: '2015-10', attendees: [], apologies: [] }],
      ),
    );

    it('a meeting is overdue twelve months after the end of the last one’s month', () => {
      expect(kinds('2016-10-31')).toEqual([]);
      expect(alertsOn('2016-11-01')).toEqual([expect.objectContaining({ kind: 'meetingOverdue', since: '2016-11-01', subjectId: 'instance:gp' })]);
    });

    it('a third of the seats (⌈5/3⌉ = 2) must be convened', () => {
      given(['MeetingConveningRequested', { requestId: 'request:1', instanceId: 'instance:gp', requestedBySeatId: 'seat:1', topic: 'budget', requestedOn: '2016-01' }]);
      expect(kinds('2016-02-01')).toEqual([]);
      given(['MeetingConveningRequested', { requestId: 'request:2', instanceId: 'instance:gp', requestedBySeatId: 'seat:2', topic: 'budget', requestedOn: '2016-01' }]);
      expect(alertsOn('2016-02-01')).toEqual([expect.objectContaining({ kind: 'mustConvene', details: { pendingRequests: 2, required: 2, activeSeats: 5 } })]);
    });

    it('counts only the requests of seats still held, and says one request as one', () => {
      const request = (n: number): [string, object] => ['MeetingConveningRequested', { requestId: `request:${n}`, instanceId: 'instance:gp', requestedBySeatId: `seat:${n}`, topic: 'budget', requestedOn: '2016-01' }];
      given(request(1), request(2), ['InstanceSeatVacated', { seatId: 'seat:2', instanceId: 'instance:gp', effectiveOn: '2016-01', reason: 'Départ de l’organisation' }]);
      // 1 request of 4 seats held, ⌈4/3⌉ = 2 needed: the vacated seat's request no longer counts.
      expect(kinds('2016-02-01')).toEqual([]);
      given(request(3));
      expect(alertsOn('2016-02-01')).toEqual([expect.objectContaining({ kind: 'mustConvene', details: { pendingRequests: 2, required: 2, activeSeats: 4 } })]);
      given(...[1, 3, 4, 5].map((n): [string, object] => ['InstanceSeatVacated', { seatId: `seat:${n}`, instanceId: 'instance:gp', effectiveOn: '2016-01', reason: 'fin' }]));
      given(['InstanceSeatAssigned', { seatId: 'seat:6', instanceId: 'instance:gp', holderOrganisationId: 'org:6', seatType: 'member', from: '2016-01' }], request(6));
      expect(alertsOn('2016-02-01')[0]!.label).toBe('Groupe de pilotage : une réunion doit être convoquée (1 demande sur 1 requise)');
      expect(alertsOn('2016-02-01', 'en')[0]!.label).toBe('Groupe de pilotage: a meeting must be convened (1 request, 1 required)');
    });

    it('says a monthly rhythm as « every month », not "every 1 months"', () => {
      given(['GovernanceInstanceCreated', { instanceId: 'instance:cellule', kind: 'operationalCell', label: 'Cellule opérationnelle', frequency: { kind: 'monthly' }, createdOn: '2016-01' }]);
      given(['MeetingScheduled', { meetingId: 'meeting:2', instanceId: 'instance:cellule', scheduledFor: '2016-02', location: 'Saint-Denis', agenda: [], answersRequestIds: [] }]);
      given(['MeetingHeld', { meetingId: 'meeting:2', heldOn: '2016-02', attendees: [], apologies: [] }]);
      expect(alertsOn('2016-04-01', 'en').map((a) => a.label)).toContain('Cellule opérationnelle: no meeting since February 2016 (expected every month)');
      expect(alertsOn('2016-04-01', 'fr').map((a) => a.label)).toContain('Cellule opérationnelle : pas de réunion depuis février 2016 (rythme prévu : 1 mois)');
    });

    it('a milestone is overdue the day after its (fuzzy) due date, until reached', () => {
      given(['MilestonePlanned', { milestoneId: 'milestone:centrale', label: 'Centrale d’achat', kind: 'structuring', dueBy: '2016-06', warnings: [] }]);
      expect(kinds('2016-06-30')).toEqual([]);
      expect(alertsOn('2016-07-01')).toEqual([expect.objectContaining({ kind: 'milestoneOverdue', since: '2016-07-01', subjectId: 'milestone:centrale' })]);
      given(['MilestoneReached', { milestoneId: 'milestone:centrale', label: 'Centrale d’achat', kind: 'structuring', reachedOn: '2016-08' }]);
      expect(kinds('2016-09-01')).toEqual([]);
    });
  });

  describe('no facilitator assigned (domain.md §10.3)', () => {
    const proposed = ['CooperationProposed', { cooperationId: COOP, name: 'CITÉES', form: 'consortium', territoryIds: [], levers: [], origin: 'preExisting', initiatorOrganisationIds: [], thematicAreas: [], purpose: 'santé' }] as [string, object];
    const started = ['CooperationStarted', { startedOn: '2026-01', fromPhase: 'framing', launchLabel: 'Naissance' }] as [string, object];
    const role = (assignmentId: string, role: string, extra: object = {}) =>
      ['RoleAssigned', { assignmentId, organisationId: 'org:inter-made', role, from: '2026-01-01', ...extra }] as [string, object];

    it('once started, a cooperation without a Coordinator or Facilitator in office raises it; not before it starts', () => {
      given(proposed, role('assignment:lead', 'Lead'));
      expect(kinds('2026-03-01')).toEqual([]);
      given(started);
      const [alert] = alertsOn('2026-03-01');
      expect(alert).toMatchObject({ kind: 'noFacilitator', cooperationId: COOP, subjectId: COOP, details: { phase: 'implementation' } });
      expect(alert!.label).toBe('Aucune animation en fonction : ni coordination ni animateur·rice désigné·e pour faire vivre la coopération');
      expect(alertsOn('2026-03-01', 'en')[0]!.label).toBe('No facilitator in office: neither a Coordinator nor a Facilitator is assigned to run the cooperation');
    });

    it('a Facilitator of any scope, or a Coordinator, in office silences it; one whose term is over or relinquished does not', () => {
      given(proposed, started, role('assignment:animation-habitat', 'Facilitator', { scope: 'habitat', to: '2026-06' }));
      expect(kinds('2026-06-30')).toEqual([]);
      expect(kinds('2026-07-01')).toEqual(['noFacilitator']);
      given(role('assignment:coordination', 'Coordinator', { from: '2026-07' }));
      expect(kinds('2026-07-01')).toEqual([]);
      given(['RoleRelinquished', { assignmentId: 'assignment:coordination', organisationId: 'org:inter-made', effectiveOn: '2026-09-01', reason: 'fin' }]);
      expect(kinds('2026-08-31')).toEqual([]);
      expect(kinds('2026-09-01')).toEqual(['noFacilitator']);
    });

    it('a facilitator leaving the cooperation raises it again', () => {
      given(proposed, started, role('assignment:coordination', 'Coordinator'));
      given(['MemberLeft', { organisationId: 'org:inter-made', leftOn: '2026-10', reason: 'fin' }]);
      expect(kinds('2026-09-30')).toEqual([]);
      expect(kinds('2026-10-01')).toEqual(['noFacilitator']);
    });
  });

  describe('a closed cooperation (domain.md §8.1: it takes almost no command, so nothing could clear an alert)', () => {
    it('raises none, on the home page or on its own page', () => {
      given(
        ['CooperationProposed', { cooperationId: COOP, name: 'CITÉES', form: 'consortium', territoryIds: [], levers: [], origin: 'preExisting', initiatorOrganisationIds: [], thematicAreas: [], purpose: 'santé' }],
        ['RoleAssigned', { assignmentId: 'assignment:lead-1', organisationId: 'org:cite-des-transitions', role: 'Lead', from: '2026-01-01', to: '2026-12-31' }],
        ['GovernanceInstanceCreated', { instanceId: 'instance:gp', kind: 'steeringCommittee', label: 'Comité de pilotage', frequency: { kind: 'annual' }, createdOn: '2026-01' }],
        ['MilestonePlanned', { milestoneId: 'milestone:bilan', label: 'Bilan', kind: 'other', dueBy: '2026-06', warnings: [] }],
        ['CharterAdopted', { charterId: 'charter:1', version: 1, instanceId: 'instance:gp', decisionId: 'd', adoptedOn: '2026-02', contentHash: 'h', requiredSignatoryOrganisationIds: ['org:amae'] }],
      );
      expect(kinds('2027-02-01').sort()).toEqual(['leadRotationDue', 'meetingOverdue', 'milestoneOverdue', 'signaturesPending']);
      given(['CooperationClosed', { closedOn: '2027-01', reason: 'completed', fromPhase: 'implementation', closingNoteRef: 'note' }]);
      expect(alertsOn('2027-02-01')).toEqual([]);
      expect(getAlerts(db, { today: '2027-02-01', lang: 'fr', cooperationId: COOP })).toEqual([]);
    });
  });

  describe('a member who leaves with commitments still open (§8.9 MemberLeft: flag its open commitments)', () => {
    const pledge = (commitmentId: string, organisationId: string) =>
      ['CommitmentPledged', { commitmentId, organisationId, coFunderOrganisationIds: [], kind: 'staffTime', purpose: 'action', description: `temps de ${organisationId}`, period: { from: '2025' }, conditions: [] }] as [string, object];

    it('flags each of its open commitments from its departure, until fulfilled, withdrawn, or its return', () => {
      given(pledge('commitment:a', 'org:amae'), pledge('commitment:b', 'org:amae'), pledge('commitment:c', 'org:e-graine'));
      given(['CommitmentFulfilled', { commitmentId: 'commitment:b', fulfilledOn: '2025-12' }]);
      given(['MemberLeft', { organisationId: 'org:amae', leftOn: '2026-03', reason: 'fin du projet' }]);
      const [flagged, ...others] = alertsOn('2026-04-01');
      expect(others).toEqual([]);
      expect(flagged).toMatchObject({ kind: 'departedMemberCommitment', subjectId: 'commitment:a', since: '2026-03', details: { organisationId: 'org:amae', leftOn: '2026-03' } });
      expect(flagged!.label).toBe('org:amae a quitté la coopération (mars 2026) : son engagement « temps de org:amae » reste ouvert (à tenir, retirer ou reprendre)');
      given(['CommitmentWithdrawn', { commitmentId: 'commitment:a', reason: 'départ', withdrawnOn: '2026-04', disbursedSoFar: { cents: 0, currency: 'EUR' } }]);
      expect(kinds('2026-05-01')).toEqual([]);
    });

    it('a commitment fulfilled after the departure, or a cooperation closed since, is no longer flagged', () => {
      given(pledge('commitment:a', 'org:amae'), pledge('commitment:c', 'org:amae'), ['MemberLeft', { organisationId: 'org:amae', leftOn: '2026-03', reason: 'fin' }]);
      given(['CommitmentFulfilled', { commitmentId: 'commitment:a', fulfilledOn: '2026-04' }]);
      expect(alertsOn('2026-05-01').map((a) => a.subjectId)).toEqual(['commitment:c']);
      given(['CooperationClosed', { closedOn: '2026-06', reason: 'completed', fromPhase: 'implementation' }]);
      expect(kinds('2026-07-01')).toEqual([]);
    });

    it('follows a correction of the departure’s date (E50)', () => {
      given(pledge('commitment:a', 'org:amae'), ['MemberLeft', { organisationId: 'org:amae', leftOn: '2026-03', reason: 'fin' }]);
      given(['RecordCorrected', { correctedEventId: 'e2', correctedEventType: 'MemberLeft', correctedEventRefs: { organisationId: 'org:amae' }, fieldPath: 'leftOn', previousValue: '2026-03', correctedValue: '2026-02', reason: 'courrier' }]);
      expect(alertsOn('2026-04-01')[0]).toMatchObject({ since: '2026-02', details: { leftOn: '2026-02' } });
    });

    it('a member who comes back is no longer flagged', () => {
      given(pledge('commitment:a', 'org:amae'), ['MemberLeft', { organisationId: 'org:amae', leftOn: '2026-03', reason: 'pause' }]);
      expect(kinds('2026-04-01')).toEqual(['departedMemberCommitment']);
      given(['MemberJoined', { organisationId: 'org:amae', membershipType: 'member', joinedOn: '2026-09' }]);
      expect(kinds('2026-10-01')).toEqual([]);
    });
  });
});
