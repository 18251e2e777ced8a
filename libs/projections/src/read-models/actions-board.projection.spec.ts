import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import type { Provenance } from '#event-store';
import { recorderFor } from '../testing/recorded-events.js';
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
