import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { disbursed, grant } from '../../testing/commitments.fixtures.js';

const disburse = (disbursementId: string, cents: number, extra: Record<string, unknown> = {}) =>
  when('RecordDisbursement', { ...disbursed(disbursementId, cents).data, ...extra });

describe('RecordDisbursement', () => {
  it('records a payment within the pledge', () => given([...citeesMembers(), grant()]).when(disburse('d1', 5_000_000)).then([disbursed('d1', 5_000_000)]));

  it('D4 payments never exceed the pledge: 90,000.01 € against 90,000 € is refused', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 5_000_000)])
      .when(disburse('d2', 4_000_001))
      .thenThrows(Code.DisbursementExceedsCommitment, { pledgedCents: 9_000_000, disbursedCents: 5_000_000, requestedCents: 4_000_001 }));

  it('the commitment must exist and be active', () =>
    given([...citeesMembers(), grant(), event('CommitmentWithdrawn', { commitmentId: 'commitment:engineering', reason: 'fin', withdrawnOn: '2025', disbursedSoFar: { cents: 0, currency: 'EUR' } })])
      .when(disburse('d1', 100))
      .thenThrows(Code.CommitmentNotActive, { status: 'withdrawn' }));

  it('only money is disbursed', () =>
    given([...citeesMembers(), grant({ kind: 'staffTime', amount: undefined })]).when(disburse('d1', 100)).thenThrows(Code.NotAFinancialCommitment));

  it('a disbursement is recorded once', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 100)]).when(disburse('d1', 100)).thenThrows(Code.DisbursementAlreadyRecorded));

  it('the recipient is the beneficiary or a participant', () =>
    given([...citeesMembers(), grant()]).when(disburse('d1', 100, { toOrganisationId: 'org:onesight' })).thenThrows(Code.RecipientNotEligible));

  it('money is not paid before the commitment period', () =>
    given([...citeesMembers(), grant()]).when(disburse('d1', 100, { disbursedOn: '2024-12' })).thenThrows(Code.DisbursedBeforeCommitment));

  it('an undisclosed pledge has no ceiling to check', () =>
    given([...citeesMembers(), grant({ amount: { status: 'notDisclosed' } })]).when(disburse('d1', 50_000_000)).then([disbursed('d1', 50_000_000)]));
});
