import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import { isCharterInDraft, latestVersion, type CooperationState } from '../cooperation.state.js';
import type { CharterAdopted } from '../events/index.js';
import { ensureAdoptingInstance } from './adopting-instance.js';
import { ensureAdoptionDecision } from './approved-decision.js';

export type AdoptCharter = Command<'AdoptCharter', CharterAdopted['data']>;

export const adoptCharter = (command: AdoptCharter, state: CooperationState): CharterAdopted[] => {
  const { data } = command;
  const charter = state.charters[data.charterId];
  ensure(charter, Code.CharterNotFound, { charterId: data.charterId });
  ensure(isCharterInDraft(charter), Code.CharterAlreadyAdopted, { charterId: data.charterId });
  const latest = latestVersion(charter);
  ensure(latest && latest.version === data.version, Code.NotLatestDraftVersion, { version: data.version, latestVersion: latest?.version });
  ensure(latest.contentHash === data.contentHash, Code.ContentHashMismatch, { version: data.version });
  ensureAdoptingInstance(state, data.instanceId, data.adoptedOn);
  // E21: adopted « by a decision of an instance »: that instance's approval of this charter.
  ensureAdoptionDecision(state, data.decisionId, data.instanceId, [data.charterId]);
  // It enters into force once every required signatory has signed (§8.9): with none, it never would.
  ensure(data.requiredSignatoryOrganisationIds.length > 0, Code.NoRequiredSignatories, { charterId: data.charterId, version: data.version });
  for (const organisationId of data.requiredSignatoryOrganisationIds) {
    ensureActiveParticipant(state, organisationId, Code.RequiredSignatoryNotParticipant);
  }
  return [{ type: 'CharterAdopted', data }];
};
