import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { RESTAURANTS, RESTOS_CHARTER_TEXT, RESTOS_PASSERELLE, restaurantRepresentative, restaurantSeat, scenarioA, scenarioD, scenarioDSignaturesAndAfter, sha256 } from '../../apps/cli/src/demo/scenarios.js';

/** Scenario D of domain.md §9 over HTTP, acceptance tests D1–D5. */
describe('Scenario D — PTCE Resto Passerelle, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${RESTOS_PASSERELLE}/${command}`).send(body);
  const alerts = async (kind: string) =>
    (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/alerts`).expect(200)).body.alerts.filter((a: { kind: string }) => a.kind === kind);
  const [SAINT_DENIS, , , AGDS] = RESTAURANTS.map(([id]) => id);

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA().slice(0, 8), ...scenarioD()]);
  });
  afterAll(async () => carnet.close());

  it('D3 a late charter is allowed: the start is accepted with a warning, the charter enters into force at the 5th signature only', async () => {
    const coop = (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}`).expect(200)).body;
    expect(coop.phase).toBe('implementation');
    expect(coop.startWarnings).toEqual([expect.objectContaining({ code: 'NoCharterInForce' })]);
    const steps = scenarioDSignaturesAndAfter();
    await runSteps(carnet, steps.slice(0, 4));
    expect((await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}`).expect(200)).body.charters[0].status).not.toBe('inForce');
    await runSteps(carnet, steps.slice(4));
    const after = (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}`).expect(200)).body;
    expect(after.charters[0]).toMatchObject({ status: 'inForce', versionInForce: 1 });
  });

  it('D1 convening on request of a third: one request raises nothing, the second does, a repeat is refused', async () => {
    await post('request-meeting-convening', { instanceId: 'instance:groupe-de-pilotage', requestedBySeatId: restaurantSeat(SAINT_DENIS!), topic: 'tarifs 2016', requestedOn: '2016-01' }).expect(200);
    expect(await alerts('mustConvene')).toEqual([]);
    await post('request-meeting-convening', { instanceId: 'instance:groupe-de-pilotage', requestedBySeatId: restaurantSeat(AGDS!), topic: 'tarifs 2016', requestedOn: '2016-01' }).expect(200);
    expect(await alerts('mustConvene')).toEqual([
      expect.objectContaining({ subjectId: 'instance:groupe-de-pilotage', details: { pendingRequests: 2, required: 2, activeSeats: 5 }, label: expect.stringContaining('une réunion doit être convoquée') }),
    ]);
    const before = await carnet.eventCount();
    const { body } = await post('request-meeting-convening', { instanceId: 'instance:groupe-de-pilotage', requestedBySeatId: restaurantSeat(SAINT_DENIS!), topic: 'encore', requestedOn: '2016-02' }).expect(422);
    expect(body.code).toBe('DuplicateConveningRequest');
    expect(await carnet.eventCount()).toBe(before);
  });

  it('D2 at least once a year: with no meeting since 2015-10 the "meeting overdue" alert is on the dashboard', async () => {
    const overdue = await alerts('meetingOverdue');
    expect(overdue.find((a: { subjectId: string }) => a.subjectId === 'instance:groupe-de-pilotage')).toMatchObject({
      since: '2016-11-01',
      label: 'Groupe de pilotage : pas de réunion depuis octobre 2015 (rythme prévu : 12 mois)',
    });
    // the monthly commissions never met: overdue too; the ad hoc monitoring groups have no cadence to miss
    expect(overdue.map((a: { subjectId: string }) => a.subjectId).sort()).toEqual(['instance:commissions-thematiques', 'instance:groupe-de-pilotage']);
    const dashboard = (await carnet.http().get('/dashboard?lang=en').expect(200)).body;
    expect(dashboard.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'meetingOverdue', cooperationId: RESTOS_PASSERELLE, label: 'Groupe de pilotage: no meeting since October 2015 (expected every 12 months)' })]));
    expect(dashboard.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'milestoneOverdue', label: 'Centrale d’achat (à terme): due 2018, not reached' })]));
  });

  it('D4 no over-disbursement: 90,000.01 € in total against the 90,000 € joint commitment is refused', async () => {
    await post('record-disbursement', { commitmentId: 'commitment:ingenierie-90k', amount: { cents: 5_000_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2013-09' }).expect(200);
    const before = await carnet.eventCount();
    const { body } = await post('record-disbursement', { commitmentId: 'commitment:ingenierie-90k', amount: { cents: 4_000_001, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2014-03' }).expect(422);
    expect(body).toMatchObject({ code: 'DisbursementExceedsCommitment', params: { pledgedCents: 9_000_000, disbursedCents: 5_000_000, requestedCents: 4_000_001 } });
    expect(await carnet.eventCount()).toBe(before);
    await post('record-disbursement', { commitmentId: 'commitment:ingenierie-90k', amount: { cents: 4_000_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2014-03' }).expect(200);
    const ledger = (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/commitments`).expect(200)).body;
    expect(ledger.commitments[0]).toMatchObject({ commitmentId: 'commitment:ingenierie-90k', coFunderOrganisationIds: ['org:plaine-commune', 'org:bailleurs-sociaux-saint-denis', 'org:sous-prefecture-saint-denis'], disbursedCents: 9_000_000, amount: { label: expect.stringMatching(/^90\s000,00\s€$/) } });
    expect(ledger.totals).toEqual({ statedCents: 9_000_000, estimatedCents: 0, disbursedCents: 9_000_000, undisclosed: 4 });
  });

  it('shows the decision log: the groupe de pilotage of 2015-10, its five seats, attendance and the adoption', async () => {
    const { body } = await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/decisions`).expect(200);
    const groupe = body.instances.find((i: { instanceId: string }) => i.instanceId === 'instance:groupe-de-pilotage');
    const [meeting] = groupe.meetings;
    expect(meeting).toMatchObject({ meetingId: 'meeting:gp-2015-10', status: 'held', heldOn: '2015-10', guests: [{ organisationId: 'org:appui', capacity: 'équipe de coordination' }] });
    expect(meeting.composition).toHaveLength(5);
    expect(meeting.composition.every((seat: { present: boolean }) => seat.present)).toBe(true);
    expect(meeting.composition[0]).toMatchObject({ holderName: 'Taf et Maffé Saint-Denis', seatType: 'member' });
    expect(meeting.decisions).toEqual([expect.objectContaining({ decisionId: 'decision:gp-charte', subjectType: 'charterAdoption', outcome: 'approved', consensus: true })]);
  });
});

describe('Scenario D — D5 departed members do not sign', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${RESTOS_PASSERELLE}/${command}`).send(body);
  const sign = (organisationId: string) =>
    post('sign-charter', { charterId: 'charter:restos-passerelle', version: 1, organisationId, signatoryPersonId: restaurantRepresentative(organisationId), signatoryCapacity: 'Président·e', signedOn: '2015-10', contentHash: sha256(RESTOS_CHARTER_TEXT) });
  const AGDS = 'org:agds';

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA().slice(0, 8), ...scenarioD()]);
  });
  afterAll(async () => carnet.close());

  it('AGDS leaves before signing: its signature is refused and the charter enters into force after the other four', async () => {
    await post('record-member-departure', { organisationId: AGDS, leftOn: '2015-10', reason: 'cessation d’activité' }).expect(200);
    expect((await sign(AGDS).expect(422)).body.code).toBe('SignatoryNotParticipant');
    for (const [organisationId] of RESTAURANTS.filter(([id]) => id !== AGDS)) await sign(organisationId).expect(200);
    const charter = (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}`).expect(200)).body.charters[0];
    expect(charter).toMatchObject({ status: 'inForce', versionInForce: 1 });
    expect(charter.versions[0].signatures).toHaveLength(4);
  });
});
