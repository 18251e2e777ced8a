import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { isFinancial, type CooperationState } from '../cooperation.state.js';
import { isStated } from '../cooperation.vocabulary.js';
import type { CommitmentFulfilled } from '../events/index.js';
import { activeCommitment } from './active-commitment.js';

export type MarkCommitmentFulfilled = Command<'MarkCommitmentFulfilled', CommitmentFulfilled['data']>;

export const markCommitmentFulfilled = (command: MarkCommitmentFulfilled, state: CooperationState): CommitmentFulfilled[] => {
  const { data } = command;
  const commitment = activeCommitment(state, data.commitmentId);
  const shortfall = isFinancial(commitment) && isStated(commitment.amount) && commitment.disbursedCents < commitment.amount.cents;
  ensure(!shortfall || data.partial || data.reason?.trim(), Code.CommitmentNotFullyDisbursed, {
    commitmentId: data.commitmentId,
    disbursedCents: commitment.disbursedCents,
  });
  return [{ type: 'CommitmentFulfilled', data }];
};
