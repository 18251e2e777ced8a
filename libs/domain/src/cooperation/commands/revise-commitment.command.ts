import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureValidCommitmentTerms } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import { isStated } from '../cooperation.vocabulary.js';
import type { CommitmentRevised } from '../events/index.js';
import { activeCommitment } from './active-commitment.js';

export type ReviseCommitment = Command<'ReviseCommitment', CommitmentRevised['data']>;

/** Only the committing organisation (or platform staff) may revise it: access/access-policy.ts checks who. */
export const reviseCommitment = (command: ReviseCommitment, state: CooperationState): CommitmentRevised[] => {
  const { commitmentId, changes } = command.data;
  const commitment = activeCommitment(state, commitmentId);
  ensure(Object.values(changes).some((change) => change !== undefined), Code.NothingToRevise, { commitmentId });
  // The pledge's own rules hold on the terms the revision leaves, not just on the fields it names.
  ensureValidCommitmentTerms({
    kind: commitment.kind,
    amount: changes.amount ?? commitment.amount,
    quantity: changes.quantity ?? commitment.quantity,
    description: changes.description ?? commitment.description,
    period: { from: commitment.periodFrom, to: changes.period?.to ?? commitment.periodTo },
  });
  if (isStated(changes.amount)) {
    const { disbursedCents, allocatedCents } = commitment;
    const figures = { commitmentId, revisedCents: changes.amount.cents, disbursedCents, allocatedCents };
    ensure(changes.amount.cents >= disbursedCents, Code.RevisedAmountBelowDisbursed, figures);
    ensure(changes.amount.cents >= disbursedCents + allocatedCents, Code.RevisedAmountBelowAllocated, figures);
  }
  return [{ type: 'CommitmentRevised', data: command.data }];
};
