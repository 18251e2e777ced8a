import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeParticipant, isFinancial, type Commitment, type CooperationState } from '../cooperation.state.js';
import { isStated } from '../cooperation.vocabulary.js';
import type { FundsDisbursed } from '../events/index.js';
import { activeCommitment } from './active-commitment.js';

export type RecordDisbursement = Command<'RecordDisbursement', FundsDisbursed['data']>;

/**
 * A payment that names its co-funding allocation settles that allocation's share on this commitment: the allocation
 * exists, drew on this commitment, and still earmarks at least the amount paid.
 */
const ensurePaysAllocation = (state: CooperationState, commitment: Commitment, allocationId: string, cents: number): void => {
  ensure(state.allocationIds.includes(allocationId), Code.AllocationNotFound, { allocationId });
  const unpaid = commitment.unpaidAllocationCents[allocationId];
  ensure(unpaid !== undefined, Code.AllocationNotOnCommitment, { allocationId, commitmentId: commitment.commitmentId });
  ensure(cents <= unpaid, Code.DisbursementExceedsAllocation, { allocationId, commitmentId: commitment.commitmentId, unpaidCents: unpaid, requestedCents: cents });
};

export const recordDisbursement = (command: RecordDisbursement, state: CooperationState): FundsDisbursed[] => {
  const { data } = command;
  const commitment = activeCommitment(state, data.commitmentId);
  ensure(isFinancial(commitment), Code.NotAFinancialCommitment, { commitmentId: data.commitmentId, kind: commitment.kind });
  const already = Object.values(state.commitments).some((c) => c.disbursementIds.includes(data.disbursementId));
  ensure(!already, Code.DisbursementAlreadyRecorded, { disbursementId: data.disbursementId });
  ensure(data.amount.cents > 0, Code.NonPositiveAmount, { amount: data.amount });
  if (isStated(commitment.amount)) {
    const total = commitment.disbursedCents + data.amount.cents;
    ensure(total <= commitment.amount.cents, Code.DisbursementExceedsCommitment, {
      commitmentId: data.commitmentId,
      pledgedCents: commitment.amount.cents,
      disbursedCents: commitment.disbursedCents,
      requestedCents: data.amount.cents,
    });
  }
  if (data.allocationId !== undefined) ensurePaysAllocation(state, commitment, data.allocationId, data.amount.cents);
  const eligible = data.toOrganisationId === commitment.beneficiaryOrganisationId || activeParticipant(state, data.toOrganisationId);
  ensure(eligible, Code.RecipientNotEligible, { toOrganisationId: data.toOrganisationId });
  ensure(!isDefinitelyBefore(data.disbursedOn, commitment.periodFrom), Code.DisbursedBeforeCommitment, {
    disbursedOn: data.disbursedOn,
    periodFrom: commitment.periodFrom,
  });
  return [{ type: 'FundsDisbursed', data }];
};
