import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { actionLaunched, citeesMembers, event, given, started, when } from '../../testing/fixtures.js';

const completion = { actionId: 'action:depistage', completedOn: '2026-09', results: [{ label: 'personnes dépistées', value: 120, unit: 'personnes' }], narrative: 'bilan' };

describe('CompleteAction', () => {
  it('completes a launched action with its results', () =>
    given([...citeesMembers(), started(), actionLaunched()]).when(when('CompleteAction', completion)).then([event('ActionCompleted', completion)]));

  it('only once', () =>
    given([...citeesMembers(), started(), actionLaunched(), event('ActionCompleted', completion)]).when(when('CompleteAction', completion)).thenThrows(Code.ActionAlreadyCompleted));

  it('not before its launch', () =>
    given([...citeesMembers(), started(), actionLaunched()]).when(when('CompleteAction', { ...completion, completedOn: '2026-01' })).thenThrows(Code.CompletedBeforeLaunch));

  it('an unknown action', () => given([...citeesMembers(), started()]).when(when('CompleteAction', completion)).thenThrows(Code.ActionNotFound));
});
