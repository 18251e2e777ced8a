import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { BAFAPATABOR, scenarioA, scenarioB, scenarioBSeatsStartAndAction } from '../../apps/cli/src/demo/scenarios.js';

/** Scenario B of domain.md §9 over HTTP (on the registry scenario A shares), acceptance tests B1–B6. */
describe('Scenario B — BaFaPaTaBor, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${BAFAPATABOR}/${command}`).send(body);

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...scenarioB()]);
  });
  afterAll(async () => carnet.close());

  it('B1 the waiver for pre-existing dynamics is accepted; without pre-existence the diagnostic is required', async () => {
    const { body } = await carnet.http().get(`/cooperations/${BAFAPATABOR}`).expect(200);
    expect(body.phase).toBe('framing');
    // Event 11 is accepted and keeps its waiver: the rule it waives and why, for whoever reads the history.
    const { events } = (await carnet.http().get(`/cooperations/${BAFAPATABOR}/events?limit=1000`).expect(200)).body;
    const waived = events.find((e: { type: string; data: { waiver?: unknown } }) => e.type === 'CooperationPhaseChanged' && e.data.waiver);
    expect(waived.data).toMatchObject({ fromPhase: 'identification', toPhase: 'framing', waiver: { rule: 'diagnosticRequired', justification: expect.any(String) } });

    await carnet.http().post('/cooperations').send({
      cooperationId: 'coop:sans-diagnostic', name: 'Coopération impulsée', purpose: 'Tester la règle', territoryIds: ['territory:toulouse'],
      form: 'collective', origin: 'initiatedByFoundation', initiatorOrganisationIds: ['org:fondation-macif'],
    }).expect(201);
    const refused = await carnet.http().post('/cooperations/coop:sans-diagnostic/change-phase').send({
      fromPhase: 'identification', toPhase: 'framing', waiver: { rule: 'diagnosticRequired', justification: 'pressés' },
    }).expect(422);
    expect(refused.body.code).toBe('DiagnosticRequired');
  });

  it('B2 inhabitants hold seats although the group is not a legal entity', async () => {
    await runSteps(carnet, scenarioBSeatsStartAndAction().filter((step) => step.path.endsWith('/assign-instance-seat')));
    const { body } = await carnet.http().get(`/cooperations/${BAFAPATABOR}`).expect(200);
    const holders = body.instances[0].seats.map((s: { holderName: string }) => s.holderName);
    expect(holders.filter((h: string) => h === 'Habitant·e·s du quartier')).toHaveLength(2);
    expect(body.instances[0].seats.find((s: { holderName: string }) => s.holderName === 'Toulouse Métropole')).toMatchObject({ seatType: 'observer' });
  });

  it('B3 scoped roles: Facilitator{cooperation} and {habitat} coexist, a second {habitat} is refused', async () => {
    const { body: coop } = await carnet.http().get(`/cooperations/${BAFAPATABOR}`).expect(200);
    const scopes = coop.roles.filter((r: { role: string; organisationId: string }) => r.role === 'Facilitator' && r.organisationId === 'org:e-graine-occitanie').map((r: { scope: string }) => r.scope);
    expect(scopes.sort()).toEqual(['cooperation', 'habitat']);
    const { body } = await post('assign-role', { organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', from: '2026' }).expect(422);
    expect(body.code).toBe('DuplicateRoleAssignment');
  });

  it('B4 the beneficiary must participate: Patrimoine cannot pledge to a non-participant', async () => {
    await carnet.http().post('/organisations').send({ organisationId: 'org:regie-de-quartier', name: 'Régie de quartier', kind: 'association' }).expect(201);
    const before = await carnet.eventCount();
    const { body } = await post('pledge-commitment', {
      organisationId: 'org:patrimoine-sa-languedocienne', kind: 'financialGrant', purpose: 'memberStructure', beneficiaryOrganisationId: 'org:regie-de-quartier',
      amount: { status: 'notDisclosed' }, description: 'soutien', period: { from: '2026' },
    }).expect(422);
    expect(body).toMatchObject({ code: 'BeneficiaryNotParticipant', params: { organisationId: 'org:regie-de-quartier' } });
    expect(await carnet.eventCount()).toBe(before);
    const ledger = (await carnet.http().get(`/cooperations/${BAFAPATABOR}/commitments`).expect(200)).body;
    expect(ledger.commitments).toHaveLength(6);
    expect(ledger.totals.undisclosed).toBe(3);
  });

  it('B5 no action before start: "Cantine solidaire" is refused until the cooperation starts, then launched', async () => {
    const [start, action] = scenarioBSeatsStartAndAction().filter((step) => !step.path.endsWith('/assign-instance-seat'));
    const before = await carnet.eventCount();
    const { body } = await carnet.http().post(action!.path).send(action!.body).expect(422);
    expect(body).toMatchObject({ code: 'CooperationNotStarted', params: { phase: 'framing' } });
    expect(await carnet.eventCount()).toBe(before);
    await runSteps(carnet, [start!, action!]);
    const board = (await carnet.http().get(`/cooperations/${BAFAPATABOR}/actions`).expect(200)).body;
    expect(board.actions).toEqual([expect.objectContaining({ actionId: 'action:cantine-solidaire', title: 'Cantine solidaire', leadOrganisationId: 'org:habitants-bafapatabor', status: 'launched' })]);
  });

  it('B6 institutional partners do not lead', async () => {
    const { body } = await post('assign-role', { organisationId: 'org:toulouse-metropole', role: 'Lead', from: '2026' }).expect(422);
    expect(body).toMatchObject({ code: 'RoleNotAllowedForMembershipType', params: { membershipType: 'institutionalPartner' } });
  });

  it('sums up both cooperations on the dashboard: phases, territories, signatures pending, recent activity', async () => {
    await carnet.http().post(`/cooperations/${BAFAPATABOR}/start-charter-draft`).send({ charterId: 'charter:atelier', kind: 'cooperationCharter', title: 'Charte de l’atelier', draftingOrganisationIds: ['org:amae'] }).expect(200);
    const hash = 'a'.repeat(64);
    await post('revise-charter-draft', { charterId: 'charter:atelier', version: 1, contributedByOrganisationId: 'org:amae', summary: 'v1', contentHash: hash }).expect(200);
    await post('record-decision', {
      decisionId: 'decision:atelier-charte', instanceId: 'instance:copil-atelier', subjectType: 'charterAdoption', subjectRef: 'charter:atelier', outcome: 'approved',
      text: 'Le comité adopte la charte de l’atelier', consensus: true, decidedOn: '2025-12', writtenProcedure: true,
    }).expect(200);
    await post('adopt-charter', { charterId: 'charter:atelier', version: 1, instanceId: 'instance:copil-atelier', decisionId: 'decision:atelier-charte', adoptedOn: '2025-12', contentHash: hash, requiredSignatoryOrganisationIds: ['org:amae', 'org:e-graine-occitanie'] }).expect(200);
    const { body } = await carnet.http().get('/dashboard').expect(200);
    expect(body.cooperations).toBeGreaterThanOrEqual(2);
    expect(body.cooperationsByPhase).toMatchObject({ implementation: 2 });
    expect(body.cooperationsByTerritory).toEqual(expect.arrayContaining([{ territoryId: 'territory:marseille', name: 'Marseille', cooperations: 1 }]));
    expect(body.signaturesPending).toEqual({
      total: 2,
      charters: [expect.objectContaining({ cooperationId: BAFAPATABOR, title: 'Charte de l’atelier', version: 1, signed: 0, required: 2, missingOrganisationIds: ['org:amae', 'org:e-graine-occitanie'] })],
    });
    expect(body.recentActivity[0]).toMatchObject({ cooperationId: BAFAPATABOR, type: 'CharterAdopted', label: 'Charte adoptée (version 1)' });
    expect((await carnet.http().get('/dashboard?lang=en').expect(200)).body.recentActivity[0].label).toBe('Charter adopted (version 1)');
  });

  it('shares the registry with scenario A: one Fondation Macif, member of both cooperations', async () => {
    const { body } = await carnet.http().get('/cooperations').query({ organisationId: 'org:fondation-macif' }).expect(200);
    expect(body.cooperations.map((c: { cooperationId: string }) => c.cooperationId).sort()).toEqual([BAFAPATABOR, 'coop:citees-marseille']);
    const organisations = (await carnet.http().get('/organisations').query({ name: 'fondation macif' }).expect(200)).body.organisations;
    expect(organisations).toHaveLength(1);
  });
});
