import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant, ensureValidCommitmentTerms } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CommitmentPledged } from '../events/index.js';

export type PledgeCommitment = Command<'PledgeCommitment', CommitmentPledged['data']>;

export const pledgeCommitment = (command: PledgeCommitment, state: CooperationState): CommitmentPledged[] => {
  const { data } = command;
  ensure(!state.commitments[data.commitmentId], Code.CommitmentAlreadyExists, { commitmentId: data.commitmentId });
  for (const organisationId of [data.organisationId, ...data.coFunderOrganisationIds]) {
    ensureActiveParticipant(state, organisationId, Code.PledgerNotParticipant);
  }
  ensureValidCommitmentTerms(data);
  if (data.beneficiaryOrganisationId) ensureActiveParticipant(state, data.beneficiaryOrganisationId, Code.BeneficiaryNotParticipant);
  if (data.supportDecisionId) {
    const decision = state.supportDecisions[data.supportDecisionId];
    ensure(
      // E37: « not approved » is refused, a conditional outcome included — the pledge records its conditions once they are met.
      decision?.outcome === 'approved' && decision.deciderOrganisationId === data.organisationId,
      Code.SupportDecisionMismatch,
      { supportDecisionId: data.supportDecisionId, outcome: decision?.outcome, deciderOrganisationId: decision?.deciderOrganisationId },
    );
  }
  return [{ type: 'CommitmentPledged', data }];
};
