import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, Decision } from '../cooperation.state.js';
import type { Mandate } from '../cooperation.vocabulary.js';

/** A command that cites the decision behind it cites one that exists and approved it. */
export const ensureApprovedDecision = (state: CooperationState, decisionId: string | undefined): Decision | undefined => {
  if (decisionId === undefined) return undefined;
  const decision = state.decisions[decisionId];
  ensure(decision, Code.DecisionNotFound, { decisionId });
  ensure(decision.outcome === 'approved', Code.DecisionNotApproved, { decisionId, outcome: decision.outcome });
  return decision;
};

/**
 * The decision an adoption cites (E21, E25): approved, by the adopting instance, on a charter's adoption or amendment,
 * and, when it names its subject, on this one.
 */
export const ensureAdoptionDecision = (state: CooperationState, decisionId: string | undefined, instanceId: string, subjectRefs: readonly string[]): void => {
  ensure(decisionId !== undefined, Code.AdoptionDecisionRequired, { instanceId });
  const decision = ensureApprovedDecision(state, decisionId)!;
  const about = (decision.subjectType === 'charterAdoption' || decision.subjectType === 'charterAmendment') && (decision.subjectRef === undefined || subjectRefs.includes(decision.subjectRef));
  ensure(decision.instanceId === instanceId && about, Code.AdoptionDecisionMismatch, {
    decisionId, decisionInstanceId: decision.instanceId, instanceId, subjectType: decision.subjectType, subjectRef: decision.subjectRef,
  });
};

/** The decision cites an approval by an instance holding `mandate` (e.g. a funders' committee's `allocateFunding`). */
export const ensureDecisionByMandate = (state: CooperationState, decisionId: string, mandate: Mandate): Decision => {
  const decision = ensureApprovedDecision(state, decisionId)!;
  const instance = state.instances[decision.instanceId];
  ensure(instance?.mandate.includes(mandate), Code.InstanceLacksMandate, { decisionId, instanceId: decision.instanceId, mandate });
  return decision;
};
