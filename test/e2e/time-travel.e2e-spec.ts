import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { BAFAPATABOR, CITEES, scenarioA, scenarioB, scenarioBSeatsStartAndAction } from '../../apps/cli/src/demo/scenarios.js';

/** Record times are stamped by the server in milliseconds: a short pause keeps two moments apart. */
const moment = async (): Promise<string> => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const now = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return now;
};

/** An auditor's questions: what did the log say at that moment (`asOf`, `revision`), and what changed in between (`diff`)? */
describe('time travel over a cooperation’s history (scenarios A and B)', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/${command}`).send(body);
  const at = (query: Record<string, string>) => carnet.http().get(`/cooperations/${CITEES}`).query(query);
  let beforeAtis: string;
  let atisMember: string;
  let atisGone: string;
  let revisionBeforeAtis: number;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...scenarioB()]);
    revisionBeforeAtis = (await at({}).expect(200)).body.revision;
    beforeAtis = await moment();
    await carnet.http().post('/organisations').send({ organisationId: 'org:atis', name: 'ATIS', kind: 'supportNetwork' }).expect(201);
    await post('admit-member', { organisationId: 'org:atis', membershipType: 'member', joinedOn: '2026-03' }).expect(200);
    await post('assign-role', { assignmentId: 'assignment:atis-support', organisationId: 'org:atis', role: 'SupportProvider', from: '2026-03' }).expect(200);
    atisMember = await moment();
    await post('relinquish-role', { assignmentId: 'assignment:atis-support', effectiveOn: '2026-09', reason: 'fin de mission' }).expect(200);
    await post('record-member-departure', { organisationId: 'org:atis', leftOn: '2026-10', reason: 'fin de mission' }).expect(200);
    atisGone = await moment();
  });
  afterAll(async () => carnet.close());

  it('asOf a moment between two changes shows what the log held then: ATIS a member with its role', async () => {
    const { body, headers } = await at({ asOf: atisMember }).expect(200);
    expect(body.asOf).toBe(atisMember);
    expect(headers.etag).toBe(`"${body.revision}"`);
    expect(body.members.find((m: { organisationId: string }) => m.organisationId === 'org:atis')).toMatchObject({ roles: [expect.objectContaining({ role: 'SupportProvider' })] });
    const before = (await at({ asOf: beforeAtis }).expect(200)).body;
    expect(before.revision).toBe(revisionBeforeAtis);
    expect(before.members.map((m: { organisationId: string }) => m.organisationId)).not.toContain('org:atis');
    const now = (await at({}).expect(200)).body;
    expect(now.members.map((m: { organisationId: string }) => m.organisationId)).not.toContain('org:atis');
    expect(now.formerMembers).toEqual([expect.objectContaining({ organisationId: 'org:atis', leftOn: '2026-10' })]);
  });

  it('revision n folds exactly the first n + 1 events', async () => {
    const zero = (await at({ revision: '0' }).expect(200)).body;
    expect(zero).toMatchObject({ revision: 0, phase: 'identification', members: [] });
    const byRevision = (await at({ revision: String(revisionBeforeAtis) }).expect(200)).body;
    const { asOf, ...byRecordTime } = (await at({ asOf: beforeAtis }).expect(200)).body;
    expect(asOf).toBe(beforeAtis);
    expect(byRevision).toEqual(byRecordTime);
  });

  it('diff lists exactly the changes between two moments, and the events that made them', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: beforeAtis, to: atisMember }).expect(200);
    expect(body).toMatchObject({ fromRevision: revisionBeforeAtis, toRevision: revisionBeforeAtis + 2, phase: null, membersLeft: [], rolesEnded: [], seatsAssigned: [], seatsVacated: [], signatures: [], charters: [] });
    expect(body.membersJoined).toEqual([{ organisationId: 'org:atis', name: 'ATIS', joinedOn: '2026-03' }]);
    expect(body.rolesAssigned).toEqual([expect.objectContaining({ assignmentId: 'assignment:atis-support', role: 'SupportProvider' })]);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['MemberJoined', 'RoleAssigned']);
    expect(body.events[0].actor).toEqual(expect.objectContaining({ userId: expect.any(String) }));

    const whole = (await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: beforeAtis, to: atisGone }).expect(200)).body;
    expect(whole.events.map((e: { type: string }) => e.type)).toEqual(['MemberJoined', 'RoleAssigned', 'RoleRelinquished', 'MemberLeft']);
    // Joined and left in between: in both lists, like the role assigned and ended in between.
    expect(whole.membersJoined.map((m: { organisationId: string }) => m.organisationId)).toEqual(['org:atis']);
    expect(whole.membersLeft.map((m: { organisationId: string }) => m.organisationId)).toEqual(['org:atis']);
    expect(whole.rolesAssigned.map((r: { assignmentId: string }) => r.assignmentId)).toEqual(['assignment:atis-support']);
    expect(whole.rolesEnded.map((r: { assignmentId: string }) => r.assignmentId)).toEqual(['assignment:atis-support']);
    const after = (await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: atisMember, to: atisGone }).expect(200)).body;
    expect(after.membersJoined).toEqual([]);
    expect(after.membersLeft).toEqual([{ organisationId: 'org:atis', name: 'ATIS', leftOn: '2026-10' }]);
    expect(after.rolesEnded).toEqual([expect.objectContaining({ assignmentId: 'assignment:atis-support', endedOn: '2026-09' })]);
  });

  it('diff over scenario B’s start: phase, seats and the launch, from before the cooperation existed', async () => {
    const beforeStart = await moment();
    await runSteps(carnet, scenarioBSeatsStartAndAction());
    const { body } = await carnet.http().get(`/cooperations/${BAFAPATABOR}/diff`).query({ from: beforeStart }).expect(200);
    expect(body.phase).toEqual({ from: 'framing', to: 'implementation' });
    expect(body.seatsAssigned.map((s: { holderName: string }) => s.holderName)).toEqual([
      'Atelier de menuiserie associatif et expérimental (AMAE)', 'e-graine Occitanie', 'PATRIMOINE SA Languedocienne', 'Fondation Macif',
      'Habitant·e·s du quartier', 'Habitant·e·s du quartier', 'Toulouse Métropole',
    ]);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual([...Array(7).fill('InstanceSeatAssigned'), 'CooperationStarted', 'ActionLaunched']);
    const fromNothing = (await carnet.http().get(`/cooperations/${BAFAPATABOR}/diff`).query({ from: '2000-01-01' }).expect(200)).body;
    expect(fromNothing).toMatchObject({ fromRevision: null, phase: { from: null, to: 'implementation' } });
    expect(fromNothing.membersJoined).toHaveLength(7);
  });

  it('diff from a bare day takes in that day’s changes, as an export window from that day does', async () => {
    const { events: [first] } = (await carnet.http().get(`/cooperations/${CITEES}/events?limit=1`).expect(200)).body;
    const day = (first.metadata.recordedAt as string).slice(0, 10);
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: day }).expect(200);
    const { events: all } = (await carnet.http().get(`/cooperations/${CITEES}/events?limit=1000`).expect(200)).body;
    expect(body.fromRevision).toBeNull();
    expect(body.events).toHaveLength(all.length);
  });

  it('asOf or diff to a bare day judges the roles on that day, not on the next one where the cooperations are (Paris)', async () => {
    // A role ending today: asOf today means by the end of today (23:59:59.999 UTC), already tomorrow in Paris.
    const today = new Date().toISOString().slice(0, 10);
    await post('assign-role', { assignmentId: 'assignment:citees-mobilisation', organisationId: 'org:inter-made', role: 'Mobiliser', from: '2026-01', to: today }).expect(200);
    const mobiliser = (roles: { assignmentId: string; current: boolean }[]) => roles.find((r) => r.assignmentId === 'assignment:citees-mobilisation');
    expect(mobiliser((await at({ asOf: today }).expect(200)).body.roles)).toMatchObject({ current: true });
    const { body: diff } = await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: today, to: today }).expect(200);
    expect(mobiliser(diff.rolesAssigned)).toMatchObject({ current: true });
  });

  it('refuses what cannot be answered, with a problem body', async () => {
    expect((await at({ asOf: 'hier' }).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    expect((await at({ asOf: '2026-02-30' }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await at({ asOf: beforeAtis, revision: '3' }).expect(400)).body.code).toBe('ValidationFailed');
    // Asked before its first record, a known cooperation is not « inconnue »: the answer says when it was first recorded.
    const { events: [first] } = (await carnet.http().get(`/cooperations/${CITEES}/events?limit=1`).expect(200)).body;
    expect((await at({ asOf: '2000-01-01' }).expect(404)).body).toMatchObject({
      code: 'NotYetRecorded',
      title: 'La coopération n’était pas encore enregistrée à cet instant',
      params: { cooperationId: CITEES, asOf: '2000-01-01T23:59:59.999Z', firstRecordedAt: first.metadata.recordedAt },
    });
    expect((await carnet.http().get('/cooperations/coop:nowhere').query({ asOf: '2000-01-01' }).expect(404)).body.code).toBe('CooperationNotFound');
    expect((await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: '1999-01-01', to: '2000-01-01' }).expect(404)).body.code).toBe('NotYetRecorded');
    expect((await at({ revision: '100000' }).expect(404)).body).toMatchObject({ code: 'RevisionNotFound', params: { revision: 100000 } });
    expect((await carnet.http().get(`/cooperations/${CITEES}/diff`).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    expect((await carnet.http().get(`/cooperations/${CITEES}/diff`).query({ from: atisGone, to: beforeAtis }).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('refuses a misspelt or repeated parameter rather than answer with today’s state', async () => {
    const misspelt = await at({ asof: beforeAtis }).expect(400);
    expect(misspelt.headers['content-type']).toContain('application/problem+json');
    expect(misspelt.body).toMatchObject({
      code: 'ValidationFailed',
      errors: [{ field: 'asof', messages: ['asof is not a parameter of GET /cooperations/{id} (it takes asOf, revision, on)'] }],
    });
    const twice = await carnet.http().get(`/cooperations/${CITEES}?asOf=${encodeURIComponent(beforeAtis)}&asOf=${encodeURIComponent(atisGone)}`).expect(400);
    expect(twice.body.errors).toEqual([{ field: 'asOf', messages: ['asOf must be given once'] }]);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, '1']));
    expect((await at(many).expect(400)).body.errors).toHaveLength(20);
    expect((await carnet.http().get('/health').query({ verbose: '1' }).expect(400)).body.errors).toEqual([
      { field: 'verbose', messages: ['verbose is not a parameter of GET /health (it takes none)'] },
    ]);
  });
});
