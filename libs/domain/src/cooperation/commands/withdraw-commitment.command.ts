import type { Command } from '../../shared/decider.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CommitmentWithdrawn } from '../events/index.js';
import { activeCommitment } from './active-commitment.js';

export type WithdrawCommitment = Command<'WithdrawCommitment', Omit<CommitmentWithdrawn['data'], 'disbursedSoFar'>>;

/** Only the committing organisation (or platform staff) may withdraw it: access/access-policy.ts checks who. */
export const withdrawCommitment = (command: WithdrawCommitment, state: CooperationState): CommitmentWithdrawn[] => {
  const commitment = activeCommitment(state, command.data.commitmentId);
  return [{ type: 'CommitmentWithdrawn', data: { ...command.data, disbursedSoFar: { cents: commitment.disbursedCents, currency: 'EUR' } } }];
};
