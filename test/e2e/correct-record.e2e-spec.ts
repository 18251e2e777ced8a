import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

interface StoredEvent {
  eventId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
}

/** E50 over HTTP on scenario A: a correction shows where the value is read, and the corrected event stays as recorded. */
describe('Corrections (E50), over HTTP: history is never rewritten', () => {
  let carnet: TestCarnet;
  const post = (body: object) => carnet.http().post(`/cooperations/${CITEES}/correct-record`).send(body);
  const cooperation = async (query = '') => (await carnet.http().get(`/cooperations/${CITEES}${query}`).expect(200)).body;
  const events = async (): Promise<StoredEvent[]> => (await carnet.http().get(`/cooperations/${CITEES}/events?limit=1000`).expect(200)).body.events;
  const eventOf = async (type: string, match: (data: Record<string, unknown>) => boolean) => (await events()).find((e) => e.type === type && match(e.data))!;
  const timeline = async (lang: 'fr' | 'en') =>
    (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=${lang}`).expect(200)).body.items as { eventId: string; type: string; label: string }[];
  /** A correction the rules refuse: 422 with its code, and the log does not move. */
  const refused = async (body: object) => {
    const before = await carnet.eventCount();
    const response = await post(body).expect(422);
    expect(await carnet.eventCount()).toBe(before);
    return response.body;
  };

  let representative: StoredEvent;
  let charter: StoredEvent;
  let revisionBefore: number;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
    representative = await eventOf('RepresentativeDesignated', (d) => d.personId === 'person:yassine-ennomany');
    charter = await eventOf('CharterDraftStarted', (d) => d.charterId === 'charter:citees');
    revisionBefore = (await cooperation()).revision;
  });
  afterAll(async () => carnet.close());

  it('a representative’s title: GET /cooperations/{id} shows the corrected value and lists the correction', async () => {
    const { body } = await post({
      correctedEventId: representative.eventId,
      fieldPath: 'title',
      previousValue: 'Directeur',
      correctedValue: 'Directeur général',
      reason: 'Titre incomplet dans la note de lancement',
      sourceRef: 'organigramme Banlieues Santé 2025',
    }).expect(200);
    expect(body.events).toEqual([expect.objectContaining({ type: 'RecordCorrected' })]);

    const coop = await cooperation();
    expect(coop.representatives.find((r: { personId: string }) => r.personId === 'person:yassine-ennomany').title).toBe('Directeur général');
    expect(coop.corrections).toEqual([
      {
        correctedEventId: representative.eventId,
        correctedEventType: 'RepresentativeDesignated',
        fieldPath: 'title',
        previousValue: 'Directeur',
        correctedValue: 'Directeur général',
        reason: 'Titre incomplet dans la note de lancement',
        sourceRef: 'organigramme Banlieues Santé 2025',
        recordedAt: expect.any(String),
      },
    ]);
  });

  it('the corrected event stays as recorded in GET /cooperations/{id}/events, and the state before the correction shows the old title', async () => {
    const stored = await events();
    expect(stored.find((e) => e.eventId === representative.eventId)).toEqual(representative);
    expect(stored.at(-1)).toMatchObject({ type: 'RecordCorrected', data: { correctedEventId: representative.eventId, previousValue: 'Directeur' } });
    const before = await cooperation(`?revision=${revisionBefore}`);
    expect(before.representatives.find((r: { personId: string }) => r.personId === 'person:yassine-ennomany').title).toBe('Directeur');
    expect(before.corrections).toEqual([]);
  });

  it('a charter’s title: the timeline shows the corrected title marked as corrected, and the correction, in French and English', async () => {
    await post({
      correctedEventId: charter.eventId,
      fieldPath: 'title',
      previousValue: 'Charte de coopération CITÉES',
      correctedValue: 'Charte de coopération du consortium CITÉES',
      reason: 'Intitulé de la version signée',
    }).expect(200);
    expect((await cooperation()).charters[0].title).toBe('Charte de coopération du consortium CITÉES');

    const [fr, en] = [await timeline('fr'), await timeline('en')];
    expect(fr.find((i) => i.eventId === charter.eventId)!.label).toBe('Rédaction engagée : Charte de coopération du consortium CITÉES (corrigé)');
    expect(en.find((i) => i.eventId === charter.eventId)!.label).toBe('Drafting started: Charte de coopération du consortium CITÉES (corrected)');
    expect(fr.find((i) => i.eventId === representative.eventId)!.label).toBe('Représentant·e désigné·e pour Banlieues Santé (corrigé)');
    // A representative's title is personal data (GDPR): the timeline says it was corrected, GET /cooperations/{id} shows the values.
    expect(fr.filter((i) => i.type === 'RecordCorrected').map((i) => i.label)).toEqual([
      'Correction : titre (donnée personnelle) (Titre incomplet dans la note de lancement)',
      'Correction : titre « Charte de coopération CITÉES » → « Charte de coopération du consortium CITÉES » (Intitulé de la version signée)',
    ]);
    expect(en.filter((i) => i.type === 'RecordCorrected').map((i) => i.label)[0]).toBe(
      'Correction: title (personal data) (Titre incomplet dans la note de lancement)',
    );
  });

  it('a field only a read model shows, a decision’s text and a meeting’s place: GET /decisions shows them corrected', async () => {
    const decision = await eventOf('DecisionRecorded', (d) => d.decisionId === 'decision:citees-charte');
    const meeting = await eventOf('MeetingScheduled', (d) => d.meetingId === 'meeting:copil-citees-1');
    const { body } = await post({
      correctedEventId: decision.eventId,
      fieldPath: 'text',
      previousValue: 'Le comité adopte la charte de coopération CITÉES, version 1',
      correctedValue: 'Le comité adopte à l’unanimité la charte de coopération CITÉES, version 1',
      reason: 'Relevé de décisions approuvé',
    }).expect(200);
    expect((await events()).find((e) => e.eventId === body.events[0].eventId)!.data).toMatchObject({
      correctedEventType: 'DecisionRecorded',
      correctedEventRefs: { decisionId: 'decision:citees-charte', instanceId: 'instance:copil-citees', meetingId: 'meeting:copil-citees-1' },
    });
    await post({ correctedEventId: meeting.eventId, fieldPath: 'location', previousValue: 'Marseille', correctedValue: 'Marseille, Cité des Transitions', reason: 'lieu précisé' }).expect(200);

    const [copil] = (await carnet.http().get(`/cooperations/${CITEES}/decisions`).expect(200)).body.instances;
    const held = copil.meetings.find((m: { meetingId: string }) => m.meetingId === 'meeting:copil-citees-1');
    expect(held.location).toBe('Marseille, Cité des Transitions');
    expect(held.decisions.find((d: { decisionId: string }) => d.decisionId === 'decision:citees-charte').text).toBe('Le comité adopte à l’unanimité la charte de coopération CITÉES, version 1');
    expect((await timeline('fr')).find((i) => i.eventId === decision.eventId)!.label).toMatch(/\(corrigé\)$/);
  });

  it('a guest’s capacity, a person’s (encrypted) or an organisation’s: GET /decisions shows both corrected', async () => {
    const demo = { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' };
    const meeting = { meetingId: 'meeting:copil-citees-2', instanceId: 'instance:copil-citees' };
    await carnet.http().post(`/cooperations/${CITEES}/schedule-meeting`).send({ ...meeting, scheduledFor: '2026-03', location: 'Marseille', agenda: ['bilan'], source: demo }).expect(200);
    const guests = [{ guest: { personId: 'person:elue-marseille', capacity: 'Adjointe au maire' } }, { guest: { organisationId: 'org:fondation-macif', capacity: 'chargée de mision' } }];
    await carnet.http().post(`/cooperations/${CITEES}/record-meeting-held`).send({ meetingId: meeting.meetingId, heldOn: '2026-03', attendees: [{ seatId: 'seat:copil-citees-1' }, ...guests], source: demo }).expect(200);
    const held = await eventOf('MeetingHeld', (d) => d.meetingId === meeting.meetingId);
    await post({ correctedEventId: held.eventId, fieldPath: 'attendees.1.guest.capacity', previousValue: 'Adjointe au maire', correctedValue: 'Maire adjointe', reason: 'compte rendu' }).expect(200);
    await post({ correctedEventId: held.eventId, fieldPath: 'attendees.2.guest.capacity', previousValue: 'chargée de mision', correctedValue: 'chargée de mission', reason: 'coquille' }).expect(200);

    const [copil] = (await carnet.http().get(`/cooperations/${CITEES}/decisions`).expect(200)).body.instances;
    expect(copil.meetings.find((m: { meetingId: string }) => m.meetingId === meeting.meetingId).guests).toEqual([
      { personId: 'person:elue-marseille', capacity: 'Maire adjointe' },
      { organisationId: 'org:fondation-macif', capacity: 'chargée de mission' },
    ]);
  });

  it('a signature is not corrected: 422 FieldNotCorrectable, nothing appended', async () => {
    const signature = await eventOf('CharterSigned', (d) => d.organisationId === 'org:inter-made');
    const problem = await refused({ correctedEventId: signature.eventId, fieldPath: 'signedOn', previousValue: '2025-12', correctedValue: '2026-01', reason: 'signée en janvier' });
    expect(problem).toMatchObject({ status: 422, code: 'FieldNotCorrectable', params: { eventType: 'CharterSigned', fieldPath: 'signedOn', why: 'fixedByDomainEvent' } });
  });

  it('a stale previousValue is 422 StaleCorrection: the title in force is the corrected one', async () => {
    const problem = await refused({ correctedEventId: representative.eventId, fieldPath: 'title', previousValue: 'Directeur', correctedValue: 'Directeur exécutif', reason: 'autre source' });
    expect(problem).toMatchObject({ code: 'StaleCorrection', params: { valueInForce: 'Directeur général', previousValue: 'Directeur' } });
  });

  it('an event of another stream is not this cooperation’s to correct; a blank reason is refused by the rule', async () => {
    const organisation = (await carnet.store.readAll()).find((e) => e.type === 'OrganisationRegistered')!;
    expect(await refused({ correctedEventId: organisation.eventId, fieldPath: 'name', previousValue: 'Fondation Macif', correctedValue: 'Fondation MACIF', reason: 'casse' })).toMatchObject({ code: 'CorrectedEventNotFound' });
    expect(await refused({ correctedEventId: representative.eventId, fieldPath: 'title', previousValue: 'Directeur général', correctedValue: 'Directeur', reason: ' ' })).toMatchObject({ code: 'CorrectionReasonRequired' });
  });

  it('a body without the value it replaces, or with a path that is not one, is malformed: 400', async () => {
    const { body } = await post({ correctedEventId: representative.eventId, fieldPath: 'title', correctedValue: 'x', reason: 'r' }).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'previousValue' })]);
    const path = await post({ correctedEventId: representative.eventId, fieldPath: '__proto__.x', previousValue: 'x', correctedValue: 'y', reason: 'r' }).expect(400);
    expect(path.body.errors).toEqual([expect.objectContaining({ field: 'fieldPath' })]);
  });
});
