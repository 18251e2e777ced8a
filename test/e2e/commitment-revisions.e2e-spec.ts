import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { RESTOS_PASSERELLE, scenarioA, scenarioD } from '../../apps/cli/src/demo/scenarios.js';

const ENGINEERING = 'commitment:ingenierie-90k';
const eur = (cents: number) => ({ cents, currency: 'EUR' });

/** E38 ReviseCommitment and E41 AllocateCoFunding over HTTP, on scenario D's 90,000 € joint commitment. */
describe('Commitment revisions and co-funding allocations, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${RESTOS_PASSERELLE}/${command}`).send(body);
  const ledger = async () => (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/commitments`).expect(200)).body;
  const engineering = async () => (await ledger()).commitments.find((c: { commitmentId: string }) => c.commitmentId === ENGINEERING);
  /** Sends a command the rules must refuse, and checks the log did not move. */
  const refused = async (command: string, body: object) => {
    const before = await carnet.eventCount();
    const response = await post(command, body).expect(422);
    expect(await carnet.eventCount()).toBe(before);
    return response.body;
  };

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA().slice(0, 8), ...scenarioD()]);
    await post('record-disbursement', { commitmentId: ENGINEERING, amount: eur(5_000_000), toOrganisationId: 'org:appui', disbursedOn: '2013-09' }).expect(200);
  });
  afterAll(async () => carnet.close());

  it('records a revision and shows the revised terms and their history in the ledger', async () => {
    const { body } = await post('revise-commitment', { commitmentId: ENGINEERING, changes: { amount: eur(8_000_000), period: { to: '2014-12' } }, reason: 'avenant : ingénierie prolongée, montant réduit', revisedOn: '2014-01' }).expect(200);
    expect(body.events).toEqual([expect.objectContaining({ type: 'CommitmentRevised' })]);
    expect(await engineering()).toMatchObject({
      amount: { status: 'stated', cents: 8_000_000 },
      period: { from: '2013', to: '2014-12' },
      disbursedCents: 5_000_000,
      remainingCents: 3_000_000,
      revisions: [{ revisedOn: '2014-01', changes: { amount: { status: 'stated', cents: 8_000_000 } }, previous: { amount: { cents: 9_000_000 }, period: { to: '2014-06' } } }],
    });
    const timeline = (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/timeline`).expect(200)).body.items;
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'CommitmentRevised', label: expect.stringContaining('Engagement révisé') })]));
  });

  it('a revision below what was already disbursed is refused with 422 and appends nothing', async () => {
    const problem = await refused('revise-commitment', { commitmentId: ENGINEERING, changes: { amount: eur(4_999_999) }, reason: 'erreur', revisedOn: '2014-02' });
    expect(problem).toMatchObject({ status: 422, code: 'RevisedAmountBelowDisbursed', params: { revisedCents: 4_999_999, disbursedCents: 5_000_000 } });
    expect((await engineering()).amount.cents).toBe(8_000_000);
  });

  describe('co-funding of an action by the comité des financeurs', () => {
    beforeAll(async () => {
      await runSteps(carnet, [
        { path: `/cooperations/${RESTOS_PASSERELLE}/launch-action`, body: { actionId: 'action:cuisines', title: 'Mise aux normes des cuisines', description: 'transformation des cuisines informelles', leadOrganisationId: 'org:appui', launchedOn: '2014-05' } },
        { path: `/cooperations/${RESTOS_PASSERELLE}/create-governance-instance`, body: { instanceId: 'instance:comite-des-financeurs', kind: 'fundersCommittee', label: 'Comité des financeurs', frequency: { kind: 'adHoc' }, chairingModel: 'none', createdOn: '2014-05' } },
        { path: `/cooperations/${RESTOS_PASSERELLE}/record-decision`, body: { decisionId: 'decision:cofinancement-cuisines', instanceId: 'instance:comite-des-financeurs', writtenProcedure: true, subjectType: 'fundingAllocation', subjectRef: 'action:cuisines', outcome: 'approved', text: 'Cofinancement de la mise aux normes des cuisines', decidedOn: '2014-06' } },
      ]);
    });

    it('records an allocation: per commitment what it earmarked and what remains, per action its shares', async () => {
      const { body } = await post('allocate-co-funding', {
        actionId: 'action:cuisines',
        decisionId: 'decision:cofinancement-cuisines',
        allocations: [
          { funderOrganisationId: 'org:plaine-commune', commitmentId: ENGINEERING, amount: eur(1_000_000) },
          { funderOrganisationId: 'org:ville-de-paris', amount: eur(500_000) },
        ],
      }).expect(200);
      expect(body.events).toEqual([expect.objectContaining({ type: 'CoFundingAllocated' })]);
      expect(body.ids.allocationId).toEqual(expect.any(String));
      expect(body.warnings).toBeUndefined();
      expect(await engineering()).toMatchObject({ disbursedCents: 5_000_000, allocatedCents: 1_000_000, remainingCents: 2_000_000 });
      expect((await ledger()).coFundingByAction).toEqual([
        expect.objectContaining({ actionId: 'action:cuisines', allocatedCents: 1_500_000, shares: [expect.objectContaining({ funderOrganisationId: 'org:plaine-commune', commitmentId: ENGINEERING }), expect.objectContaining({ funderOrganisationId: 'org:ville-de-paris', commitmentId: null })] }),
      ]);
    });

    it('an allocation beyond what remains of the commitment is refused with 422 and appends nothing', async () => {
      const problem = await refused('allocate-co-funding', {
        actionId: 'action:cuisines',
        decisionId: 'decision:cofinancement-cuisines',
        allocations: [{ funderOrganisationId: 'org:ville-de-saint-denis', commitmentId: ENGINEERING, amount: eur(2_000_001) }],
      });
      expect(problem).toMatchObject({ code: 'AllocationExceedsCommitment', params: { remainingCents: 2_000_000, requestedCents: 2_000_001 } });
      expect(await engineering()).toMatchObject({ allocatedCents: 1_000_000, remainingCents: 2_000_000 });
    });

    it('a decision of the groupe de pilotage, which has no allocateFunding mandate, allocates nothing', async () => {
      await post('record-decision', { decisionId: 'decision:gp-cuisines', instanceId: 'instance:groupe-de-pilotage', writtenProcedure: true, subjectType: 'actionRetained', subjectRef: 'action:cuisines', outcome: 'approved', text: 'Action retenue', decidedOn: '2014-06' }).expect(200);
      const problem = await refused('allocate-co-funding', { actionId: 'action:cuisines', decisionId: 'decision:gp-cuisines', allocations: [{ funderOrganisationId: 'org:ville-de-paris', amount: eur(100) }] });
      expect(problem).toMatchObject({ code: 'InstanceLacksMandate', params: { mandate: 'allocateFunding' } });
    });

    it('a share drawn on an undisclosed amount is accepted with a warning', async () => {
      const { body } = await post('allocate-co-funding', {
        actionId: 'action:cuisines',
        decisionId: 'decision:cofinancement-cuisines',
        allocations: [{ funderOrganisationId: 'org:etat-unite-territoriale', commitmentId: 'commitment:etat-droit-commun', amount: eur(300_000) }],
      }).expect(200);
      expect(body.warnings).toEqual([{ code: 'RemainingAmountUnknown', params: { commitmentId: 'commitment:etat-droit-commun' } }]);
    });

    it('a disbursement naming its allocation pays that share: counted once, never beyond the share (422, nothing appended)', async () => {
      await post('allocate-co-funding', {
        allocationId: 'allocation:cuisines-etape-2',
        actionId: 'action:cuisines',
        decisionId: 'decision:cofinancement-cuisines',
        allocations: [{ funderOrganisationId: 'org:ville-de-saint-denis', commitmentId: ENGINEERING, amount: eur(1_000_000) }],
      }).expect(200);
      expect(await engineering()).toMatchObject({ disbursedCents: 5_000_000, allocatedCents: 2_000_000, remainingCents: 1_000_000 });
      const payment = { commitmentId: ENGINEERING, toOrganisationId: 'org:appui', disbursedOn: '2014-07', allocationId: 'allocation:cuisines-etape-2' };
      await post('record-disbursement', { ...payment, amount: eur(600_000) }).expect(200);
      expect(await engineering()).toMatchObject({ disbursedCents: 5_600_000, allocatedCents: 1_400_000, remainingCents: 1_000_000 });
      const problem = await refused('record-disbursement', { ...payment, amount: eur(400_001) });
      expect(problem).toMatchObject({ code: 'DisbursementExceedsAllocation', params: { allocationId: 'allocation:cuisines-etape-2', unpaidCents: 400_000, requestedCents: 400_001 } });
      expect(problem.title).toContain('répartition');
    });
  });
});
