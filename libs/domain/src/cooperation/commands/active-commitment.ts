import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { Commitment, CooperationState } from '../cooperation.state.js';

/** The commitment, which must exist and be neither withdrawn, fulfilled nor carried over to a successor. */
export const activeCommitment = (state: CooperationState, commitmentId: string): Commitment => {
  const commitment = state.commitments[commitmentId];
  ensure(commitment, Code.CommitmentNotFound, { commitmentId });
  ensure(commitment.status === 'active', Code.CommitmentNotActive, { commitmentId, status: commitment.status });
  return commitment;
};
