import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const planned = event('MilestonePlanned', { milestoneId: 'milestone:atelier', label: 'Ouverture de l’atelier', kind: 'venueOpened', dueBy: '2026', warnings: [] });
const reach = (extra: Record<string, unknown> = {}) => ({ milestoneId: 'milestone:atelier', label: 'Ouverture de l’atelier', kind: 'venueOpened' as const, reachedOn: '2026-05', ...extra });

describe('RecordMilestoneReached', () => {
  it('reaches a planned milestone', () =>
    given([...citeesMembers(), planned]).when(when('RecordMilestoneReached', reach())).then([event('MilestoneReached', { ...reach(), planned: true })]));

  it('records a milestone as it happened', () =>
    given(citeesMembers()).when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:new' }))).then([event('MilestoneReached', { ...reach({ milestoneId: 'milestone:new' }), planned: false })]));

  it('on a closed cooperation, only a milestone reached by its closing (§8.1: retrospective)', () => {
    const closed = event('CooperationClosed', { closedOn: '2026-06', reason: 'completed', fromPhase: 'implementation' });
    given([...citeesMembers(), closed]).when(when('RecordMilestoneReached', reach({ reachedOn: '2026-09' }))).thenThrows(Code.CooperationClosed, { closedOn: '2026-06' });
    given([...citeesMembers(), closed]).when(when('RecordMilestoneReached', reach({ reachedOn: '2026-05' }))).then([event('MilestoneReached', { ...reach({ reachedOn: '2026-05' }), planned: false })]);
  });

  it('a milestone is reached once', () =>
    given([...citeesMembers(), planned, event('MilestoneReached', { ...reach(), planned: true })]).when(when('RecordMilestoneReached', reach())).thenThrows(Code.MilestoneAlreadyReached));

  it('before the proposal, it must be marked as pre-history', () =>
    given(citeesMembers()).when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:2003', reachedOn: '2003' }))).thenThrows(Code.MilestoneBeforeProposal, { proposedOn: '2025' }));

  it('pre-history is accepted with its provenance', () =>
    given(citeesMembers())
      .when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:2003', reachedOn: '2003', preHistory: true })))
      .then([event('MilestoneReached', { ...reach({ milestoneId: 'milestone:2003', reachedOn: '2003', preHistory: true }), planned: false })]));
});
