import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { holdsRole, isFinancial, remainingCents, type CooperationState } from '../cooperation.state.js';
import type { CoFundingAllocated, CoFundingWarning } from '../events/index.js';
import { activeCommitment } from './active-commitment.js';
import { ensureDecisionByMandate } from './approved-decision.js';

export type AllocateCoFunding = Command<'AllocateCoFunding', Omit<CoFundingAllocated['data'], 'warnings'>>;

/**
 * A funders' committee shares out an action's co-financing. A share drawn on a commitment stays within what the
 * commitment can still fund (`remainingCents`); one drawn on an undisclosed amount cannot be checked, so it is
 * accepted with a `RemainingAmountUnknown` warning rather than refused or silently trusted.
 */
export const allocateCoFunding = (command: AllocateCoFunding, state: CooperationState): CoFundingAllocated[] => {
  const { data } = command;
  ensure(!state.allocationIds.includes(data.allocationId), Code.AllocationAlreadyExists, { allocationId: data.allocationId });
  ensureDecisionByMandate(state, data.decisionId, 'allocateFunding');
  ensure(state.actions[data.actionId], Code.ActionNotFound, { actionId: data.actionId });
  ensure(data.allocations.length > 0, Code.NoAllocations);
  const requested: Record<string, number> = {};
  const warnings: CoFundingWarning[] = [];
  for (const { funderOrganisationId, commitmentId, amount } of data.allocations) {
    ensure(holdsRole(state, funderOrganisationId, 'Funder'), Code.CoFunderLacksFunderRole, { organisationId: funderOrganisationId });
    ensure(amount.cents > 0, Code.NonPositiveAmount, { amount });
    if (commitmentId === undefined) continue;
    const commitment = activeCommitment(state, commitmentId);
    ensure(isFinancial(commitment), Code.NotAFinancialCommitment, { commitmentId, kind: commitment.kind });
    const funders = [commitment.organisationId, ...commitment.coFunderOrganisationIds];
    ensure(funders.includes(funderOrganisationId), Code.CommitmentOfAnotherFunder, { commitmentId, funderOrganisationId, funders });
    const remaining = remainingCents(commitment);
    if (remaining === undefined) {
      if (!warnings.some((w) => w.params.commitmentId === commitmentId)) warnings.push({ code: 'RemainingAmountUnknown', params: { commitmentId } });
      continue;
    }
    requested[commitmentId] = (requested[commitmentId] ?? 0) + amount.cents;
    ensure(requested[commitmentId] <= remaining, Code.AllocationExceedsCommitment, {
      commitmentId,
      remainingCents: remaining,
      requestedCents: requested[commitmentId],
      disbursedCents: commitment.disbursedCents,
      allocatedCents: commitment.allocatedCents,
    });
  }
  return [{ type: 'CoFundingAllocated', data: { ...data, warnings } }];
};
