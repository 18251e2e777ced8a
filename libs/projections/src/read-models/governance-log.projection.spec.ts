import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import type { Provenance } from '#event-store';
import { correctionOf, recorderFor } from '../testing/recorded-events.js';
import { getGovernanceLog, governanceLog } from './governance-log.projection.js';

const COOP = 'coop:citees-marseille';
const INSTANCE = 'instance:copil';
const STATED: Provenance = { document: '000_0dc475c9d600a2f3.txt', confidence: 'stated' };
const DEMO: Provenance = { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' };
const recorded = recorderFor(COOP);

const scheduled = (meetingId: string, scheduledFor: string, agenda: string[] = []): CooperationEvent => ({
  type: 'MeetingScheduled',
  data: { meetingId, instanceId: INSTANCE, scheduledFor, location: 'Marseille', agenda, parts: [], answersRequestIds: [] },
});
const held = (meetingId: string, heldOn: string): CooperationEvent => ({ type: 'MeetingHeld', data: { meetingId, heldOn, attendees: [], apologies: [] } });
const decided = (decisionId: string, meetingId?: string): CooperationEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, instanceId: INSTANCE, ...(meetingId ? { meetingId } : {}), subjectType: 'orientation', outcome: 'approved', text: decisionId, decidedOn: '2025-12' },
});

const copil: CooperationEvent = {
  type: 'GovernanceInstanceCreated',
  data: { instanceId: INSTANCE, ownerScope: 'cooperation', kind: 'steeringCommittee', label: 'Copil', mandate: [], frequency: { kind: 'adHoc' }, chairingModel: 'none', createdOn: '2025' },
};

/** A fresh governance log holding the copil, and how to apply an event to it (with a source when it matters). */
const logWithCopil = () => {
  const db = new Database(':memory:');
  governanceLog.init(db);
  const apply = (event: CooperationEvent, source?: Provenance) => governanceLog.apply(db, recorded(event, { source }));
  apply(copil, STATED);
  return { db, apply };
};

describe('governance-log read model: demo assumptions (domain.md §9)', () => {
  const { db, apply } = logWithCopil();
  apply(scheduled('meeting:1-scheduled-demo', '2025-01'), DEMO);
  apply(held('meeting:1-scheduled-demo', '2025-01'), STATED);
  apply(scheduled('meeting:2-held-demo', '2025-02'), STATED);
  apply(held('meeting:2-held-demo', '2025-02'), DEMO);
  apply(scheduled('meeting:3-stated', '2025-03'), STATED);
  apply(held('meeting:3-stated', '2025-03'));
  apply(scheduled('meeting:4-planned-demo', '2025-04'), DEMO);
  apply(decided('decision:demo', 'meeting:3-stated'), DEMO);
  apply(decided('decision:stated', 'meeting:3-stated'), STATED);
  apply(decided('decision:written-demo'), DEMO);
  const [instance] = getGovernanceLog(db, COOP);

  it('flags a meeting scheduled or held on a demo assumption', () => {
    expect(instance!.meetings.map((m) => [m.meetingId, m.assumedForDemo])).toEqual([
      ['meeting:1-scheduled-demo', true],
      ['meeting:2-held-demo', true],
      ['meeting:3-stated', false],
      ['meeting:4-planned-demo', true],
    ]);
  });

  it('flags a decision recorded on a demo assumption, in a meeting or in writing', () => {
    expect(instance!.meetings[2]!.decisions.map((d) => [d.decisionId, d.assumedForDemo])).toEqual([['decision:demo', true], ['decision:stated', false]]);
    expect(instance!.writtenDecisions).toEqual([expect.objectContaining({ decisionId: 'decision:written-demo', assumedForDemo: true })]);
  });
});

describe('governance-log read model: personal data (GDPR)', () => {
  const { db, apply } = logWithCopil();
  apply(scheduled('meeting:1', '2025-10'));
  apply({
    type: 'MeetingHeld',
    data: { meetingId: 'meeting:1', heldOn: '2025-10', attendees: [{ guest: { personId: 'person:elue', capacity: 'Adjointe au maire' } }, { guest: { organisationId: 'org:appui', capacity: 'équipe de coordination' } }], apologies: [] },
  });

  it('keeps a guest who is a person by id only, never their capacity; an organisation’s guests keep theirs', () => {
    expect(getGovernanceLog(db, COOP)[0]!.meetings[0]!.guests).toEqual([{ personId: 'person:elue' }, { organisationId: 'org:appui', capacity: 'équipe de coordination' }]);
    const stored = db.prepare<[], { attendees: string }>(`SELECT attendees FROM governance_meetings_v10`).all();
    expect(JSON.stringify(stored)).not.toContain('Adjointe au maire');
  });
});

describe('governance-log read model: corrections (E50) set the fields it shows', () => {
  const { db, apply } = logWithCopil();
  const planned = scheduled('meeting:1', '2025-10', ['budget', 'charte']);
  const guests = [{ guest: { personId: 'person:elue', capacity: 'Adjointe au maire' } }, { guest: { organisationId: 'org:appui', capacity: 'équipe de coordination' } }];
  const meetingHeld: CooperationEvent = { type: 'MeetingHeld', data: { meetingId: 'meeting:1', heldOn: '2025-10', attendees: guests, apologies: [] } };
  const decision = decided('decision:1', 'meeting:1');
  for (const event of [planned, meetingHeld, decision]) apply(event);
  apply(correctionOf(copil, 'label', 'Copil', 'Comité de pilotage'));
  apply(correctionOf(planned, 'location', 'Marseille', 'Aubagne'));
  apply(correctionOf(planned, 'agenda.1', 'charte', 'charte de coopération'));
  apply(correctionOf(meetingHeld, 'attendees.1.guest.capacity', 'équipe de coordination', 'équipe d’animation'));
  apply(correctionOf(decision, 'text', 'decision:1', 'Le comité adopte la feuille de route'));
  apply(correctionOf(decision, 'decidedOn', '2025-12', '2025-10'));
  // A person's value is encrypted in the correction and kept by no read model; a correction recorded before naming no row changes none.
  apply(correctionOf(meetingHeld, 'attendees.0.guest.capacity', 'Adjointe au maire', 'Maire adjointe', { personId: 'person:elue' }));
  apply(correctionOf(planned, 'location', 'Aubagne', 'La Ciotat', { correctedEventRefs: undefined }));
  const [instance] = getGovernanceLog(db, COOP);
  const [meeting] = instance!.meetings;

  it('an instance’s label, a meeting’s location and one item of its agenda', () => {
    expect(instance!.label).toBe('Comité de pilotage');
    expect(meeting).toMatchObject({ location: 'Aubagne', agenda: ['budget', 'charte de coopération'] });
  });

  it('a decision’s text and date, within the meeting that took it', () =>
    expect(meeting!.decisions).toEqual([expect.objectContaining({ decisionId: 'decision:1', text: 'Le comité adopte la feuille de route', decidedOn: '2025-10' })]));

  it('an organisation’s guest’s capacity; a person’s is still not kept, even corrected', () => {
    expect(meeting!.guests).toEqual([{ personId: 'person:elue' }, { organisationId: 'org:appui', capacity: 'équipe d’animation' }]);
    expect(JSON.stringify(db.prepare(`SELECT * FROM governance_meetings_v10`).all())).not.toMatch(/Maire adjointe|Adjointe au maire/);
  });
});

describe('governance-log read model: closing', () => {
  it('a meeting still planned when its cooperation closes reads « non renseignée », not « prévue » for good (§8.1)', () => {
    const { db, apply } = logWithCopil();
    apply(scheduled('meeting:held', '2025-10'));
    apply(held('meeting:held', '2025-10'));
    apply(scheduled('meeting:never-recorded', '2025-11'));
    apply({ type: 'CooperationClosed', data: { closedOn: '2025-12', reason: 'completed', fromPhase: 'implementation' } });
    expect(getGovernanceLog(db, COOP)[0]!.meetings.map((m) => [m.meetingId, m.status])).toEqual([['meeting:held', 'held'], ['meeting:never-recorded', 'unrecorded']]);
  });

  it('so does one still planned when its instance is dissolved (E30), until it is recorded as held after all', () => {
    const { db, apply } = logWithCopil();
    apply(scheduled('meeting:held', '2025-10'));
    apply(held('meeting:held', '2025-10'));
    apply(scheduled('meeting:late-record', '2025-11'));
    apply(scheduled('meeting:never-recorded', '2025-12'));
    apply({ type: 'GovernanceInstanceDissolved', data: { instanceId: 'instance:copil', dissolvedOn: '2026-01', reason: 'remplacé' } });
    const statuses = () => getGovernanceLog(db, COOP)[0]!.meetings.map((m) => [m.meetingId, m.status]);
    expect(statuses()).toEqual([['meeting:held', 'held'], ['meeting:late-record', 'unrecorded'], ['meeting:never-recorded', 'unrecorded']]);
    apply(held('meeting:late-record', '2025-11'));
    expect(statuses()).toEqual([['meeting:held', 'held'], ['meeting:late-record', 'held'], ['meeting:never-recorded', 'unrecorded']]);
  });
});
