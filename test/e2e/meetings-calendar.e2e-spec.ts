import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** GET /cooperations/{id}/calendar: the meetings as an iCalendar a calendar application reads (RFC 5545). */
describe('the meetings calendar (iCal)', () => {
  let carnet: TestCarnet;
  const calendar = async (lang = 'fr') => {
    const response = await carnet.http().get(`/cooperations/${CITEES}/calendar?lang=${lang}`).buffer(true).parse((res, done) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done(null, body));
    }).expect(200);
    return { type: response.headers['content-type'], disposition: response.headers['content-disposition'], body: response.body as string };
  };
  /** The calendar's lines, a folded line joined back (RFC 5545 §3.1). */
  const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('one all-day event per meeting: the COPIL of December 2025, held, dated to the month only, with its place and agenda', async () => {
    const { type, disposition, body } = await calendar();
    expect(type).toBe('text/calendar; charset=utf-8');
    expect(disposition).toBe('attachment; filename="coop-citees-marseille.ics"');
    expect(body.endsWith('\r\n')).toBe(true);
    const lines = unfolded(body);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toEqual(expect.arrayContaining([
      'UID:meeting:copil-citees-1@coop:citees-marseille.carnet',
      'DTSTART;VALUE=DATE:20251201',
      'DTEND;VALUE=DATE:20251202',
      'SUMMARY:Comité de pilotage CITÉES — CITÉES Marseille (date : 2025-12\\, jour non précisé)',
      'LOCATION:Marseille',
      'DESCRIPTION:Statut : tenue\\n— adoption de la charte de coopération\\nHypothèse de démonstration (source : confiance D)',
      'STATUS:CONFIRMED',
    ]));
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    // Folded at 75 octets at most, never inside a character.
    expect(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('a meeting planned on a day, with commas and semicolons in its place, in English; a cancelled one says so', async () => {
    const source = { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' };
    const post = (command: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/${command}`).send(body).expect(200);
    await post('schedule-meeting', { meetingId: 'meeting:copil-citees-2', instanceId: 'instance:copil-citees', scheduledFor: '2026-03-12', location: 'Cité des Transitions; salle 2, Marseille\r\nétage 3', agenda: ['bilan'], source });
    await post('schedule-meeting', { meetingId: 'meeting:copil-citees-3', instanceId: 'instance:copil-citees', scheduledFor: '2026-04-09', location: 'Marseille', agenda: [], source });
    await post('cancel-meeting', { meetingId: 'meeting:copil-citees-3', reason: 'grève' });
    const lines = unfolded((await calendar('en')).body);
    expect(lines).toEqual(expect.arrayContaining([
      'DTSTART;VALUE=DATE:20260312',
      'DTEND;VALUE=DATE:20260313',
      'SUMMARY:Comité de pilotage CITÉES — CITÉES Marseille',
      'LOCATION:Cité des Transitions\\; salle 2\\, Marseille\\nétage 3',
      'DESCRIPTION:Status: scheduled\\n— bilan\\nDemo assumption (source confidence D)',
      'STATUS:CANCELLED',
    ]));
  });

  it('is the cooperation’s: unknown, 404 with a problem body', async () => {
    const { body } = await carnet.http().get('/cooperations/coop:inconnue/calendar').expect(404);
    expect(body.code).toBe('CooperationNotFound');
  });
});
