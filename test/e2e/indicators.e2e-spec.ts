import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { RESTOS_PASSERELLE, scenarioA, scenarioD, scenarioDSignaturesAndAfter } from '../../apps/cli/src/demo/scenarios.js';

/**
 * GET /cooperations/{id}/indicators: what a steering committee reads as « indicateurs acceptés de tous » and the latest
 * evaluations (domain.md §10.3), on the Restos Passerelle (scenario D: the 2016 review, then indicators agreed and measured).
 */
describe('indicators and evaluations (E47, E48)', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${RESTOS_PASSERELLE}/${command}`).send(body).expect(200);
  const read = async () => (await carnet.http().get(`/cooperations/${RESTOS_PASSERELLE}/indicators`).expect(200)).body;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA().slice(0, 8), ...scenarioD(), ...scenarioDSignaturesAndAfter()]);
  });
  afterAll(async () => carnet.close());

  it('lists the 2016 review with its figures, before any indicator is agreed', async () => {
    const body = await read();
    expect(body).toMatchObject({ cooperationId: RESTOS_PASSERELLE, indicatorSets: [], indicators: [] });
    expect(body.evaluations).toEqual([
      expect.objectContaining({
        evaluationId: 'evaluation:restos-2016',
        kind: 'annualReview',
        conductedByOrganisationId: 'org:appui',
        period: { from: '2016', to: '2016' },
        findings: 'Plus de 30 % d’emplois durables et 60 % de sorties dynamiques',
        measurements: expect.arrayContaining([{ label: 'repas servis par an', value: 650_000, unit: 'repas' }]),
      }),
    ]);
  });

  it('an indicator agreed by the groupe de pilotage shows its course over the evaluations that measure it, the latest evaluation first', async () => {
    await post('record-decision', {
      decisionId: 'decision:gp-indicateurs', instanceId: 'instance:groupe-de-pilotage', writtenProcedure: true, subjectType: 'indicators',
      outcome: 'approved', text: 'Indicateurs partagés de la coopération', decidedOn: '2017',
    });
    await post('agree-indicators', {
      indicatorSetId: 'indicators:restos-2017', decisionId: 'decision:gp-indicateurs',
      indicators: [{ code: 'repas-par-an', label: 'Repas servis par an', unit: 'repas', baseline: 650_000, target: 700_000, frequency: 'annuel' }],
    });
    for (const [year, value] of [['2018', 690_000], ['2017', 672_000]] as const) {
      await post('record-evaluation', {
        evaluationId: `evaluation:restos-${year}`, kind: 'annualReview', conductedByOrganisationId: 'org:appui', period: { from: year, to: year },
        measurements: [{ indicatorCode: 'repas-par-an', label: 'Repas servis par an', value, unit: 'repas' }], findings: `Bilan ${year}`,
      });
    }
    const body = await read();
    expect(body.indicatorSets).toEqual([expect.objectContaining({ indicatorSetId: 'indicators:restos-2017', decisionId: 'decision:gp-indicateurs', agreedOn: '2017' })]);
    expect(body.indicators).toEqual([
      expect.objectContaining({
        code: 'repas-par-an', baseline: 650_000, target: 700_000, indicatorSetId: 'indicators:restos-2017',
        measurements: [
          { evaluationId: 'evaluation:restos-2017', period: { from: '2017', to: '2017' }, value: 672_000, unit: 'repas' },
          { evaluationId: 'evaluation:restos-2018', period: { from: '2018', to: '2018' }, value: 690_000, unit: 'repas' },
        ],
      }),
    ]);
    expect(body.evaluations.map((e: { evaluationId: string }) => e.evaluationId)).toEqual(['evaluation:restos-2018', 'evaluation:restos-2017', 'evaluation:restos-2016']);
  });

  it('an unknown cooperation: 404', async () => {
    expect((await carnet.http().get('/cooperations/coop:nowhere/indicators').expect(404)).body.code).toBe('CooperationNotFound');
  });
});
