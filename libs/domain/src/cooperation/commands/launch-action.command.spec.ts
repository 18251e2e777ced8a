import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { LaunchAction } from './launch-action.command.js';
import { actionLaunched, citeesMembers, given, started, when } from '../../testing/fixtures.js';

const launch = (extra: Partial<LaunchAction['data']> = {}) => when('LaunchAction', { ...actionLaunched().data, ...extra });

describe('LaunchAction', () => {
  it('launches an action once the cooperation has started', () =>
    given([...citeesMembers(), started()]).when(launch({ territoryIds: ['territory:marseille'] })).then([actionLaunched('action:depistage', { territoryIds: ['territory:marseille'] })]));

  it('B5 no action before the start', () => given(citeesMembers()).when(launch()).thenThrows(Code.CooperationNotStarted, { phase: 'identification' }));

  it('the lead and the contributors are active participants', () =>
    given([...citeesMembers(), started()]).when(launch({ contributingOrganisationIds: ['org:onesight'] })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' }));

  it('its territories lie within the cooperation’s', () =>
    given([...citeesMembers(), started()]).when(launch({ territoryIds: ['territory:toulouse'] })).thenThrows(Code.TerritoryOutsideCooperation, { territoryId: 'territory:toulouse' }));

  it('an action id is used once', () => given([...citeesMembers(), started(), actionLaunched()]).when(launch()).thenThrows(Code.ActionAlreadyExists));
});
