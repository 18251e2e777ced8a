import type { Command } from '../../shared/decider.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CommitmentWithdrawn } from '../events/index.js';
import { changeableCommitment } from './active-commitment.js';

export type WithdrawCommitment = Command<'WithdrawCommitment', Omit<CommitmentWithdrawn['data'], 'disbursedSoFarCents'>>;

export const withdrawCommitment = (command: WithdrawCommitment, state: CooperationState): CommitmentWithdrawn[] => {
  const commitment = changeableCommitment(state, command.data.commitmentId);
  return [{ type: 'CommitmentWithdrawn', data: { ...command.data, disbursedSoFarCents: commitment.disbursedCents } }];
};
