import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { RecordEvaluation } from './record-evaluation.command.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const evaluation = (extra: Partial<RecordEvaluation['data']> = {}): RecordEvaluation['data'] => ({
  evaluationId: 'evaluation:2016',
  kind: 'annualReview',
  conductedByOrganisationId: 'org:inter-made',
  period: { from: '2016', to: '2016' },
  measurements: [{ label: 'repas servis par an', value: 650_000, unit: 'repas' }],
  findings: 'bilan',
  ...extra,
});
const indicators = event('IndicatorsAgreed', { indicatorSetId: 'indicators:1', indicators: [{ code: 'repas', label: 'Repas', unit: 'repas', frequency: 'annual' }], decisionId: 'decision:1' });

describe('RecordEvaluation', () => {
  it('records measurements and findings', () => given(citeesMembers()).when(when('RecordEvaluation', evaluation())).then([event('EvaluationRecorded', evaluation())]));

  it('an indicator code is one agreed', () =>
    given(citeesMembers())
      .when(when('RecordEvaluation', evaluation({ measurements: [{ indicatorCode: 'repas', label: 'repas', value: 1, unit: 'repas' }] })))
      .thenThrows(Code.UnknownIndicatorCode, { indicatorCode: 'repas' }));

  it('once agreed, it may be measured', () =>
    given([...citeesMembers(), indicators])
      .when(when('RecordEvaluation', evaluation({ measurements: [{ indicatorCode: 'repas', label: 'repas', value: 1, unit: 'repas' }] })))
      .then([event('EvaluationRecorded', evaluation({ measurements: [{ indicatorCode: 'repas', label: 'repas', value: 1, unit: 'repas' }] }))]));

  it('the period is valid', () => given(citeesMembers()).when(when('RecordEvaluation', evaluation({ period: { from: '2017', to: '2016' } }))).thenThrows(Code.InvalidPeriod));

  it('the conductor is registered', () =>
    given(citeesMembers()).when(when('RecordEvaluation', evaluation({ conductedByOrganisationId: 'org:nobody' }))).thenThrows(Code.OrganisationNotRegistered));
});
