import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import { isCharterInDraft, pendingAmendment, type CooperationState } from '../cooperation.state.js';
import type { CharterDraftRevised } from '../events/index.js';

export type ReviseCharterDraft = Command<'ReviseCharterDraft', CharterDraftRevised['data']>;

export const reviseCharterDraft = (command: ReviseCharterDraft, state: CooperationState): CharterDraftRevised[] => {
  const { data } = command;
  const charter = state.charters[data.charterId];
  ensure(charter, Code.CharterNotFound, { charterId: data.charterId });
  ensure(isCharterInDraft(charter) || pendingAmendment(charter), Code.CharterNotInDraft, { charterId: data.charterId });
  const expected = charter.versions.length + 1;
  ensure(data.version === expected, Code.UnexpectedDraftVersion, { expectedVersion: expected, version: data.version });
  ensureActiveParticipant(state, data.contributedByOrganisationId, Code.ContributorNotParticipant);
  return [{ type: 'CharterDraftRevised', data }];
};
