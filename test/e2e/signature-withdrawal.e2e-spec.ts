import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/**
 * E26 through the API: an organisation takes back its signature of the CITÉES charter while others are still awaited;
 * the version counts it no more, the timeline says so, and only that organisation may do it.
 */
describe('withdrawing a signature (E26)', () => {
  let carnet: TestCarnet;
  const steps = scenarioA();
  const firstSignature = steps.findIndex((step) => step.path.endsWith('/sign-charter'));
  const withdrawal = { charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', reason: 'Signature non ratifiée par le conseil d’administration', withdrawnOn: '2025-12' };
  const progress = async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const version = body.charters.find((c: { charterId: string }) => c.charterId === 'charter:citees').versions[0];
    return { ...version.signatureProgress, signed_by: version.signatures.map((s: { organisationId: string }) => s.organisationId) };
  };

  beforeAll(async () => {
    carnet = await startCarnet();
    // Registries, members, charter adopted, and the first two of its five signatures (Fondation Macif, Banlieues Santé).
    await runSteps(carnet, steps.slice(0, firstSignature + 2));
  });
  afterAll(async () => carnet.close());

  it('another organisation’s member may not withdraw it: 403, nothing recorded', async () => {
    const before = await carnet.eventCount();
    const macif = await tokenFor({ sub: 'user:bouchra', role: 'member', organisationId: 'org:fondation-macif', cooperationIds: [CITEES] });
    const refused = await carnet.as(macif).post(`/cooperations/${CITEES}/withdraw-signature`).send(withdrawal);
    expect([refused.status, refused.body.code]).toEqual([403, 'ActingForAnotherOrganisation']);
    expect(await carnet.eventCount()).toBe(before);
  });

  it('the organisation withdraws it: the version awaits it again, and the timeline says so in French and in English', async () => {
    expect(await progress()).toEqual({ signed: 2, required: 5, signed_by: ['org:fondation-macif', 'org:banlieues-sante'] });
    const sante = await tokenFor({ sub: 'user:yassine', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] });
    const { body } = await carnet.as(sante).post(`/cooperations/${CITEES}/withdraw-signature`).send(withdrawal).expect(200);
    expect(body.events).toEqual([expect.objectContaining({ type: 'CharterSignatureWithdrawn' })]);
    expect(await progress()).toEqual({ signed: 1, required: 5, signed_by: ['org:fondation-macif'] });
    const labels = async (lang: string) =>
      (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=${lang}`).expect(200)).body.items.map((i: { label: string }) => i.label);
    expect(await labels('fr')).toContain('Signature retirée : Banlieues Santé (version 1)');
    expect(await labels('en')).toContain('Signature withdrawn: Banlieues Santé (version 1)');
  });

  it('withdrawn twice: 422 SignatureAlreadyWithdrawn; never signed: 422 SignatureNotFound; nothing recorded', async () => {
    const before = await carnet.eventCount();
    const again = await carnet.http().post(`/cooperations/${CITEES}/withdraw-signature`).send(withdrawal);
    expect([again.status, again.body.code, again.body.params.withdrawnOn]).toEqual([422, 'SignatureAlreadyWithdrawn', '2025-12']);
    const never = await carnet.http().post(`/cooperations/${CITEES}/withdraw-signature`).send({ ...withdrawal, organisationId: 'org:inter-made' });
    expect([never.status, never.body.code]).toEqual([422, 'SignatureNotFound']);
    expect(await carnet.eventCount()).toBe(before);
  });
});
