import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, proposed, when } from '../../testing/fixtures.js';

const plan = (dueBy: string, milestoneId = 'milestone:1') => ({ milestoneId, label: 'Rotation du pilotage', kind: 'leadRotation' as const, dueBy });

describe('PlanMilestone', () => {
  it('plans a milestone', () => given(citeesMembers()).when(when('PlanMilestone', plan('2026-12'))).then([event('MilestonePlanned', { ...plan('2026-12'), warnings: [] })]));

  it('C4 beyond the programme horizon (TEC: 36 months from 2025-11-03) it is accepted with a warning', () =>
    given([proposed({ programmeId: 'programme:tec' })])
      .when(when('PlanMilestone', plan('2029-06')))
      .then([event('MilestonePlanned', { ...plan('2029-06'), warnings: [{ code: 'BeyondProgrammeHorizon', params: { dueBy: '2029-06', programmeId: 'programme:tec', horizon: '2028-11-03' } }] })]));

  it('within the horizon, no warning', () =>
    given([proposed({ programmeId: 'programme:tec' })]).when(when('PlanMilestone', plan('2028-10'))).then([event('MilestonePlanned', { ...plan('2028-10'), warnings: [] })]));

  it('the label of an open milestone is not reused', () =>
    given([...citeesMembers(), event('MilestonePlanned', { ...plan('2026-12'), warnings: [] })])
      .when(when('PlanMilestone', plan('2027-12', 'milestone:2')))
      .thenThrows(Code.MilestoneLabelAlreadyUsed, { milestoneId: 'milestone:1' }));
});
