import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, CITEES_MEMBERS, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** The decision dossier (peers.md §4.6) over HTTP, on scenario A: the COPIL of December 2025 adopting the charter. */
describe('GET /cooperations/{id}/decisions/{decisionId}: a decision in its context', () => {
  let carnet: TestCarnet;
  const dossier = (decisionId: string, lang = 'fr') => carnet.http().get(`/cooperations/${CITEES}/decisions/${decisionId}?lang=${lang}`);

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('the body, the meeting and who sat on the body that day, the votes, who recorded it, and the adoption it led to', async () => {
    const { body } = await dossier('decision:citees-charte').expect(200);
    expect(body.decision).toMatchObject({
      decisionId: 'decision:citees-charte',
      subjectType: 'charterAdoption',
      subjectRef: 'charter:citees',
      outcome: 'approved',
      consensus: true,
      decidedOn: '2025-12',
      text: 'Le comité adopte la charte de coopération CITÉES, version 1',
      recordedAt: expect.any(String),
      actor: expect.objectContaining({ userId: expect.any(String) }),
    });
    expect(body.instance).toMatchObject({ instanceId: 'instance:copil-citees', label: 'Comité de pilotage CITÉES', kind: 'steeringCommittee' });
    expect(body.meeting).toMatchObject({ meetingId: 'meeting:copil-citees-1', heldOn: '2025-12', location: 'Marseille', agenda: ['adoption de la charte de coopération'] });
    expect(body.composition.map((seat: { holderOrganisationId: string; present: boolean }) => [seat.holderOrganisationId, seat.present])).toEqual(
      CITEES_MEMBERS.map((organisationId) => [organisationId, true]),
    );
    expect(body.composition[0].holderName).not.toBe(body.composition[0].holderOrganisationId);
    // No charter was in force yet: this decision adopted the first one, which the log records next, citing it.
    expect(body.chartersInForce).toEqual([]);
    expect(body.consequences).toEqual([expect.objectContaining({ type: 'CharterAdopted', label: 'Charte adoptée (version 1)', revision: expect.any(Number) })]);
    expect(body.corrections).toEqual([]);
  });

  it('a decision revisiting it, and a correction of its text, join its dossier', async () => {
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/record-decision`)
      .send({
        decisionId: 'decision:citees-charte-bis', instanceId: 'instance:copil-citees', writtenProcedure: true, subjectType: 'charterAdoption', subjectRef: 'charter:citees',
        outcome: 'approved', text: 'Le comité confirme l’adoption par procédure écrite', consensus: true, decidedOn: '2026-01', revisits: 'decision:citees-charte',
      })
      .expect(200);
    const decision = (await dossier('decision:citees-charte').expect(200)).body.decision;
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/correct-record`)
      .send({ correctedEventId: decision.eventId, fieldPath: 'text', previousValue: decision.text, correctedValue: 'Le comité adopte à l’unanimité la charte CITÉES, version 1', reason: 'relevé de décisions' })
      .expect(200);
    // A correction of what followed (the decision revisiting it) changes what the dossier shows: it is listed too.
    const revisiting = (await dossier('decision:citees-charte-bis').expect(200)).body.decision;
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/correct-record`)
      .send({ correctedEventId: revisiting.eventId, fieldPath: 'text', previousValue: revisiting.text, correctedValue: 'Le comité confirme l’adoption', reason: 'relevé' })
      .expect(200);
    const { body } = await dossier('decision:citees-charte', 'en').expect(200);
    expect(body.decision.text).toBe('Le comité adopte à l’unanimité la charte CITÉES, version 1');
    // Each labelled as the dossier's log reads it, in the language asked.
    expect(body.corrections).toEqual([
      expect.objectContaining({ fieldPath: 'text', reason: 'relevé de décisions', correctedEventLabel: 'Decision approved: Le comité adopte à l’unanimité la charte CITÉES, version 1' }),
      expect.objectContaining({ correctedEventId: revisiting.eventId, reason: 'relevé', correctedEventLabel: 'Decision approved: Le comité confirme l’adoption' }),
    ]);
    expect(body.consequences.map((c: { type: string }) => c.type)).toEqual(['CharterAdopted', 'DecisionRecorded']);
    expect(body.consequences[0].label).toBe('Charter adopted (version 1)');
    // By January 2026 the charter signed in December was in force: the second decision's dossier says so.
    const bis = (await dossier('decision:citees-charte-bis').expect(200)).body;
    // Decided in writing: no meeting, so no one listed as present or absent.
    expect([bis.meeting, bis.composition, bis.quorum]).toEqual([undefined, [], null]);
    expect(bis.chartersInForce).toEqual([expect.objectContaining({ charterId: 'charter:citees', version: 1 })]);
  });

  it('a correction of the body or of one of its seats joins the dossier too; one elsewhere does not', async () => {
    const events = await carnet.store.readStream(`cooperation-${CITEES}`);
    const eventOf = (type: string, field: string, id: string) => events.find((e) => e.type === type && (e.data as Record<string, unknown>)[field] === id)!;
    const correct = (correctedEventId: string, fieldPath: string, previousValue: string, correctedValue: string, reason: string) =>
      carnet.http().post(`/cooperations/${CITEES}/correct-record`).send({ correctedEventId, fieldPath, previousValue, correctedValue, reason }).expect(200);
    const copil = eventOf('GovernanceInstanceCreated', 'instanceId', 'instance:copil-citees');
    await correct(copil.eventId, 'label', 'Comité de pilotage CITÉES', 'COPIL CITÉES', 'intitulé des statuts');
    const seat = eventOf('InstanceSeatAssigned', 'seatId', 'seat:copil-citees-1');
    // Within the committee's lifetime (created 2025-10): a seat is not corrected to before its body existed.
    await correct(seat.eventId, 'from', '2025-10', '2025-10-15', 'date de la délibération');
    // A seat whose corrected start falls after the meeting leaves that day's composition; its correction stays in the dossier.
    const later = eventOf('InstanceSeatAssigned', 'seatId', 'seat:copil-citees-2');
    await correct(later.eventId, 'from', '2025-10', '2026-01', 'nommé·e en janvier');
    const milestone = eventOf('MilestonePlanned', 'milestoneId', 'milestone:citees-rotation');
    await correct(milestone.eventId, 'dueBy', '2026-12', '2027-01', 'calendrier revu');
    const { body } = await dossier('decision:citees-charte').expect(200);
    expect(body.instance.label).toBe('COPIL CITÉES');
    const shown = body.corrections.map((c: { correctedEventId: string; reason: string }) => [c.correctedEventId, c.reason]);
    expect(shown).toEqual(expect.arrayContaining([[copil.eventId, 'intitulé des statuts'], [seat.eventId, 'date de la délibération'], [later.eventId, 'nommé·e en janvier']]));
    expect(body.composition.map((c: { seatId: string }) => c.seatId)).not.toContain('seat:copil-citees-2');
    // The milestone's calendar is not part of this decision.
    expect(shown.map(([id]: [string]) => id)).not.toContain(milestone.eventId);
  });

  it('asOf: the dossier as the log held it then, before a correction recorded later; before the decision, 404', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const before = new Date().toISOString();
    await pause();
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/record-decision`)
      .send({
        decisionId: 'decision:citees-orientation', instanceId: 'instance:copil-citees', writtenProcedure: true, subjectType: 'orientation',
        outcome: 'approved', text: 'Priorité au dépistage', consensus: true, decidedOn: '2026-02',
      })
      .expect(200);
    await pause();
    const between = new Date().toISOString();
    await pause();
    const recorded = (await dossier('decision:citees-orientation').expect(200)).body.decision;
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/correct-record`)
      .send({ correctedEventId: recorded.eventId, fieldPath: 'text', previousValue: 'Priorité au dépistage', correctedValue: 'Priorité au dépistage visuel', reason: 'relevé' })
      .expect(200);
    const then = (await carnet.http().get(`/cooperations/${CITEES}/decisions/decision:citees-orientation?asOf=${between}`).expect(200)).body;
    const ofIt = (corrections: { correctedEventId: string }[]) => corrections.filter((c) => c.correctedEventId === recorded.eventId);
    expect([then.asOf, then.decision.text, ofIt(then.corrections)]).toEqual([between, 'Priorité au dépistage', []]);
    const now = (await dossier('decision:citees-orientation').expect(200)).body;
    expect([now.asOf, now.decision.text, ofIt(now.corrections).length]).toEqual([undefined, 'Priorité au dépistage visuel', 1]);
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/decisions/decision:citees-orientation?asOf=${before}`).expect(404);
    expect(body).toMatchObject({ code: 'DecisionNotOnRecord', params: { decisionId: 'decision:citees-orientation', asOf: before } });
    const invalid = await carnet.http().get(`/cooperations/${CITEES}/decisions/decision:citees-orientation?asOf=hier`).expect(400);
    expect(invalid.body.code).toBe('ValidationFailed');
  });

  it('an unknown decision is 404 with a problem body; an unknown cooperation too', async () => {
    const { body } = await dossier('decision:inconnue').expect(404);
    expect(body).toMatchObject({ status: 404, code: 'DecisionNotOnRecord', params: { decisionId: 'decision:inconnue' } });
    await carnet.http().get('/cooperations/coop:inconnue/decisions/decision:citees-charte').expect(404);
  });
});
