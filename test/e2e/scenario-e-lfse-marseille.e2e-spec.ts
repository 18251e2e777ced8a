import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, LFSE_CONVENTION_TEXT, LFSE_MARSEILLE, scenarioA, scenarioE, scenarioESignaturesAndAfter, sha256 } from '../../apps/cli/src/demo/scenarios.js';

/** Scenario E of domain.md §9 over HTTP (on scenario A's registry), acceptance tests E1, E2 and E4. */
describe('Scenario E — La France s’engage × Ville de Marseille, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${LFSE_MARSEILLE}/${command}`).send(body);
  const charter = async () => (await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}`).expect(200)).body.charters[0];

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...scenarioE()]);
  });
  afterAll(async () => carnet.close());

  it('E1 a parrain cannot sign for the Ville: François Hollande is no designated representative', async () => {
    const before = await carnet.eventCount();
    const { body } = await post('sign-charter', {
      charterId: 'charter:lfse-marseille', version: 1, organisationId: 'org:ville-de-marseille', signatoryPersonId: 'person:francois-hollande',
      signatoryCapacity: 'parrain', signedOn: '2024-09-19', contentHash: sha256(LFSE_CONVENTION_TEXT),
    }).expect(422);
    expect(body.code).toBe('SignatoryNotAuthorised');
    expect(await carnet.eventCount()).toBe(before);
  });

  it('E2 an agreement skips adoption: La France s’engage signs v1 directly; in force only once the Ville signs', async () => {
    const [lfseSignature, villeSignature, ...after] = scenarioESignaturesAndAfter();
    await runSteps(carnet, [lfseSignature!]);
    expect(await charter()).toMatchObject({ kind: 'partnershipAgreement', status: expect.not.stringMatching(/^inForce$/) });
    await runSteps(carnet, [villeSignature!]);
    const signed = await charter();
    expect(signed).toMatchObject({ status: 'inForce', versionInForce: 1 });
    expect(signed.versions[0].signatures[0].witnesses.map((w: { name: string }) => w.name)).toEqual(['Benoît Payan', 'François Hollande', 'Banlieues Santé']);
    await runSteps(carnet, after);
    const { body } = await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/actions`).expect(200);
    expect(body.milestones).toEqual([expect.objectContaining({ label: 'Première convention de La France s’engage avec une grande collectivité territoriale', status: 'reached', reachedOn: '2024-09-19' })]);
    const ledger = (await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/commitments`).expect(200)).body;
    expect(ledger.commitments.map((c: { kind: string }) => c.kind)).toEqual(['staffTime', 'expertise', 'visibility']);
  });

  it('E4 cross-document identity: the laureate Banlieues Santé is CITÉES’s member, one record', async () => {
    const found = (await carnet.http().get('/organisations').query({ name: 'Banlieues Santé' }).expect(200)).body.organisations;
    expect(found).toEqual([expect.objectContaining({ organisationId: 'org:banlieues-sante' })]);
    const citees = (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body;
    expect(citees.members.map((m: { organisationId: string }) => m.organisationId)).toContain('org:banlieues-sante');
    const witnesses = (await charter()).versions[0].signatures[0].witnesses;
    expect(witnesses).toEqual(expect.arrayContaining([expect.objectContaining({ organisationId: 'org:banlieues-sante' })]));
  });
});
