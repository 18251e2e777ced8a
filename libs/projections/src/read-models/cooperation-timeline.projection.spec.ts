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

  it('places a fact stating no date on its record day where the cooperations are, not on the UTC day (recordedOn)', () => {
    // Recorded 2026-11-23T10:00Z, stamped as the 24th where the cooperations are (at UTC+14, say).
    const stored = recorded(
      { type: 'CharterDraftStarted', data: { charterId: 'charter:passerelle', kind: 'cooperationCharter', title: 'Charte', draftingOrganisationIds: [], plannedSignatoryOrganisationIds: [] } },
      { recordedOn: '2026-11-24' },
    );
    cooperationTimeline.apply(db, stored);
    expect(getTimeline(db, COOP, 'fr').find((item) => item.eventId === stored.eventId)!.date).toEqual({ date: '2026-11-24', precision: 'day', approximate: false });
  });

  it('keeps a range’s end: « janvier – juin 2025 » is not its first month', () => {
    apply({ type: 'MemberJoined', data: { organisationId: 'org:resto-du-coeur', membershipType: 'member', joinedOn: '2015' } }, { occurredAt: { date: '2015-01', precision: 'range', to: '2015-06' } });
    expect(getTimeline(db, COOP, 'fr').find((item) => item.type === 'MemberJoined')!.date).toEqual({ date: '2015-01', precision: 'range', to: '2015-06', approximate: false });
  });

  it('keeps one item per event when an event is applied again (a runner moving to a newer generation re-applies its tail)', () => {
    const event: CooperationEvent = { type: 'MemberJoined', data: { organisationId: 'org:secours-populaire', membershipType: 'member', joinedOn: '2016' } };
    const stored = recorded(event);
    cooperationTimeline.apply(db, stored);
    cooperationTimeline.apply(db, stored);
    expect(getTimeline(db, COOP, 'fr').filter((item) => item.eventId === stored.eventId)).toHaveLength(1);
  });

  it('marks demo assumptions', () => {
    expect(items.map((item) => [item.type, item.assumedForDemo])).toEqual([
      ['CommitmentPledged', false], ['CooperationStarted', false], ['MeetingScheduled', true], ['MilestonePlanned', false],
    ]);
  });
});

describe('cooperation-timeline read model: corrections (E50)', () => {
  const CITEES = 'coop:citees-marseille';
  const db = new Database(':memory:');
  cooperationTimeline.init(db);
  const record = recorderFor(CITEES);
  const apply = (event: CooperationEvent, metadata?: { occurredAt?: BusinessDate }) => {
    const stored = record(event, metadata);
    cooperationTimeline.apply(db, stored);
    return stored.eventId;
  };
  const charterId = apply({ type: 'CharterDraftStarted', data: { charterId: 'charter:citees', kind: 'cooperationCharter', title: 'Charte CITÉE', draftingOrganisationIds: [], plannedSignatoryOrganisationIds: [] } });
  const joinedId = apply({ type: 'MemberJoined', data: { organisationId: 'org:inter-made', membershipType: 'member', joinedOn: '2025' } }, { occurredAt: { date: '2025', precision: 'year' } });
  const februaryId = apply({ type: 'MemberJoined', data: { organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025-02' } }, { occurredAt: { date: '2025-02', precision: 'month' } });
  const correct = (correctedEventId: string, correctedEventType: string, fieldPath: string, previousValue: string, correctedValue: string, reason: string) =>
    apply({ type: 'RecordCorrected', data: { correctedEventId, correctedEventType, fieldPath, previousValue, correctedValue, reason } });
  correct(charterId, 'CharterDraftStarted', 'title', 'Charte CITÉE', 'Charte de coopération CITÉES', 'coquille');
  correct(joinedId, 'MemberJoined', 'joinedOn', '2025', '2025-03', 'date du procès-verbal');
  const item = (lang: 'fr' | 'en', eventId: string) => getTimeline(db, CITEES, lang).find((i) => i.eventId === eventId)!;

  it('shows the corrected value in the corrected item’s label, marked as corrected, in French and English', () => {
    expect(item('fr', charterId).label).toBe('Rédaction engagée : Charte de coopération CITÉES (corrigé)');
    expect(item('en', charterId).label).toBe('Drafting started: Charte de coopération CITÉES (corrected)');
  });

  it('adds a « Correction : … » item saying what was replaced, by what and why', () => {
    const corrections = (lang: 'fr' | 'en') => getTimeline(db, CITEES, lang).filter((i) => i.type === 'RecordCorrected').map((i) => i.label);
    expect(corrections('fr')).toEqual([
      'Correction : titre « Charte CITÉE » → « Charte de coopération CITÉES » (coquille)',
      'Correction : date d’entrée « 2025 » → « mars 2025 » (date du procès-verbal)',
    ]);
    expect(corrections('en')[0]).toBe('Correction: title “Charte CITÉE” → “Charte de coopération CITÉES” (coquille)');
  });

  it('moves an item whose date the correction set right: 2025 read 2025-03, after a February joining', () => {
    expect(item('fr', joinedId)).toMatchObject({ date: { date: '2025-03', precision: 'month', approximate: false }, label: 'org:inter-made rejoint la coopération (corrigé)' });
    expect(getTimeline(db, CITEES, 'fr').slice(0, 2).map((i) => i.eventId)).toEqual([februaryId, joinedId]);
  });

  it('a range moved by a correction of its start is dated by the corrected value alone, as stated: no end, no « vers »', () => {
    const rangeId = apply(
      { type: 'MemberJoined', data: { organisationId: 'org:onesight-bis', membershipType: 'member', joinedOn: '2025-04' } },
      { occurredAt: { date: '2025-04', precision: 'range', to: '2025-06', approximate: true } },
    );
    expect(item('fr', rangeId).date).toEqual({ date: '2025-04', precision: 'range', to: '2025-06', approximate: true });
    correct(rangeId, 'MemberJoined', 'joinedOn', '2025-04', '2025-05-12', 'date du procès-verbal');
    expect(item('fr', rangeId).date).toEqual({ date: '2025-05-12', precision: 'day', approximate: false });
  });

  it('a Lead’s start set right relabels the hand-over that ended the term with the corrected years, whichever came first', () => {
    const handOverLabel = () => getTimeline(db, CITEES, 'fr').find((i) => i.type === 'RoleHandedOver' && i.label.includes('org:cite-des-transitions'))!.label;
    const assignedId = apply({ type: 'RoleAssigned', data: { assignmentId: 'assignment:lead-1', organisationId: 'org:cite-des-transitions', role: 'Lead', from: '2026-01-01' } });
    const handOverId = apply({
      type: 'RoleHandedOver',
      data: { role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', endedAssignmentId: 'assignment:lead-1', newAssignmentId: 'assignment:lead-2', effectiveOn: '2028-01-01' },
    });
    expect(handOverLabel()).toBe('Pilote : org:cite-des-transitions (2026–2027) → org:inter-made (2028–)');
    correct(assignedId, 'RoleAssigned', 'from', '2026-01-01', '2025-01-01', 'date de la convention');
    expect(handOverLabel()).toBe('Pilote : org:cite-des-transitions (2025–2027) → org:inter-made (2028–)');
    // The hand-over corrected itself stays marked as such when the term it ended is set right afterwards.
    correct(handOverId, 'RoleHandedOver', 'wording', '', 'passation', 'procès-verbal');
    correct(assignedId, 'RoleAssigned', 'from', '2025-01-01', '2024-01-01', 'date de la convention');
    expect(handOverLabel()).toBe('Pilote : org:cite-des-transitions (2024–2027) → org:inter-made (2028–) (corrigé)');
  });

  it('a Lead’s start set right before the hand-over is recorded: the hand-over counts from the corrected start', () => {
    const assignedId = apply({ type: 'RoleAssigned', data: { assignmentId: 'assignment:lead-9', organisationId: 'org:early', role: 'Lead', from: '2026-01-01' } });
    correct(assignedId, 'RoleAssigned', 'from', '2026-01-01', '2025-01-01', 'date de la convention');
    apply({
      type: 'RoleHandedOver',
      data: { role: 'Lead', fromOrganisationId: 'org:early', toOrganisationId: 'org:late', endedAssignmentId: 'assignment:lead-9', newAssignmentId: 'assignment:lead-10', effectiveOn: '2028-01-01' },
    });
    expect(getTimeline(db, CITEES, 'fr').find((i) => i.type === 'RoleHandedOver' && i.label.includes('org:early'))!.label).toBe('Pilote : org:early (2025–2027) → org:late (2028–)');
  });

  it('assignments are another cooperation’s own even under the same id: a correction there leaves this hand-over alone', () => {
    const OTHER = 'coop:autre';
    const inOther = recorderFor(OTHER, { positionsAfter: 1_000 });
    const applyInOther = (event: CooperationEvent) => {
      const stored = inOther(event);
      cooperationTimeline.apply(db, stored);
      return stored.eventId;
    };
    apply({ type: 'RoleAssigned', data: { assignmentId: 'assignment:shared', organisationId: 'org:here', role: 'Lead', from: '2024-01-01' } });
    const otherAssignedId = applyInOther({ type: 'RoleAssigned', data: { assignmentId: 'assignment:shared', organisationId: 'org:there', role: 'Lead', from: '2020-01-01' } });
    applyInOther({
      type: 'RecordCorrected',
      data: { correctedEventId: otherAssignedId, correctedEventType: 'RoleAssigned', fieldPath: 'from', previousValue: '2020-01-01', correctedValue: '2019-01-01', reason: 'convention' },
    });
    apply({
      type: 'RoleHandedOver',
      data: { role: 'Lead', fromOrganisationId: 'org:here', toOrganisationId: 'org:next', endedAssignmentId: 'assignment:shared', newAssignmentId: 'assignment:next', effectiveOn: '2026-01-01' },
    });
    expect(getTimeline(db, CITEES, 'fr').find((i) => i.type === 'RoleHandedOver' && i.label.includes('org:here'))!.label).toBe('Pilote : org:here (2024–2025) → org:next (2026–)');
  });

  it('a hand-over’s date set right starts the next term then: the hand-over that ends it counts from there', () => {
    const handOverLabel = (to: string) => getTimeline(db, CITEES, 'fr').find((i) => i.type === 'RoleHandedOver' && i.label.includes(`→ ${to}`))!.label;
    const firstId = apply({
      type: 'RoleHandedOver',
      data: { role: 'Coordinator', fromOrganisationId: 'org:a', toOrganisationId: 'org:b', endedAssignmentId: 'assignment:coord-1', newAssignmentId: 'assignment:coord-2', effectiveOn: '2026' },
    });
    apply({
      type: 'RoleHandedOver',
      data: { role: 'Coordinator', fromOrganisationId: 'org:b', toOrganisationId: 'org:c', endedAssignmentId: 'assignment:coord-2', newAssignmentId: 'assignment:coord-3', effectiveOn: '2029' },
    });
    expect(handOverLabel('org:c')).toBe('Coordination : org:b (2026–2028) → org:c (2029–)');
    correct(firstId, 'RoleHandedOver', 'effectiveOn', '2026', '2027', 'date du procès-verbal');
    expect(handOverLabel('org:b')).toBe('Coordination : org:a → org:b (2027–) (corrigé)');
    expect(handOverLabel('org:c')).toBe('Coordination : org:b (2027–2028) → org:c (2029–)');
  });

  it('a person’s value never enters the timeline (GDPR): neither the designation’s stored data nor a correction’s label', () => {
    const designatedId = apply({
      type: 'RepresentativeDesignated',
      data: { organisationId: 'org:cite-des-transitions', personId: 'person:marianne-morini', personName: 'Marianne Morini', title: 'Responsable du développement', capacities: ['sit'], scope: 'cooperation', from: '2025' },
    });
    apply({ type: 'RecordCorrected', data: { correctedEventId: designatedId, correctedEventType: 'RepresentativeDesignated', fieldPath: 'title', previousValue: 'Responsable du développement', correctedValue: 'Directrice du développement', reason: 'organigramme', personId: 'person:marianne-morini' } });
    expect(item('fr', designatedId).label).toBe('Représentant·e désigné·e pour org:cite-des-transitions (corrigé)');
    expect(getTimeline(db, CITEES, 'fr').filter((i) => i.type === 'RecordCorrected').at(-1)!.label).toBe('Correction : titre (donnée personnelle) (organigramme)');
    expect(getTimeline(db, CITEES, 'en').filter((i) => i.type === 'RecordCorrected').at(-1)!.label).toBe('Correction: title (personal data) (organigramme)');
    const rows = JSON.stringify(db.prepare('SELECT * FROM cooperation_timeline_v12').all());
    expect(rows).toContain('person:marianne-morini');
    expect(rows).not.toMatch(/Marianne Morini|Responsable du développement|Directrice du développement/);
  });

  it('a correction of a person’s value that reads like the item’s date does not move it: it is no date, and sealed it would not match', () => {
    const designatedId = apply({
      type: 'RepresentativeDesignated',
      data: { organisationId: 'org:cite-des-transitions', personId: 'person:marianne-morini', personName: 'Marianne Morini', title: '2025', capacities: ['sit'], scope: 'cooperation', from: '2025' },
    });
    apply({ type: 'RecordCorrected', data: { correctedEventId: designatedId, correctedEventType: 'RepresentativeDesignated', fieldPath: 'title', previousValue: '2025', correctedValue: '2026', reason: 'coquille', personId: 'person:marianne-morini' } });
    expect(item('fr', designatedId).date).toMatchObject({ date: '2025', precision: 'year' });
  });

  it('a second correction of the same field relabels from the value then in force, marked once', () => {
    correct(charterId, 'CharterDraftStarted', 'title', 'Charte de coopération CITÉES', 'Charte de coopération du consortium CITÉES', 'intitulé officiel');
    expect(item('fr', charterId).label).toBe('Rédaction engagée : Charte de coopération du consortium CITÉES (corrigé)');
  });
});
