import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { disbursed, grant } from '../../testing/commitments.fixtures.js';

describe('WithdrawCommitment', () => {
  it('records the withdrawal with what was paid so far', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 1_000)])
      .when(when('WithdrawCommitment', { commitmentId: 'commitment:engineering', reason: 'stratégie de sortie', withdrawnOn: '2026' }))
      .then([event('CommitmentWithdrawn', { commitmentId: 'commitment:engineering', reason: 'stratégie de sortie', withdrawnOn: '2026', disbursedSoFar: { cents: 1_000, currency: 'EUR' } })]));

  it('an unknown commitment cannot be withdrawn', () =>
    given(citeesMembers()).when(when('WithdrawCommitment', { commitmentId: 'commitment:x', reason: 'r', withdrawnOn: '2026' })).thenThrows(Code.CommitmentNotFound));
});
