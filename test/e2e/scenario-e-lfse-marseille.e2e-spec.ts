import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, LFSE_CONVENTION_TEXT, LFSE_MARSEILLE, scenarioA, scenarioE, scenarioESignaturesAndAfter, sha256 } from '../../apps/cli/src/demo/scenarios.js';

/** Scenario E of domain.md §9 over HTTP (on scenario A's registry), acceptance tests E1 to E4. */
describe('Scenario E — La France s’engage × Ville de Marseille, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${LFSE_MARSEILLE}/${command}`).send(body);
  const charter = async () => (await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}`).expect(200)).body.charters[0];

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...scenarioE()]);
  });
  afterAll(async () => carnet.close());

  /** E1: François Hollande, a parrain, signing for the Ville: refused as no designated representative, before and after the signatures. */
  const hollandeSigns = async () => {
    const before = await carnet.eventCount();
    const { body } = await post('sign-charter', {
      charterId: 'charter:lfse-marseille', version: 1, organisationId: 'org:ville-de-marseille', signatoryPersonId: 'person:francois-hollande',
      signatoryCapacity: 'parrain', signedOn: '2024-09-19', contentHash: sha256(LFSE_CONVENTION_TEXT),
    }).expect(422);
    expect(body.code).toBe('SignatoryNotAuthorised');
    expect(await carnet.eventCount()).toBe(before);
  };

  it('E1 a parrain cannot sign for the Ville: François Hollande is no designated representative', hollandeSigns);

  it('E2 an agreement skips adoption: La France s’engage signs v1 directly; in force only once the Ville signs', async () => {
    const [lfseSignature, villeSignature, ...after] = scenarioESignaturesAndAfter();
    await runSteps(carnet, [lfseSignature!]);
    const halfSigned = await charter();
    expect(halfSigned).toMatchObject({ kind: 'partnershipAgreement', status: expect.not.stringMatching(/^inForce$/) });
    // One of its two parties has signed (the dashboard's « 1/2 signatures »), not one of none.
    expect(halfSigned.versions[0].signatureProgress).toEqual({ signed: 1, required: 2 });
    await runSteps(carnet, [villeSignature!]);
    const signed = await charter();
    expect(signed).toMatchObject({ status: 'inForce', versionInForce: 1 });
    expect(signed.versions[0].signatures[0].witnesses.map((w: { name: string }) => w.name)).toEqual(['Benoît Payan', 'François Hollande', 'Banlieues Santé']);
    // In force from its draft, the agreement counts its two parties as its required signatories, and E1 still holds.
    expect(signed.versions[0].signatureProgress).toEqual({ signed: 2, required: 2 });
    // « with no CharterAdopted » (E2): the log holds the draft, the two signatures and the entry into force, no adoption.
    const { events } = (await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/events?limit=1000`).expect(200)).body;
    const charterEvents = events.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('Charter'));
    expect(charterEvents).toEqual(['CharterDraftStarted', 'CharterDraftRevised', 'CharterSigned', 'CharterSigned', 'CharterEnteredIntoForce']);
    await hollandeSigns();
    await runSteps(carnet, after);
    const { body } = await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/actions`).expect(200);
    expect(body.milestones).toEqual([expect.objectContaining({ label: 'Première convention de La France s’engage avec une grande collectivité territoriale', status: 'reached', reachedOn: '2024-09-19' })]);
    const ledger = (await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/commitments`).expect(200)).body;
    expect(ledger.commitments.map((c: { kind: string }) => c.kind)).toEqual(['staffTime', 'expertise', 'visibility']);
  });

  it('E3 incomplete dates are explicit: "19 septembre" without a year is refused; with a year assumed for the demo it is recorded and labelled so', async () => {
    const before = await carnet.eventCount();
    for (const signedOn of ['19 septembre', '--09-19']) {
      const { body } = await post('sign-charter', {
        charterId: 'charter:lfse-marseille', version: 1, organisationId: 'org:ville-de-marseille', signatoryPersonId: 'person:laurent-lhardit',
        signatoryCapacity: 'Adjoint au Maire', signedOn, contentHash: sha256(LFSE_CONVENTION_TEXT),
      }).expect(422);
      expect(body).toMatchObject({ code: 'IncompleteBusinessDate', status: 422, params: { fields: ['signedOn'] } });
      expect(body.title).toMatch(/l’année manque/);
    }
    // A yearless date among other faults is still a plain validation failure.
    const mixed = await post('sign-charter', { charterId: 'charter:lfse-marseille', version: 'one', organisationId: 'org:ville-de-marseille', signedOn: '19 septembre' }).expect(400);
    expect(mixed.body.code).toBe('ValidationFailed');
    expect(await carnet.eventCount()).toBe(before);
    // E2 recorded the signatures of 19 September with the year 2024 supplied as a demo assumption.
    const { body } = await carnet.http().get(`/cooperations/${LFSE_MARSEILLE}/timeline`).query({ lang: 'fr' }).expect(200);
    const signatures = body.items.filter((item: { type: string }) => item.type === 'CharterSigned');
    expect(signatures).toHaveLength(2);
    expect(signatures).toEqual(signatures.map(() => expect.objectContaining({ date: expect.objectContaining({ date: '2024-09-19' }), assumedForDemo: true })));
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
