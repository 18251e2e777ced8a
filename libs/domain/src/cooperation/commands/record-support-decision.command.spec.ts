import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const data = {
  supportDecisionId: 'support:paca',
  deciderOrganisationId: 'org:fondation-macif',
  decidingBody: 'regionalFoundationCommission' as const,
  bodyLabel: 'Commission régionale PACA & Corse',
  outcome: 'approved' as const,
  amount: { status: 'notDisclosed' as const },
  conditions: [],
  decidedOn: '2025',
};

describe('RecordSupportDecision', () => {
  it('records a foundation body’s decision, amount undisclosed', () =>
    given(citeesMembers()).when(when('RecordSupportDecision', data)).then([event('SupportDecisionRecorded', data)]));

  it('the decider must be registered', () =>
    given(citeesMembers()).when(when('RecordSupportDecision', { ...data, deciderOrganisationId: 'org:unknown' })).thenThrows(Code.OrganisationNotRegistered));

  it('an approval with a stated amount needs a positive one', () =>
    given(citeesMembers())
      .when(when('RecordSupportDecision', { ...data, amount: { status: 'stated', cents: -5, currency: 'EUR' } }))
      .thenThrows(Code.NonPositiveAmount));

  it('a decision id is used once', () =>
    given([...citeesMembers(), event('SupportDecisionRecorded', data)]).when(when('RecordSupportDecision', data)).thenThrows(Code.SupportDecisionAlreadyExists));
});
