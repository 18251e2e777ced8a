import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CommitmentChanges } from '../events/index.js';
import { actionLaunched, assigned, citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { disbursed, fundersCommittee, fundingDecision, grant, share } from '../../testing/commitments.fixtures.js';

const revision = (changes: CommitmentChanges, commitmentId = 'commitment:engineering') => ({ commitmentId, changes, reason: 'avenant à la convention', revisedOn: '2026-02' });
const revise = (changes: CommitmentChanges, commitmentId?: string) => when('ReviseCommitment', revision(changes, commitmentId));
const euros = (cents: number) => ({ status: 'stated' as const, cents, currency: 'EUR' as const });

describe('ReviseCommitment', () => {
  it('records the revised amount, period end and conditions', () => {
    const changes = { amount: euros(8_000_000), period: { to: '2026-12' }, conditions: ['rapport d’étape'] };
    return given([...citeesMembers(), grant()]).when(revise(changes)).then([event('CommitmentRevised', revision(changes))]);
  });

  it('later payments are bounded by the revised amount', () =>
    given([...citeesMembers(), grant(), event('CommitmentRevised', revision({ amount: euros(8_000_000) }))])
      .when(when('RecordDisbursement', { ...disbursed('d1', 8_000_001).data }))
      .thenThrows(Code.DisbursementExceedsCommitment, { pledgedCents: 8_000_000 }));

  it('an undisclosed amount may become known', () =>
    given([...citeesMembers(), grant({ amount: { status: 'notDisclosed' } })])
      .when(revise({ amount: euros(1_500_000) }))
      .then([event('CommitmentRevised', revision({ amount: euros(1_500_000) }))]));

  it('an unknown commitment cannot be revised', () => given(citeesMembers()).when(revise({ description: 'x' }, 'commitment:x')).thenThrows(Code.CommitmentNotFound));

  it('only an active commitment is revised', () =>
    given([...citeesMembers(), grant(), event('CommitmentFulfilled', { commitmentId: 'commitment:engineering', fulfilledOn: '2026', evidenceRef: 'bilan' })])
      .when(revise({ amount: euros(100) }))
      .thenThrows(Code.CommitmentNotActive, { status: 'fulfilled' }));

  it('a revision changes something', () => given([...citeesMembers(), grant()]).when(revise({})).thenThrows(Code.NothingToRevise));

  it('the new amount is not below what was already disbursed', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 5_000_000)])
      .when(revise({ amount: euros(4_999_999) }))
      .thenThrows(Code.RevisedAmountBelowDisbursed, { revisedCents: 4_999_999, disbursedCents: 5_000_000 }));

  it('nor below what was disbursed plus what co-funding allocations earmarked', () =>
    given([
      ...citeesMembers(),
      assigned('assignment:funder', 'org:fondation-macif', 'Funder'),
      grant(),
      disbursed('d1', 5_000_000),
      fundersCommittee(),
      event('CooperationStarted', { startedOn: '2026-01', warnings: [] }),
      actionLaunched(),
      fundingDecision(),
      event('CoFundingAllocated', { allocationId: 'allocation:1', actionId: 'action:depistage', decisionId: 'decision:cofinancement', allocations: [share('org:fondation-macif', 2_000_000, 'commitment:engineering')], warnings: [] }),
    ])
      .when(revise({ amount: euros(6_999_999) }))
      .thenThrows(Code.RevisedAmountBelowAllocated, { disbursedCents: 5_000_000, allocatedCents: 2_000_000 }));

  it('the pledge’s rules hold: a financial amount stays positive', () =>
    given([...citeesMembers(), grant()]).when(revise({ amount: euros(0) })).thenThrows(Code.NonPositiveAmount));

  it('the pledge’s rules hold: the period cannot end before it starts', () =>
    given([...citeesMembers(), grant()]).when(revise({ period: { to: '2024' } })).thenThrows(Code.InvalidPeriod, { from: '2025', to: '2024' }));

  it('the pledge’s rules hold: a non-financial commitment keeps saying what it brings', () =>
    given([...citeesMembers(), grant({ kind: 'staffTime', amount: undefined })]).when(revise({ description: ' ' })).thenThrows(Code.CommitmentUndescribed));

  it('a revised business date cannot lie in the future', () =>
    given([...citeesMembers(), grant()]).when(when('ReviseCommitment', { ...revision({ description: 'x' }), revisedOn: '2027' })).thenThrows(Code.BusinessDateInFuture));
});
