import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const planned = event('MilestonePlanned', { milestoneId: 'milestone:atelier', label: 'Ouverture de l’atelier', kind: 'venueOpened', dueBy: '2026', warnings: [] });
const reach = (extra: Record<string, unknown> = {}) => ({ milestoneId: 'milestone:atelier', label: 'Ouverture de l’atelier', kind: 'venueOpened' as const, reachedOn: '2026-05', ...extra });

/** The command as the API sends it when the caller named no milestone: its id made up (CommandSender). */
const byLabel = (extra: Record<string, unknown> = {}) => {
  const command = when('RecordMilestoneReached', reach({ milestoneId: 'milestone:made-up', ...extra }));
  return { ...command, metadata: { ...command.metadata, generatedIds: ['milestoneId'] } };
};

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

  it('named by its label alone (E46 milestoneId?), reaches the open milestone planned under it, the label compared as names are', () =>
    given([...citeesMembers(), planned])
      .when(byLabel({ label: 'OUVERTURE DE L’ATELIER ' }))
      .then([event('MilestoneReached', { ...reach({ label: 'OUVERTURE DE L’ATELIER ' }), milestoneId: 'milestone:atelier', planned: true })]));

  it('by a label no milestone carries, it is recorded as it happened under the made-up id', () =>
    given([...citeesMembers(), planned])
      .when(byLabel({ label: 'Première récolte' }))
      .then([event('MilestoneReached', { ...reach({ label: 'Première récolte' }), milestoneId: 'milestone:made-up', planned: false })]));

  it('by the label of a milestone already reached (planned or not), it is refused as that one: the same request twice records it once', () => {
    given([...citeesMembers(), planned, event('MilestoneReached', { ...reach(), planned: true })])
      .when(byLabel({ label: 'ouverture de l’atelier' }))
      .thenThrows(Code.MilestoneAlreadyReached, { milestoneId: 'milestone:atelier' });
    const unplanned = event('MilestoneReached', { ...reach({ milestoneId: 'milestone:recolte', label: 'Première récolte' }), planned: false });
    given([...citeesMembers(), unplanned]).when(byLabel({ label: 'Première récolte' })).thenThrows(Code.MilestoneAlreadyReached, { milestoneId: 'milestone:recolte' });
  });

  it('by a label reached once and planned again, it reaches the open one', () =>
    given([...citeesMembers(), planned, event('MilestoneReached', { ...reach(), planned: true }), event('MilestonePlanned', { milestoneId: 'milestone:atelier-2', label: 'Ouverture de l’atelier', kind: 'venueOpened', dueBy: '2027', warnings: [] })])
      .when(byLabel())
      .then([event('MilestoneReached', { ...reach(), milestoneId: 'milestone:atelier-2', planned: true })]));

  it('a new id the caller chose is theirs: it records a milestone as it happened even under a planned label', () =>
    given([...citeesMembers(), planned])
      .when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:other' })))
      .then([event('MilestoneReached', { ...reach({ milestoneId: 'milestone:other' }), planned: false })]));

  it('a milestone is reached once', () =>
    given([...citeesMembers(), planned, event('MilestoneReached', { ...reach(), planned: true })]).when(when('RecordMilestoneReached', reach())).thenThrows(Code.MilestoneAlreadyReached));

  it('before the proposal, it must be marked as pre-history', () =>
    given(citeesMembers()).when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:2003', reachedOn: '2003' }))).thenThrows(Code.MilestoneBeforeProposal, { proposedOn: '2025' }));

  it('pre-history is accepted with its provenance', () =>
    given(citeesMembers())
      .when(when('RecordMilestoneReached', reach({ milestoneId: 'milestone:2003', reachedOn: '2003', preHistory: true })))
      .then([event('MilestoneReached', { ...reach({ milestoneId: 'milestone:2003', reachedOn: '2003', preHistory: true }), planned: false })]));
});
