import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { calendarDay, dayAfter } from '#domain';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

/**
 * "Today" for a fact is the calendar day where the cooperations are (CARNET_TIME_ZONE), not UTC's: at 00:30 in Paris a
 * meeting held that day is not in the future. The test takes a zone whose day differs from UTC's right now: one at
 * UTC+14 from 10:00 UTC, one at UTC−11 before (an hour from the two days meeting again at 10:00 or 11:00). At UTC
 * midnight every zone's day meets UTC's anew: a run started in its last three minutes waits for the new day first.
 */
describe('today is the day in CARNET_TIME_ZONE', () => {
  const DAY_MS = 86_400_000;
  let timeZone = '';
  let carnet: TestCarnet;
  beforeAll(async () => {
    const untilMidnight = DAY_MS - (Date.now() % DAY_MS);
    if (untilMidnight < 180_000) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
    timeZone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    carnet = await startCarnet({ CARNET_TIME_ZONE: timeZone });
  }, 240_000);
  afterAll(async () => carnet.close());

  const register = (organisationId: string, date: string) =>
    carnet.http().post('/organisations').send({ organisationId, name: `Association ${organisationId}`, kind: 'association', occurredAt: { date } });

  it("a fact dated the zone's today is recorded, one dated the day after is refused", async () => {
    const now = new Date().toISOString();
    const today = calendarDay(now, timeZone);
    expect(today).not.toBe(now.slice(0, 10));
    // Ahead of UTC, the UTC day would refuse this one as in the future.
    const recorded = await register('org:fuseau-aujourdhui', today);
    expect(recorded.status).toBe(201);
    // Behind UTC, the day after the zone's today is UTC's today, which the UTC day would accept.
    const before = await carnet.eventCount();
    const refused = await register('org:fuseau-demain', dayAfter(today));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'BusinessDateInFuture', params: { date: dayAfter(today) } });
    expect(await carnet.eventCount()).toBe(before);
  });

  it("places a fact that states no date on the zone's day in the timeline, not on UTC's (metadata.recordedOn)", async () => {
    await runSteps(carnet, scenarioA());
    const before = new Date().toISOString();
    await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: 'milestone:fuseau', label: 'Jalon du fuseau', kind: 'other', dueBy: '2030' }).expect(200);
    const after = new Date().toISOString();
    const items = (await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200)).body.items as { type: string; label: string; date: { date: string } }[];
    const planned = items.find((item) => item.type === 'MilestonePlanned' && item.label.includes('Jalon du fuseau'))!;
    expect([calendarDay(before, timeZone), calendarDay(after, timeZone)]).toContain(planned.date.date);
    expect(planned.date.date).not.toBe(after.slice(0, 10));
    // The dashboard's recent activity shows that day too, not the UTC one.
    const { recentActivity } = (await carnet.http().get('/dashboard').expect(200)).body;
    expect(recentActivity.find((item: { label: string }) => item.label.includes('Jalon du fuseau')).recordedOn).toBe(planned.date.date);
  });
});
