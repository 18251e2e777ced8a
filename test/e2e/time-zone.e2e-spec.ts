import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { calendarDay, dayAfter } from '#domain';
import { startCarnet, type TestCarnet } from '../support/carnet-app.js';

/**
 * "Today" for a fact is the calendar day where the cooperations are (CARNET_TIME_ZONE), not UTC's: at 00:30 in Paris a
 * meeting held that day is not in the future. The test takes a zone whose day differs from UTC's right now (one at
 * UTC+14 from 10:00 UTC, one at UTC−11 before), at least an hour from the two days meeting again.
 */
describe('today is the day in CARNET_TIME_ZONE', () => {
  const aheadOfUtc = new Date().getUTCHours() >= 10;
  const timeZone = aheadOfUtc ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet({ CARNET_TIME_ZONE: timeZone });
  });
  afterAll(async () => carnet.close());

  const register = (organisationId: string, date: string) =>
    carnet.http().post('/organisations').send({ organisationId, name: `Association ${organisationId}`, kind: 'association', occurredAt: { date } });

  it(`a fact dated the zone's today is recorded, one dated the day after is refused (${timeZone})`, async () => {
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
});
