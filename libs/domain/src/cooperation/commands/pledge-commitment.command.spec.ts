import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { grant } from '../../testing/commitments.fixtures.js';

const pledge = (extra: Partial<ReturnType<typeof grant>['data']> = {}) => when('PledgeCommitment', { ...grant().data, ...extra });

describe('PledgeCommitment', () => {
  it('records a pledge', () => given(citeesMembers()).when(pledge()).then([grant()]));

  it('A5 an undisclosed amount is accepted as such', () =>
    given(citeesMembers()).when(pledge({ amount: { status: 'notDisclosed' } })).then([grant({ amount: { status: 'notDisclosed' } })]));

  it('a commitment id is used once', () => given([...citeesMembers(), grant()]).when(pledge()).thenThrows(Code.CommitmentAlreadyExists));

  it('the pledging organisation must take part', () =>
    given(citeesMembers()).when(pledge({ organisationId: 'org:onesight' })).thenThrows(Code.PledgerNotParticipant, { organisationId: 'org:onesight' }));

  it('so must every co-funder of a joint commitment', () =>
    given(citeesMembers()).when(pledge({ coFunderOrganisationIds: ['org:banlieues-sante', 'org:acme'] })).thenThrows(Code.PledgerNotParticipant, { organisationId: 'org:acme' }));

  it('a financial commitment with a stated amount needs a positive one', () =>
    given(citeesMembers()).when(pledge({ amount: { status: 'stated', cents: 0, currency: 'EUR' } })).thenThrows(Code.NonPositiveAmount));

  it('a non-financial commitment says what it brings', () =>
    given(citeesMembers()).when(pledge({ kind: 'staffTime', amount: undefined, description: '  ' })).thenThrows(Code.CommitmentUndescribed));

  it('B4 the beneficiary must take part', () =>
    given(citeesMembers()).when(pledge({ beneficiaryOrganisationId: 'org:onesight' })).thenThrows(Code.BeneficiaryNotParticipant, { organisationId: 'org:onesight' }));

  it('the period cannot end before it starts', () =>
    given(citeesMembers()).when(pledge({ period: { from: '2026', to: '2025' } })).thenThrows(Code.InvalidPeriod));

  it('a cited support decision must be an approval by the same organisation', () =>
    given([
      ...citeesMembers(),
      event('SupportDecisionRecorded', { supportDecisionId: 'support:1', deciderOrganisationId: 'org:fondation-macif', decidingBody: 'board', bodyLabel: 'CA', outcome: 'rejected', conditions: [], decidedOn: '2025' }),
    ]).when(pledge({ supportDecisionId: 'support:1' })).thenThrows(Code.SupportDecisionMismatch, { outcome: 'rejected' }));

  it('a conditional support decision is not an approval yet (E37)', () =>
    given([
      ...citeesMembers(),
      event('SupportDecisionRecorded', { supportDecisionId: 'support:1', deciderOrganisationId: 'org:fondation-macif', decidingBody: 'board', bodyLabel: 'CA', outcome: 'conditional', conditions: ['un plan de financement'], decidedOn: '2025' }),
    ]).when(pledge({ supportDecisionId: 'support:1' })).thenThrows(Code.SupportDecisionMismatch, { outcome: 'conditional' }));
});
