import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDay } from '#domain';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA, scenarioAHandOver } from '../../apps/cli/src/demo/scenarios.js';

interface Member {
  organisationId: string;
  joinedOn: string;
  roles: { role: string }[];
}

/**
 * An auditor's other question (domain.md §10.2): not what the log held at a record time, but what the cooperation
 * looked like on a business day — « on 30 June 2025? » — as the log now reads it, or as it read then.
 */
describe('the cooperation as it stood on a business day (`on`)', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/${command}`).send(body);
  const on = (day: string, query: Record<string, string> = {}) => carnet.http().get(`/cooperations/${CITEES}`).query({ on: day, ...query });
  const memberIds = (view: { members: Member[] }) => view.members.map((m) => m.organisationId);
  let beforeCorrection: string;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...scenarioAHandOver()]);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atis', name: 'ATIS', kind: 'supportNetwork' }).expect(201);
    await post('admit-member', { organisationId: 'org:atis', membershipType: 'member', joinedOn: '2026-03' }).expect(200);
    await post('assign-role', { assignmentId: 'assignment:atis-support', organisationId: 'org:atis', role: 'SupportProvider', from: '2026-03' }).expect(200);
    await post('relinquish-role', { assignmentId: 'assignment:atis-support', effectiveOn: '2026-09', reason: 'fin de mission' }).expect(200);
    await post('record-member-departure', { organisationId: 'org:atis', leftOn: '2026-10', reason: 'fin de mission' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    beforeCorrection = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterAll(async () => carnet.close());

  it('follows a member through its months: not yet in, in with its role, its role ended, gone', async () => {
    const atis = (view: { members: Member[] }) => view.members.find((m) => m.organisationId === 'org:atis');
    const february = (await on('2026-02-28').expect(200)).body;
    expect(february.on).toBe('2026-02-28');
    expect(atis(february)).toBeUndefined();
    expect(february.formerMembers.map((m: { organisationId: string }) => m.organisationId)).not.toContain('org:atis');

    expect(atis((await on('2026-03-01').expect(200)).body)).toMatchObject({ joinedOn: '2026-03', roles: [{ role: 'SupportProvider' }] });
    const september = (await on('2026-09-15').expect(200)).body;
    expect(atis(september)).toMatchObject({ roles: [] });
    expect(september.roles.find((r: { assignmentId: string }) => r.assignmentId === 'assignment:atis-support')).toMatchObject({ endedOn: '2026-09', current: false });

    const october = (await on('2026-10-01').expect(200)).body;
    expect(atis(october)).toBeUndefined();
    expect(october.formerMembers).toEqual([expect.objectContaining({ organisationId: 'org:atis', leftOn: '2026-10' })]);
  });

  it('shows a hand-over recorded ahead of its date only from that date: the Lead of 2026, then of 2027', async () => {
    const lead = async (day: string) => (await on(day).expect(200)).body.lead;
    const in2026 = await lead('2026-12-31');
    expect(in2026.current).toMatchObject({ organisationId: 'org:cite-des-transitions' });
    expect(in2026.history.map((h: { organisationId: string }) => h.organisationId)).toEqual(['org:cite-des-transitions']);
    const in2027 = await lead('2027-01-01');
    expect(in2027.current).toMatchObject({ organisationId: 'org:inter-made' });
    expect(in2027.history.map((h: { organisationId: string; endedOn?: string }) => [h.organisationId, h.endedOn])).toEqual([
      ['org:cite-des-transitions', '2027-01-01'],
      ['org:inter-made', undefined],
    ]);
  });

  it('places each fact as the timeline does: the state on a day holds the members the timeline shows joining by then, and none before the proposal', async () => {
    const items = (await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200)).body.items as { type: string; date: { date: string } }[];
    const joins = items.filter((item) => item.type === 'MemberJoined');
    expect(joins.length).toBeGreaterThan(3);
    // Each day a member joined, and the eve of it: a fact dated by a month or a year counts from its first day.
    const days = joins.map((join) => startDay(join.date.date)).flatMap((day) => [day, new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10)]);
    const by = (type: string, day: string) => items.filter((item) => item.type === type && startDay(item.date.date) <= day).length;
    const proposed = startDay(items.find((item) => item.type === 'CooperationProposed')!.date.date);
    expect(days.filter((day) => day < proposed)).not.toEqual([]);
    for (const day of days) {
      if (day < proposed) {
        expect((await on(day).expect(404)).body.code).toBe('NotYetProposed');
        continue;
      }
      const view = (await on(day).expect(200)).body;
      expect({ day, members: view.members.length }).toEqual({ day, members: by('MemberJoined', day) - by('MemberLeft', day) });
    }
  });

  it('moves a fact whose date a correction set right, and answers as the log read before the correction with asOf', async () => {
    const events = (await carnet.http().get(`/cooperations/${CITEES}/events?limit=1000`).expect(200)).body.events as { eventId: string; type: string; data: { organisationId?: string } }[];
    const joined = events.find((e) => e.type === 'MemberJoined' && e.data.organisationId === 'org:atis')!;
    await post('correct-record', { correctedEventId: joined.eventId, fieldPath: 'joinedOn', previousValue: '2026-03', correctedValue: '2026-05', reason: 'Date d’adhésion du bulletin signé' }).expect(200);

    const april = (await on('2026-04-15').expect(200)).body;
    expect(memberIds(april)).not.toContain('org:atis');
    expect(april.corrections).toEqual([]);
    const may = (await on('2026-05-01').expect(200)).body;
    expect(may.members.find((m: Member) => m.organisationId === 'org:atis')).toMatchObject({ joinedOn: '2026-05' });
    expect(may.corrections).toEqual([expect.objectContaining({ correctedEventId: joined.eventId, previousValue: '2026-03', correctedValue: '2026-05' })]);

    const asRecorded = (await on('2026-04-15', { asOf: beforeCorrection }).expect(200)).body;
    expect(asRecorded).toMatchObject({ on: '2026-04-15', asOf: beforeCorrection });
    expect(asRecorded.members.find((m: Member) => m.organisationId === 'org:atis')).toMatchObject({ joinedOn: '2026-03' });
  });

  it('refuses what it cannot answer, with a problem body, and without `on` answers as before', async () => {
    const early = (await on('2001-01-01').expect(404)).body;
    expect(early).toMatchObject({
      code: 'NotYetProposed',
      title: 'La coopération n’était pas encore proposée à cette date',
      params: { cooperationId: CITEES, on: '2001-01-01', proposedOn: expect.any(String) },
    });
    for (const wrong of ['2026-02-30', '2026-06', '30/06/2025', '2026-06-30T00:00:00Z']) {
      const { body } = await on(wrong).expect(400);
      expect(body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'on', messages: ['on must be a calendar day such as 2025-06-30'] }] });
    }
    const now = (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body;
    expect(now.on).toBeUndefined();
    expect(memberIds(now)).not.toContain('org:atis');
  });
});
