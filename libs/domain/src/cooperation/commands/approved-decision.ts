import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, Decision } from '../cooperation.state.js';

/** A command that cites the decision behind it cites one that exists and approved it. */
export const ensureApprovedDecision = (state: CooperationState, decisionId: string | undefined): Decision | undefined => {
  if (decisionId === undefined) return undefined;
  const decision = state.decisions[decisionId];
  ensure(decision, Code.DecisionNotFound, { decisionId });
  ensure(decision.outcome === 'approved', Code.DecisionNotApproved, { decisionId, outcome: decision.outcome });
  return decision;
};
