import { describe, expect, it } from '@jest/globals';
import { dateAfter, dateInWords, labelOf, yearsOf } from './event-labels.js';

describe('timeline labels', () => {
  it('a period ended on 1 January covers the years before it', () => {
    expect(yearsOf('2026-01-01', '2027-01-01')).toBe('2026');
    expect(yearsOf('2025-06', '2027-01-01')).toBe('2025–2026');
    expect(yearsOf('2026-03-01', '2026-09-01')).toBe('2026');
  });

  it('a hand-over effective in January, at any precision, ends the outgoing term the year before', () => {
    expect(['2026-01', '2026', '2026-01-01', '2026-02', '2026-01-02'].map((effectiveOn) => yearsOf('2025-03', effectiveOn))).toEqual(['2025', '2025', '2025', '2025–2026', '2025–2026']);
    const handOver = labelOf(
      { type: 'RoleHandedOver', data: { role: 'Lead', fromOrganisationId: 'org:a', toOrganisationId: 'org:b', endedAssignmentId: 'a1', newAssignmentId: 'a2', effectiveOn: '2026-01' } } as never,
      { nameOf: (id) => id, leadSince: '2024-09' },
    );
    expect(handOver.fr).toBe('Pilote : org:a (2024–2025) → org:b (2026–)');
  });

  it('says a planned date in words at its own precision, never as an ISO code nor with a made-up day', () => {
    expect(['2026-03-01', '2026-03-12', '2025-12', '2026'].map((d) => dateInWords(d, 'fr'))).toEqual(['1er mars 2026', '12 mars 2026', 'décembre 2025', '2026']);
    expect(dateInWords('2026-03-01', 'en')).toBe('1 March 2026');
    // After « depuis » and « échéance », a day takes its article: « depuis le 4 décembre 2025 », « échéance du 1er mars 2026 ».
    expect([dateAfter('depuis', '2025-12-04', 'fr'), dateAfter('depuis', '2025-12', 'fr'), dateAfter('échéance', '2026-03-01', 'fr'), dateAfter('échéance', '2018', 'fr')]).toEqual([
      'le 4 décembre 2025', 'décembre 2025', 'du 1er mars 2026', '2018',
    ]);
    expect(dateAfter('depuis', '2025-12-04', 'en')).toBe('4 December 2025');
    const meeting = (scheduledFor: string) =>
      labelOf({ type: 'MeetingScheduled', data: { meetingId: 'm', instanceId: 'i', scheduledFor, location: 'Marseille', agenda: [] } } as never, { nameOf: (id) => id });
    expect(meeting('2025-12')).toEqual({ fr: 'Réunion prévue en décembre 2025 (Marseille)', en: 'Meeting scheduled in December 2025 (Marseille)' });
    expect(meeting('2026-03-12')).toEqual({ fr: 'Réunion prévue le 12 mars 2026 (Marseille)', en: 'Meeting scheduled on 12 March 2026 (Marseille)' });
    const milestone = labelOf(
      { type: 'MilestonePlanned', data: { milestoneId: 'ms', label: 'Rotation du pilotage', kind: 'governance', dueBy: '2026-12', warnings: [] } } as never,
      { nameOf: (id) => id },
    );
    expect(milestone).toEqual({ fr: 'Jalon prévu : Rotation du pilotage (échéance : décembre 2026)', en: 'Milestone planned: Rotation du pilotage (due in December 2026)' });
  });

  it('says a correction in words: the field’s name, and dates as dates, never its path nor an ISO code', () => {
    const corrected = (fieldPath: string, previousValue: unknown, correctedValue: unknown) =>
      labelOf(
        { type: 'RecordCorrected', data: { correctedEventId: 'e', correctedEventType: 'MeetingHeld', fieldPath, previousValue, correctedValue, reason: 'procès-verbal' } } as never,
        { nameOf: (id) => id },
      );
    expect(corrected('heldOn', '2025-10-14', '2025-10-01')).toEqual({
      fr: 'Correction : date de la réunion « 14 octobre 2025 » → « 1er octobre 2025 » (procès-verbal)',
      en: 'Correction: meeting date “14 October 2025” → “1 October 2025” (procès-verbal)',
    });
    expect(corrected('location', 'Marseille', 'Aubagne').fr).toBe('Correction : lieu « Marseille » → « Aubagne » (procès-verbal)');
  });

  it('says a role’s scope in the label’s language, and one the sources never gave as typed', () => {
    const assigned = (scope: string) =>
      labelOf({ type: 'RoleAssigned', data: { assignmentId: 'a', organisationId: 'org:macif', role: 'Funder', scope, from: '2025' } } as never, { nameOf: () => 'Fondation Macif' });
    expect(assigned('cooperation')).toEqual({ fr: 'Financeur (coopération) : Fondation Macif', en: 'Funder (cooperation): Fondation Macif' });
    expect(assigned('habitat')).toEqual({ fr: 'Financeur (habitat) : Fondation Macif', en: 'Funder (housing): Fondation Macif' });
    expect(assigned('cuisine collective').fr).toBe('Financeur (cuisine collective) : Fondation Macif');
    // Typed by users: a word that names an object's own property is still just a word.
    expect(assigned('constructor').en).toBe('Funder (constructor): Fondation Macif');
  });

  it('speaks French first with English beside, names from the registry', () => {
    const label = labelOf(
      { type: 'MemberJoined', data: { organisationId: 'org:amae', membershipType: 'member', joinedOn: '2025' } },
      { nameOf: () => 'AMAE' },
    );
    expect(label).toEqual({ fr: 'AMAE rejoint la coopération', en: 'AMAE joined' });
  });

  it('says what a commitment revision set and what a co-funding allocation shared out', () => {
    const revised = labelOf(
      { type: 'CommitmentRevised', data: { commitmentId: 'c', changes: { amount: { status: 'stated', cents: 8_000_000, currency: 'EUR' } }, reason: 'avenant', revisedOn: '2014' } },
      { nameOf: (id) => id },
    );
    expect(revised.fr).toMatch(/^Engagement révisé \(nouveau montant 80\s000,00\s€\) : avenant$/);
    const shares = [1_000_000, 250_000].map((cents) => ({ funderOrganisationId: 'org:x', amount: { cents, currency: 'EUR' as const } }));
    const allocated = labelOf({ type: 'CoFundingAllocated', data: { allocationId: 'a', actionId: 'action:x', decisionId: 'd', allocations: shares, warnings: [] } }, { nameOf: (id) => id });
    expect(allocated.en).toBe('Co-funding allocated: €12,500.00 (2 funders)');
  });

  it('a cooperation started without what its programme expects says so: the warning is on the timeline (domain.md §8.9)', () => {
    const started = (codes: ('NoCharterInForce' | 'NoDecidingInstance')[]) =>
      labelOf({ type: 'CooperationStarted', data: { startedOn: '2026-01', launchLabel: 'Naissance du consortium', warnings: codes.map((code) => ({ code })) } }, { nameOf: (id) => id });
    expect(started([])).toEqual({ fr: 'Naissance du consortium', en: 'Cooperation started: Naissance du consortium' });
    expect(started(['NoCharterInForce'])).toEqual({
      fr: 'Naissance du consortium (avertissement : aucune charte en vigueur)',
      en: 'Cooperation started: Naissance du consortium (warning: no charter in force)',
    });
    expect(started(['NoCharterInForce', 'NoDecidingInstance']).fr).toBe('Naissance du consortium (avertissements : aucune charte en vigueur ; aucune instance de décision)');
  });

  it('says when a phase was skipped by waiver', () => {
    const label = labelOf(
      { type: 'CooperationPhaseChanged', data: { fromPhase: 'identification', toPhase: 'framing', waiver: { rule: 'diagnosticRequired', justification: 'préexistant' } } },
      { nameOf: (id) => id },
    );
    expect(label.fr).toBe('Phase : repérage → cadrage (par dérogation)');
  });
});
