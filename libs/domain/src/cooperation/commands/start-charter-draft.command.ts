import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { KINDS_ADOPTED_BY_SIGNATURE } from '../cooperation.vocabulary.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import { isCharterInDraft, type CooperationState } from '../cooperation.state.js';
import type { CharterDraftStarted } from '../events/index.js';

export type StartCharterDraft = Command<'StartCharterDraft', CharterDraftStarted['data']>;

export const startCharterDraft = (command: StartCharterDraft, state: CooperationState): CharterDraftStarted[] => {
  const { data } = command;
  ensure(!state.charters[data.charterId], Code.CharterAlreadyExists, { charterId: data.charterId });
  for (const organisationId of data.draftingOrganisationIds) {
    ensureActiveParticipant(state, organisationId, Code.DraftingOrganisationNotParticipant);
  }
  const open = Object.values(state.charters).find((c) => c.kind === data.kind && isCharterInDraft(c));
  ensure(!open, Code.CharterDraftAlreadyOpen, { kind: data.kind, charterId: open?.charterId });
  // An agreement is adopted by its parties' signatures (E21): named none, its parties are those drafting it.
  const byParties = KINDS_ADOPTED_BY_SIGNATURE.includes(data.kind) && data.plannedSignatoryOrganisationIds.length === 0;
  return [{ type: 'CharterDraftStarted', data: byParties ? { ...data, plannedSignatoryOrganisationIds: data.draftingOrganisationIds } : data }];
};
