import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { BusinessDate, CooperationEvent } from '#domain';
import type { Provenance } from '#event-store';
import { recorderFor } from '../testing/recorded-events.js';
import { cooperationTimeline, getTimeline } from './cooperation-timeline.projection.js';

const COOP = 'coop:restos-passerelle';
const recorded = recorderFor(COOP);

describe('cooperation-timeline read model', () => {
  const db = new Database(':memory:');
  cooperationTimeline.init(db);
  const apply = (event: CooperationEvent, metadata?: { occurredAt?: BusinessDate; source?: Provenance }) => cooperationTimeline.apply(db, recorded(event, metadata));
  apply({ type: 'MilestonePlanned', data: { milestoneId: 'milestone:centrale', label: 'Centrale d’achat', kind: 'structuring', dueBy: '2028', warnings: [] } });
  apply({
    type: 'MeetingScheduled',
    data: { meetingId: 'meeting:gp-2015-10', instanceId: 'instance:gp', scheduledFor: '2015-10', location: 'Saint-Denis', agenda: [], parts: [], answersRequestIds: [] },
  }, { source: { document: '001_6896deeae8272fff.txt', confidence: 'assumedForDemo' } });
  apply({
    type: 'CommitmentPledged',
    data: { commitmentId: 'commitment:acse', organisationId: 'org:acse', coFunderOrganisationIds: [], kind: 'equipment', purpose: 'investment', description: 'équipement', period: { from: '2013', to: '2014' }, conditions: [] },
  }, { source: { document: '001_6896deeae8272fff.txt', confidence: 'stated' } });
  apply({ type: 'CooperationStarted', data: { startedOn: '2014-04', warnings: [] } }, { occurredAt: { date: '2014-04', precision: 'month', approximate: true } });
  const items = getTimeline(db, COOP, 'fr');
  const placed = Object.fromEntries(items.map((item) => [item.type, item.date]));

  it('places a pledge on its period’s start and a scheduled meeting on its planned date, not on the record day', () => {
    expect(placed['CommitmentPledged']).toEqual({ date: '2013', precision: 'year', approximate: false });
    expect(placed['MeetingScheduled']).toEqual({ date: '2015-10', precision: 'month', approximate: false });
  });

  it('keeps a planned milestone on the day it was planned, not on its due date; a stated business date wins', () => {
    expect(placed['MilestonePlanned']).toEqual({ date: '2026-11-23', precision: 'day', approximate: false });
    expect(placed['CooperationStarted']).toEqual({ date: '2014-04', precision: 'month', approximate: true });
    expect(items.map((item) => item.type)).toEqual(['CommitmentPledged', 'CooperationStarted', 'MeetingScheduled', 'MilestonePlanned']);
  });

  it('marks demo assumptions', () => {
    expect(items.map((item) => [item.type, item.assumedForDemo])).toEqual([
      ['CommitmentPledged', false], ['CooperationStarted', false], ['MeetingScheduled', true], ['MilestonePlanned', false],
    ]);
  });
});
