import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import { isStated } from '../cooperation.vocabulary.js';
import type { SupportDecisionRecorded } from '../events/index.js';

export type RecordSupportDecision = Command<'RecordSupportDecision', SupportDecisionRecorded['data']>;

export const recordSupportDecision = (
  command: RecordSupportDecision,
  state: CooperationState,
  directory: Directory,
): SupportDecisionRecorded[] => {
  const { data } = command;
  ensure(!state.supportDecisions[data.supportDecisionId], Code.SupportDecisionAlreadyExists, { supportDecisionId: data.supportDecisionId });
  ensure(directory.organisation(data.deciderOrganisationId), Code.OrganisationNotRegistered, { organisationId: data.deciderOrganisationId });
  ensure(!(data.outcome === 'approved' && isStated(data.amount) && data.amount.cents <= 0), Code.NonPositiveAmount, { amount: data.amount });
  return [{ type: 'SupportDecisionRecorded', data }];
};
