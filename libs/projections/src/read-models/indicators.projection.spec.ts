import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import { correctionOf, recorderFor } from '../testing/recorded-events.js';
import { getIndicators, indicatorsAndEvaluations } from './indicators.projection.js';

const COOP = 'coop:restos-passerelle';
const recorded = recorderFor(COOP);

describe('indicators read model', () => {
  const db = new Database(':memory:');
  indicatorsAndEvaluations.init(db);
  const apply = (event: CooperationEvent) => indicatorsAndEvaluations.apply(db, recorded(event));
  const decision: CooperationEvent = {
    type: 'DecisionRecorded',
    data: { decisionId: 'decision:indicateurs', instanceId: 'instance:gp', writtenProcedure: true, subjectType: 'indicators', outcome: 'approved', text: 'Indicateurs', consensus: true, decidedOn: '2017-03' },
  };
  const agreed: CooperationEvent = {
    type: 'IndicatorsAgreed',
    data: { indicatorSetId: 'indicators:1', decisionId: 'decision:indicateurs', indicators: [{ code: 'repas', label: 'Repas servis par an', unit: 'repas', baseline: 650_000, frequency: 'annuel' }] },
  };
  const evaluation = (evaluationId: string, year: string, value: number): CooperationEvent => ({
    type: 'EvaluationRecorded',
    data: { evaluationId, kind: 'annualReview', conductedByOrganisationId: 'org:appui', period: { from: year }, measurements: [{ indicatorCode: 'repas', label: 'Repas', value, unit: 'repas' }, { label: 'autre', value: 1, unit: 'u' }], findings: `Bilan ${year}` },
  });
  apply(decision);
  apply(agreed);
  apply(evaluation('evaluation:2019', '2019', 700_000));
  apply(evaluation('evaluation:2018', '2018', 680_000));

  it('dates a set by its decision, and follows each indicator over the evaluations by its code, oldest first', () => {
    const view = getIndicators(db, COOP);
    expect(view.indicatorSets).toEqual([{ indicatorSetId: 'indicators:1', decisionId: 'decision:indicateurs', agreedOn: '2017-03', indicators: (agreed.data as { indicators: unknown }).indicators, assumedForDemo: false }]);
    expect(view.indicators[0]!.measurements.map((m) => [m.evaluationId, m.value])).toEqual([['evaluation:2018', 680_000], ['evaluation:2019', 700_000]]);
    expect(view.evaluations.map((e) => e.evaluationId)).toEqual(['evaluation:2019', 'evaluation:2018']);
    expect(getIndicators(db, 'coop:other')).toEqual({ indicatorSets: [], indicators: [], evaluations: [] });
  });

  it('shows corrected values (E50): the decision’s date, an indicator’s target, an evaluation’s findings', () => {
    apply(correctionOf(decision, 'decidedOn', '2017-03', '2017-04'));
    apply(correctionOf(agreed, 'indicators.0.baseline', 650_000, 640_000));
    apply(correctionOf(evaluation('evaluation:2019', '2019', 700_000), 'findings', 'Bilan 2019', 'Bilan 2019 (révisé)'));
    const view = getIndicators(db, COOP);
    expect(view.indicatorSets[0]).toMatchObject({ agreedOn: '2017-04', indicators: [expect.objectContaining({ baseline: 640_000 })] });
    expect(view.evaluations[0]).toMatchObject({ evaluationId: 'evaluation:2019', findings: 'Bilan 2019 (révisé)' });
  });
});
