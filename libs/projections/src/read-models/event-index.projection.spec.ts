import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { initProjection } from '../projection.js';
import { recorderFor } from '../testing/recorded-events.js';
import { eventIndex, getCommandEvents, getCorrelatedEvents, getIndexedEvent } from './event-index.projection.js';

const recorded = recorderFor('coop:citees-marseille');

/** The same event under another command and correlation, recorded by another person. */
const under = (event: RecordedEvent, commandId: string, correlationId: string, userId = 'user:marianne'): RecordedEvent => ({
  ...event,
  metadata: { ...event.metadata, actor: { userId, organisationId: 'org:cress-paca' }, commandId, causationId: commandId, correlationId },
});

describe('event-index read model', () => {
  const db = new Database(':memory:');
  initProjection(db, eventIndex);
  const proposed = under(recorded({ type: 'CooperationProposed', data: {} as never }), 'command:propose', 'request:1');
  const joined = under(recorded({ type: 'MemberJoined', data: {} as never }), 'command:admit', 'request:2');
  const roled = under(recorded({ type: 'RoleAssigned', data: {} as never }), 'command:admit', 'request:2');
  // A policy's reaction: its own command, caused by `joined`, in the same correlation.
  const reacted = { ...under(recorded({ type: 'MilestonePlanned', data: {} as never }), 'command:policy', 'request:2', 'system'), streamId: 'cooperation-coop:autre' };
  const registry = { ...under(recorded({ type: 'CooperationProposed', data: {} as never }), 'command:register', 'request:3'), type: 'OrganisationRegistered', streamId: 'registry-organisations' };
  for (const event of [proposed, joined, roled, reacted, registry]) eventIndex.apply(db, event);

  it('finds any event by id, registries included: stream, revision, position, type, who and when', () => {
    expect(getIndexedEvent(db, joined.eventId)).toEqual({
      eventId: joined.eventId, streamId: joined.streamId, revision: joined.revision, position: joined.position, type: 'MemberJoined',
      recordedAt: joined.metadata.recordedAt, actor: { userId: 'user:marianne', organisationId: 'org:cress-paca' },
      commandId: 'command:admit', causationId: 'command:admit', correlationId: 'request:2',
    });
    expect(getIndexedEvent(db, registry.eventId)).toMatchObject({ streamId: 'registry-organisations', type: 'OrganisationRegistered' });
    expect(getIndexedEvent(db, 'no-such-event')).toBeUndefined();
  });

  it('lists a command’s events and a correlation’s, in log order, across streams', () => {
    expect(getCommandEvents(db, 'command:admit').map((e) => e.eventId)).toEqual([joined.eventId, roled.eventId]);
    expect(getCorrelatedEvents(db, 'request:2').map((e) => e.eventId)).toEqual([joined.eventId, roled.eventId, reacted.eventId]);
    expect(getCorrelatedEvents(db, 'request:none')).toEqual([]);
  });

  it('takes an event seen twice (a replayed batch) once, keeping its place', () => {
    eventIndex.apply(db, joined);
    expect(getCorrelatedEvents(db, 'request:2').map((e) => e.eventId)).toEqual([joined.eventId, roled.eventId, reacted.eventId]);
  });

  it('handles every event type the domain writes', () => {
    expect(eventIndex.handles).toEqual(expect.arrayContaining(['CooperationProposed', 'OrganisationRegistered', 'PersonErased', 'MilestoneReached']));
  });
});
