import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cooperationStream, type RoleAssignedV1Data } from '#domain';
import { eventIdFor, type NewEvent } from '#event-store';
import { main } from '../../apps/cli/src/main.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const STREAM = cooperationStream(CITEES);

/** RoleAssigned as an early Carnet stored it (schema v1): the validity nested in `period`. */
const v1Role = (n: number, data: RoleAssignedV1Data, occurredOn: string): NewEvent => {
  const commandId = `00000000-0000-4000-8000-5c4e3a00000${n}`;
  return {
    eventId: eventIdFor(commandId, 0),
    type: 'RoleAssigned',
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'user:saisie-2025' },
      recordedAt: new Date().toISOString(),
      correlationId: commandId,
      causationId: commandId,
      commandId,
      occurredAt: { date: occurredOn, precision: occurredOn.length === 4 ? 'year' : 'month' },
    },
  };
};

const LEAD = v1Role(1, { assignmentId: 'assignment:citees-lead-2025', organisationId: 'org:cite-des-transitions', role: 'Lead', wording: 'pilote la coopération', period: { from: '2025-03', to: null } }, '2025-03');
const COORDINATION = v1Role(2, { assignmentId: 'assignment:citees-coordination-2025', organisationId: 'org:inter-made', role: 'Coordinator', period: { from: '2025', to: '2025-12' } }, '2025');

interface StoredRow {
  schema_version: number;
  data: string;
  metadata: string;
}

describe('schema evolution: RoleAssigned v1 events stored by an early Carnet still fold, project and verify', () => {
  let carnet: TestCarnet;
  const storedBefore = new Map<string, StoredRow>();
  const storedRow = (eventId: string) => carnet.store.database.prepare<[string], StoredRow>('SELECT schema_version, data, metadata FROM events WHERE event_id = ?').get(eventId)!;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA().slice(0, 13)); // registries, the proposal, five members
    // The fixture: v1 events appended through the raw store port, which seals them into the stream's hash chain.
    const head = (await carnet.store.readStream(STREAM, { direction: 'backwards', maxCount: 1 }))[0]!.revision;
    await carnet.store.append(STREAM, [LEAD, COORDINATION], { expectedRevision: head });
    for (const { eventId } of [LEAD, COORDINATION]) storedBefore.set(eventId, storedRow(eventId));
  }, 60_000);
  afterAll(async () => carnet.close());

  it('the fixture is stored at v1, in its old shape', () => {
    const row = storedBefore.get(LEAD.eventId)!;
    expect(row.schema_version).toBe(1);
    expect(JSON.parse(row.data)).toEqual(LEAD.data);
    expect(JSON.parse(row.data)).not.toHaveProperty('from');
  });

  it('the cooperation folds them: GET /cooperations/{id} shows the lead and the coordination with their dates', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    expect(body.lead.current).toMatchObject({ organisationId: 'org:cite-des-transitions', organisationName: 'La Cité des Transitions', from: '2025-03', current: true });
    expect(body.lead.current).not.toHaveProperty('to');
    expect(body.roles).toContainEqual(expect.objectContaining({ assignmentId: 'assignment:citees-coordination-2025', role: 'Coordinator', from: '2025', to: '2025-12', current: false }));
    for (const role of body.roles) expect(role).not.toHaveProperty('period');
  });

  it('the read models project them: the timeline lists both roles at their business dates', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200);
    const roles = body.items.filter((item: { type: string }) => item.type === 'RoleAssigned');
    expect(roles).toEqual([
      expect.objectContaining({ label: 'Coordination : Inter-Made', date: { date: '2025', precision: 'year', approximate: false } }),
      expect.objectContaining({ label: 'Pilote : La Cité des Transitions', date: { date: '2025-03', precision: 'month', approximate: false } }),
    ]);
  });

  it('new commands on the stream decide from the upcast state', async () => {
    const handOver = (effectiveOn: string) =>
      carnet.http().post(`/cooperations/${CITEES}/hand-over-role`).send({ role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', effectiveOn, newAssignmentId: 'assignment:citees-lead-2026' });
    const refused = await handOver('2025-01').expect(422);
    expect(refused.body).toMatchObject({ code: 'EffectiveBeforeAssignmentStart', params: { effectiveOn: '2025-01', from: '2025-03' } });

    await handOver('2026-01-01').expect(200);
    const { body } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    expect(body.lead.history).toEqual([
      { organisationId: 'org:cite-des-transitions', organisationName: 'La Cité des Transitions', from: '2025-03', endedOn: '2026-01-01', current: false, upcoming: false },
      { organisationId: 'org:inter-made', organisationName: 'Inter-Made', from: '2026-01-01', current: true, upcoming: false },
    ]);
    // The handover's timeline label reads the v1 lead's start from the projected assignment.
    const timeline = await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200);
    expect(timeline.body.items.map((item: { label: string }) => item.label)).toContain('Pilote : La Cité des Transitions (2025) → Inter-Made (2026–)');
  });

  it('a role assigned now is written at v2, flat', async () => {
    await carnet
      .http()
      .post(`/cooperations/${CITEES}/assign-role`)
      .send({ assignmentId: 'assignment:citees-facilitation', organisationId: 'org:banlieues-sante', role: 'Facilitator', from: '2026-02' })
      .expect(200);
    const [latest] = await carnet.store.readStream(STREAM, { direction: 'backwards', maxCount: 1 });
    const row = storedRow(latest!.eventId);
    expect(row.schema_version).toBe(2);
    expect(JSON.parse(row.data)).toEqual({ assignmentId: 'assignment:citees-facilitation', organisationId: 'org:banlieues-sante', role: 'Facilitator', from: '2026-02' });
  });

  it('GET /audit/verify passes: it checks the stored bytes, not the upcast view', async () => {
    const { body } = await carnet.http().get('/audit/verify').expect(200);
    expect(body).toEqual({ ok: true, eventsChecked: await carnet.eventCount(), streamsChecked: expect.any(Number), unchainedEvents: 0 });
  });

  it('the CLI rebuilds the timeline through the upcaster, and its audit verify passes', async () => {
    const dataDir = dirname(carnet.store.database.name);
    const lines: string[] = [];
    expect(await main(['projections', 'rebuild', 'cooperation-timeline', '--data-dir', dataDir], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('cooperation-timeline : reconstruit depuis la position 0');
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200);
    expect(body.items).toContainEqual(expect.objectContaining({ type: 'RoleAssigned', label: 'Pilote : La Cité des Transitions', date: expect.objectContaining({ date: '2025-03' }) }));
    expect(await main(['audit', 'verify', '--data-dir', dataDir], () => undefined)).toBe(0);
  });

  it('after all of it, the fixture rows are still the v1 bytes they were stored as', () => {
    for (const [eventId, before] of storedBefore) expect(storedRow(eventId)).toEqual(before);
    expect(storedRow(COORDINATION.eventId).schema_version).toBe(1);
    expect(JSON.parse(storedRow(COORDINATION.eventId).data)).toEqual(COORDINATION.data);
  });
});
