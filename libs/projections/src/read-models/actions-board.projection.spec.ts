import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import type { Provenance } from '#event-store';
import { correctionOf, recorderFor } from '../testing/recorded-events.js';
import { actionsBoard, getActionsBoard } from './actions-board.projection.js';

const COOP = 'coop:citees-marseille';
const STATED: Provenance = { document: '000_0dc475c9d600a2f3.txt', confidence: 'stated' };
const DEMO: Provenance = { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' };
const recorded = recorderFor(COOP);

const launched = (actionId: string): CooperationEvent => ({
  type: 'ActionLaunched',
  data: { actionId, title: actionId, description: '…', leadOrganisationId: 'org:banlieues-sante', contributingOrganisationIds: [], territoryIds: [], launchedOn: '2026' },
});
const planned = (milestoneId: string): CooperationEvent => ({ type: 'MilestonePlanned', data: { milestoneId, label: milestoneId, kind: 'other', dueBy: '2026-12', warnings: [] } });
const reached = (milestoneId: string, isPlanned: boolean): CooperationEvent => ({
  type: 'MilestoneReached',
  data: { milestoneId, planned: isPlanned, label: milestoneId, kind: 'other', reachedOn: '2026-10' },
});

describe('actions-board read model: demo assumptions (domain.md §9)', () => {
  const db = new Database(':memory:');
  actionsBoard.init(db);
  const apply = (event: CooperationEvent, source?: Provenance) => actionsBoard.apply(db, recorded(event, { source }));
  apply(launched('action:demo'), DEMO);
  apply(launched('action:stated'), STATED);
  apply(launched('action:unsourced'));
  apply(planned('milestone:planned-demo'), DEMO);
  apply(planned('milestone:planned-stated'), STATED);
  apply(planned('milestone:reached-demo'), STATED);
  apply(reached('milestone:reached-demo', true), DEMO);
  apply(planned('milestone:planned-demo-reached-stated'), DEMO);
  apply(reached('milestone:planned-demo-reached-stated', true), STATED);
  apply(reached('milestone:unplanned-demo', false), DEMO);
  apply(reached('milestone:unplanned-stated', false), STATED);
  const board = getActionsBoard(db, COOP);
  const flagOf = (rows: readonly { assumedForDemo: boolean }[], key: 'actionId' | 'milestoneId') =>
    Object.fromEntries(rows.map((row) => [(row as unknown as Record<string, string>)[key], row.assumedForDemo]));

  it('flags an action launched on a demo assumption, and only that one', () => {
    expect(flagOf(board.actions, 'actionId')).toEqual({ 'action:demo': true, 'action:stated': false, 'action:unsourced': false });
  });

  it('flags a milestone planned or reached on a demo assumption; the flag stays once reached', () => {
    expect(flagOf(board.milestones, 'milestoneId')).toEqual({
      'milestone:planned-demo': true,
      'milestone:planned-stated': false,
      'milestone:reached-demo': true,
      'milestone:planned-demo-reached-stated': true,
      'milestone:unplanned-demo': true,
      'milestone:unplanned-stated': false,
    });
    expect(board.milestones.find((m) => m.milestoneId === 'milestone:reached-demo')).toMatchObject({ status: 'reached', reachedOn: '2026-10' });
  });
});

describe('actions-board read model: corrections (E50) set the fields it shows', () => {
  const db = new Database(':memory:');
  actionsBoard.init(db);
  const apply = (event: CooperationEvent) => actionsBoard.apply(db, recorded(event));
  const action = launched('action:depistage');
  const completed: CooperationEvent = { type: 'ActionCompleted', data: { actionId: 'action:depistage', completedOn: '2026-10', results: [{ label: 'personnes dépistées', value: 120, unit: 'personnes' }], narrative: 'fait' } };
  const plan = planned('milestone:planned');
  const reachedPlanned = reached('milestone:planned', true);
  const reachedUnplanned = reached('milestone:unplanned', false);
  for (const event of [action, completed, plan, reachedPlanned, reachedUnplanned]) apply(event);
  apply(correctionOf(action, 'title', 'action:depistage', 'Dépistage visuel'));
  apply(correctionOf(completed, 'results.0.value', 120, 112));
  apply(correctionOf(plan, 'dueBy', '2026-12', '2026-11'));
  apply(correctionOf(reachedPlanned, 'label', 'milestone:planned', 'libellé saisi à l’atteinte'));
  apply(correctionOf(reachedUnplanned, 'label', 'milestone:unplanned', 'Premier repas servi'));
  apply(correctionOf(reachedUnplanned, 'reachedOn', '2026-10', '2026-09'));
  const board = getActionsBoard(db, COOP);
  const milestone = (id: string) => board.milestones.find((m) => m.milestoneId === id);

  it('an action’s title and one of its results', () =>
    expect(board.actions[0]).toMatchObject({ title: 'Dépistage visuel', results: [{ label: 'personnes dépistées', value: 112, unit: 'personnes' }] }));

  it('a milestone’s due date and date reached; the label shown is the plan’s, or the one it was reached under when unplanned', () => {
    expect(milestone('milestone:planned')).toMatchObject({ label: 'milestone:planned', dueBy: '2026-11' });
    expect(milestone('milestone:unplanned')).toMatchObject({ label: 'Premier repas servi', reachedOn: '2026-09' });
  });
});
