import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import { recorderFor } from '../testing/recorded-events.js';
import { actionsBoard, getActionsBoard } from './actions-board.projection.js';
import { dashboardFigures, getPendingSignatures } from './dashboard.projection.js';
import { getGovernanceLog, governanceLog } from './governance-log.projection.js';

/**
 * Ids are a cooperation's own (its stream decides them): two cooperations may both have an `instance:copil`, a
 * `meeting:1`, an `action:1`, a `charter:1`. Each read model keeps them apart.
 */
describe('read models keep ids within their cooperation', () => {
  const db = new Database(':memory:');
  for (const projection of [governanceLog, actionsBoard, dashboardFigures]) projection.init(db);
  const events = (place: string): CooperationEvent[] => [
    {
      type: 'GovernanceInstanceCreated',
      data: { instanceId: 'instance:copil', ownerScope: 'cooperation', kind: 'steeringCommittee', label: `Copil ${place}`, mandate: ['decide'], frequency: { kind: 'adHoc' }, chairingModel: 'none', createdOn: '2025' },
    },
    { type: 'InstanceSeatAssigned', data: { seatId: 'seat:1', instanceId: 'instance:copil', holderOrganisationId: `org:${place}`, seatType: 'member', from: '2025' } },
    { type: 'MeetingScheduled', data: { meetingId: 'meeting:1', instanceId: 'instance:copil', scheduledFor: '2025-10', location: place, agenda: [], parts: [], answersRequestIds: [] } },
    { type: 'MeetingHeld', data: { meetingId: 'meeting:1', heldOn: '2025-10', attendees: [{ seatId: 'seat:1' }], apologies: [] } },
    { type: 'DecisionRecorded', data: { decisionId: 'decision:1', instanceId: 'instance:copil', meetingId: 'meeting:1', subjectType: 'orientation', outcome: 'approved', text: `cap ${place}`, consensus: true, decidedOn: '2025-10' } },
    { type: 'ActionLaunched', data: { actionId: 'action:1', title: `action ${place}`, description: '…', leadOrganisationId: `org:${place}`, contributingOrganisationIds: [], territoryIds: [], launchedOn: '2025' } },
    { type: 'CharterDraftStarted', data: { charterId: 'charter:1', kind: 'partnershipAgreement', title: `convention ${place}`, draftingOrganisationIds: [`org:${place}`], plannedSignatoryOrganisationIds: [`org:${place}`, 'org:commune'] } },
  ];
  for (const place of ['marseille', 'roya']) {
    const recorded = recorderFor(`coop:${place}`);
    for (const event of events(place)) for (const projection of [governanceLog, actionsBoard, dashboardFigures]) if (projection.handles.includes(event.type)) projection.apply(db, recorded(event));
  }
  // Only Marseille's action completes, and only its charter gets a signature.
  actionsBoard.apply(db, recorderFor('coop:marseille')({ type: 'ActionCompleted', data: { actionId: 'action:1', completedOn: '2026', results: [], narrative: 'fait' } }));
  dashboardFigures.apply(db, recorderFor('coop:marseille')({ type: 'CharterSigned', data: { charterId: 'charter:1', version: 1, organisationId: 'org:marseille', signatoryPersonId: 'person:x', signatoryCapacity: 'maire', signedOn: '2025-11', witnesses: [], contentHash: 'sha256:1' } }));

  it('the decision log: each its own body, seat, meeting and decision', () => {
    for (const place of ['marseille', 'roya']) {
      const [instance] = getGovernanceLog(db, `coop:${place}`);
      expect(instance).toMatchObject({ label: `Copil ${place}`, meetings: [{ location: place, composition: [{ holderOrganisationId: `org:${place}`, present: true }], decisions: [{ text: `cap ${place}` }] }] });
    }
  });

  it('the actions board and the signatures awaited: a change to one cooperation’s leaves the other’s as it was', () => {
    expect(getActionsBoard(db, 'coop:marseille').actions).toEqual([expect.objectContaining({ title: 'action marseille', status: 'completed' })]);
    expect(getActionsBoard(db, 'coop:roya').actions).toEqual([expect.objectContaining({ title: 'action roya', status: 'launched' })]);
    expect(getPendingSignatures(db).map((p) => [p.cooperationId, p.title, p.signed])).toEqual([['coop:marseille', 'convention marseille', 1]]);
  });
});
