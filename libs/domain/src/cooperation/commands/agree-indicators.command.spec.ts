import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { decisionRecorded, meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const meals = { code: 'repas', label: 'Repas servis par an', unit: 'repas', target: 650_000, frequency: 'annual' };
const jobs = { code: 'postes', label: 'Postes permanents', unit: 'postes', frequency: 'annual' };
const agreed = () => [...seatedCommittee(), meetingScheduled(), meetingHeld(), decisionRecorded('decision:1', { subjectType: 'indicators' })];
const agree = (indicators = [meals, jobs], decisionId = 'decision:1') => ({ indicatorSetId: 'indicators:1', indicators, decisionId });

describe('AgreeIndicators', () => {
  it('records the indicators the committee agreed', () =>
    given(agreed()).when(when('AgreeIndicators', agree())).then([event('IndicatorsAgreed', agree())]));

  it('the set is not empty', () => given(agreed()).when(when('AgreeIndicators', agree([]))).thenThrows(Code.EmptyIndicatorSet));

  it('codes are unique', () => given(agreed()).when(when('AgreeIndicators', agree([meals, meals]))).thenThrows(Code.DuplicateIndicatorCode, { code: 'repas' }));

  it('the decision must exist', () => given(agreed()).when(when('AgreeIndicators', agree([meals], 'decision:x'))).thenThrows(Code.DecisionNotFound));
});
