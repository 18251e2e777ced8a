import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import { STARTED_PHASES } from '../cooperation.vocabulary.js';
import type { ActionLaunched } from '../events/index.js';

export type LaunchAction = Command<'LaunchAction', ActionLaunched['data']>;

export const launchAction = (command: LaunchAction, state: CooperationState, directory: Directory): ActionLaunched[] => {
  const { data } = command;
  ensure(!state.actions[data.actionId], Code.ActionAlreadyExists, { actionId: data.actionId });
  ensure(STARTED_PHASES.includes(state.phase), Code.CooperationNotStarted, { phase: state.phase });
  for (const organisationId of [data.leadOrganisationId, ...data.contributingOrganisationIds]) ensureActiveParticipant(state, organisationId);
  for (const territoryId of data.territoryIds) {
    // Inside means the cooperation's territory or one of its parts: walking up from the action's territory meets it.
    const inside = [...directory.territoryWithAncestors(territoryId)].some((id) => state.territoryIds.includes(id));
    ensure(inside, Code.TerritoryOutsideCooperation, { territoryId });
  }
  return [{ type: 'ActionLaunched', data }];
};
