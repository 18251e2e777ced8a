import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import { COOPERATION_EVENT_TYPES, correctionRefsOf } from '#domain';
import type { RecordedEvent } from '#event-store';
import { cooperationList, getCooperations } from './cooperation-list.projection.js';

let position = 0;
const recorded = (streamId: string, type: string, data: object): RecordedEvent => {
  position += 1;
  return {
    eventId: `e${position}`, streamId, revision: 0, position: String(position), type, schemaVersion: 1, data,
    metadata: { actor: { userId: 't' }, recordedAt: `2026-11-23T10:00:${String(position).padStart(2, '0')}.000Z`, correlationId: 'c', causationId: 'c', commandId: 'c' },
  };
};

describe('cooperation-list read model', () => {
  const db = new Database(':memory:');
  cooperationList.init(db);
  const apply = (e: RecordedEvent) => cooperationList.apply(db, e);
  const coop = 'cooperation-coop:citees-marseille';

  apply(recorded('territory-territory:marseille', 'TerritoryDefined', { territoryId: 'territory:marseille', name: 'Marseille' }));
  apply(recorded(coop, 'CooperationProposed', { cooperationId: 'coop:citees-marseille', name: 'CITÉES Marseille', form: 'consortium', territoryIds: ['territory:marseille'], programmeId: 'programme:macif' }));
  for (const org of ['a', 'b', 'c']) apply(recorded(coop, 'MemberJoined', { organisationId: `org:${org}` }));
  apply(recorded(coop, 'MemberLeft', { organisationId: 'org:c' }));
  apply(recorded(coop, 'CooperationPhaseChanged', { fromPhase: 'identification', toPhase: 'diagnostic' }));
  apply(recorded(coop, 'CharterDraftStarted', { charterId: 'charter:1' }));
  apply(recorded(coop, 'CharterEnteredIntoForce', { charterId: 'charter:1', version: 1 }));
  apply(recorded(coop, 'CharterDraftStarted', { charterId: 'charter:2' }));

  it('lists name, territory, form, phase, member count, charter status and last activity', () => {
    expect(getCooperations(db)).toEqual([
      {
        cooperationId: 'coop:citees-marseille',
        name: 'CITÉES Marseille',
        form: 'consortium',
        phase: 'diagnostic',
        programmeId: 'programme:macif',
        territories: [{ territoryId: 'territory:marseille', name: 'Marseille' }],
        membersCount: 2,
        charterStatus: 'inForce',
        // Recorded before recordedOn was stamped: its UTC day stands in.
        lastActivity: { recordedAt: '2026-11-23T10:00:10.000Z', recordedOn: '2026-11-23', type: 'CharterDraftStarted', position: '10' },
      },
    ]);
  });

  it('filters by phase', () => {
    expect(getCooperations(db, { phase: 'closed' })).toEqual([]);
    expect(getCooperations(db, { phase: 'diagnostic' })).toHaveLength(1);
  });

  it('gives an organisation’s portfolio: the cooperations it takes part in now, by programme', () => {
    const other = 'cooperation-coop:tec-roya';
    apply(recorded(other, 'CooperationProposed', { cooperationId: 'coop:tec-roya', name: 'TEC – Vallée de la Roya', form: 'collective', territoryIds: [], programmeId: 'programme:tec' }));
    apply(recorded(other, 'MemberJoined', { organisationId: 'org:a' }));
    const ids = (filter: object) => getCooperations(db, filter).map((c) => c.cooperationId);
    expect(ids({ organisationId: 'org:a' })).toEqual(['coop:tec-roya', 'coop:citees-marseille']);
    expect(ids({ organisationId: 'org:c' })).toEqual([]);
    expect(ids({ organisationId: 'org:a', programmeId: 'programme:tec' })).toEqual(['coop:tec-roya']);
  });

  it('orders by recency of activity, whatever the shape of the store’s positions', () => {
    apply({ ...recorded(coop, 'CooperationPhaseChanged', { fromPhase: 'diagnostic', toPhase: 'framing' }), position: 'C:900/P:900' });
    expect(getCooperations(db).map((c) => c.cooperationId)).toEqual(['coop:citees-marseille', 'coop:tec-roya']);
    apply({ ...recorded('cooperation-coop:tec-roya', 'MemberJoined', { organisationId: 'org:b' }), position: 'C:1000/P:1000' });
    expect(getCooperations(db).map((c) => c.cooperationId)).toEqual(['coop:tec-roya', 'coop:citees-marseille']);
  });

  it('takes every event of a cooperation as its last activity: a meeting held moves it up the list', () => {
    // The runner hands a read model only the types it handles: v2 left out meetings, decisions, commitments, actions…
    expect(COOPERATION_EVENT_TYPES.filter((type) => !cooperationList.handles.includes(type))).toEqual([]);
    apply(recorded(coop, 'MeetingHeld', { meetingId: 'meeting:1', heldOn: '2026-11', attendees: [], apologies: [] }));
    const [first] = getCooperations(db);
    expect([first!.cooperationId, first!.lastActivity.type]).toEqual(['coop:citees-marseille', 'MeetingHeld']);
  });

  it('gives the last activity’s day where the cooperations are (recordedOn), not UTC’s', () => {
    // 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
    const late = recorded(coop, 'MeetingHeld', { meetingId: 'meeting:2', heldOn: '2026-12', attendees: [], apologies: [] });
    apply({ ...late, metadata: { ...late.metadata, recordedAt: '2026-12-31T23:30:00.000Z', recordedOn: '2027-01-01' } });
    expect(getCooperations(db, { cooperationId: 'coop:citees-marseille' })[0]!.lastActivity).toMatchObject({ recordedAt: '2026-12-31T23:30:00.000Z', recordedOn: '2027-01-01' });
  });

  it('lists a cooperation’s form as corrected (E50)', () => {
    const proposal = { cooperationId: 'coop:roya-experimentation', name: 'Expérimentation Roya', form: 'collective', territoryIds: [] };
    apply(recorded('cooperation-coop:roya-experimentation', 'CooperationProposed', proposal));
    apply(recorded('cooperation-coop:roya-experimentation', 'RecordCorrected', {
      correctedEventId: 'e-proposal', correctedEventType: 'CooperationProposed', correctedEventRefs: correctionRefsOf(proposal), fieldPath: 'form',
      previousValue: 'collective', correctedValue: 'consortium', reason: 'convention de 2025',
    }));
    expect(getCooperations(db).find((c) => c.cooperationId === 'coop:roya-experimentation')!.form).toBe('consortium');
  });
});
