import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { cooperationDecider, cooperationStream, fold, type CooperationEvent } from '#domain';
import { EVENT_STORE, erasePerson, ERASED_PERSONAL_DATA, SqlitePersonKeys, toDomainEvent, type EventStore, type RecordedEvent } from '#event-store';
import { createApp } from '../../apps/api/src/app.factory.js';
import { loadConfig } from '../../apps/api/src/config/env.js';
import { CooperationStates } from '../../apps/api/src/cooperations/cooperation-states.js';
import {
  CITEES,
  scenarioA,
  scenarioAHandOver,
  scenarioB,
  scenarioBSeatsStartAndAction,
  scenarioC,
  scenarioCImplementation,
  scenarioD,
  scenarioDSignaturesAndAfter,
  scenarioE,
  scenarioESignaturesAndAfter,
} from '../../apps/cli/src/demo/scenarios.js';
import { ADMIN, TEST_JWT_SECRET, tokenFor } from '../support/carnet-app.js';

/** The state of a prefix of a stream as the API folded it before the cache: every event, one at a time, from the empty state. */
const foldedOneByOne = (events: readonly RecordedEvent[]) =>
  fold(cooperationDecider.evolve, cooperationDecider.initialState(), events.map((e) => toDomainEvent<CooperationEvent>(e)));

/**
 * The API's folded states (apps/api cooperations/cooperation-states.ts) against the fold of the whole stream: over every
 * scenario's streams, at every revision and record time; with two API nodes writing one log at once; after an erasure.
 */
describe('folded cooperation states, kept between requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-folded-states-'));
  const nodes: NestExpressApplication[] = [];
  let token: string;
  const startNode = async (name: string) => {
    const config = loadConfig({ CARNET_DATA_DIR: dataDir, CARNET_NODE_NAME: name, CARNET_JWT_SECRET: TEST_JWT_SECRET, CARNET_RATE_LIMIT_PER_MINUTE: '0', CARNET_RATE_LIMIT_IP_PER_MINUTE: '0' });
    const app = await createApp(config, { logger: ['error'] });
    await app.init();
    nodes.push(app);
    return app;
  };
  const http = (app: NestExpressApplication) => ({
    post: (path: string, body: object, headers: Record<string, string> = {}) => request(app.getHttpServer()).post(path).set({ Authorization: `Bearer ${token}`, ...headers }).send(body),
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`),
  });
  const run = async (app: NestExpressApplication, steps: readonly { path: string; body: object }[]) => {
    for (const step of steps) {
      const response = await http(app).post(step.path, step.body);
      if (response.status >= 300) throw new Error(`${step.path} → ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const storeOf = (app: NestExpressApplication) => app.get<EventStore>(EVENT_STORE);

  let first: NestExpressApplication;
  let second: NestExpressApplication;
  beforeAll(async () => {
    token = await tokenFor(ADMIN);
    first = await startNode('node-1');
    second = await startNode('node-2');
    await run(first, [
      ...scenarioA(),
      ...scenarioAHandOver(),
      ...scenarioB(),
      ...scenarioBSeatsStartAndAction(),
      ...scenarioC(),
      ...scenarioCImplementation(),
      ...scenarioD(),
      ...scenarioDSignaturesAndAfter(),
      ...scenarioE(),
      ...scenarioESignaturesAndAfter(),
    ]);
    // Corrections refold the facts from the start: one on a personal field, one on a plain one.
    const events = await storeOf(first).readStream(cooperationStream(CITEES));
    const designation = events.find((e) => e.type === 'RepresentativeDesignated' && (e.data as { personId: string }).personId === 'person:yassine-ennomany')!;
    const milestone = events.find((e) => e.type === 'MilestonePlanned')!;
    await run(first, [
      { path: `/cooperations/${CITEES}/correct-record`, body: { correctedEventId: designation.eventId, fieldPath: 'title', previousValue: 'Directeur', correctedValue: 'Directeur général', reason: 'Titre incomplet' } },
      { path: `/cooperations/${CITEES}/correct-record`, body: { correctedEventId: milestone.eventId, fieldPath: 'label', previousValue: (milestone.data as { label: string }).label, correctedValue: 'Rotation du pilotage (2026)', reason: 'Année précisée' } },
    ]);
  }, 120_000);
  afterAll(async () => {
    for (const app of nodes) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every scenario’s cooperation: the state at each revision and record time equals the fold of that prefix', async () => {
    const store = storeOf(first);
    const states = first.get(CooperationStates);
    const streams = [...new Set((await store.readAll()).map((e) => e.streamId))].filter((id) => id.startsWith('cooperation-'));
    expect(streams.length).toBeGreaterThanOrEqual(5);
    for (const stream of streams) {
      const events = await store.readStream(stream);
      expect((await states.head(stream)).state).toEqual(foldedOneByOne(events));
      for (const event of events) {
        const known = events.slice(0, event.revision + 1);
        expect([stream, (await states.atRevision(stream, event.revision)).state]).toEqual([stream, foldedOneByOne(known)]);
        const recordedBy = await states.recordedBy(stream, event.metadata.recordedAt);
        const byThen = events.filter((e) => e.metadata.recordedAt <= event.metadata.recordedAt);
        expect([stream, recordedBy?.revision, recordedBy?.state]).toEqual([stream, byThen.at(-1)!.revision, foldedOneByOne(byThen)]);
      }
    }
  }, 60_000);

  it('GET ?revision, ?asOf and /diff answer from the folded states as they did from the whole stream', async () => {
    const events = await storeOf(first).readStream(cooperationStream(CITEES));
    const corrected = events.findLast((e) => e.type === 'RecordCorrected')!;
    const before = (await http(first).get(`/cooperations/${CITEES}?revision=${corrected.revision - 1}`).expect(200)).body;
    const after = (await http(first).get(`/cooperations/${CITEES}?asOf=${corrected.metadata.recordedAt}`).expect(200)).body;
    expect(before.corrections).toHaveLength(1);
    expect(after.corrections).toHaveLength(2);
    expect(after.corrections[1]).toMatchObject({ correctedEventId: events.find((e) => e.type === 'MilestonePlanned')!.eventId, recordedAt: corrected.metadata.recordedAt });
    const diff = (await http(first).get(`/cooperations/${CITEES}/diff?from=${events[10]!.metadata.recordedAt}`).expect(200)).body;
    expect(diff.events.map((e: { revision: number }) => e.revision)).toEqual(events.filter((e) => e.metadata.recordedAt > events[10]!.metadata.recordedAt).map((e) => e.revision));
    await http(first).get(`/cooperations/${CITEES}?revision=${events.length}`).expect(404);
    await http(first).get('/cooperations/coop:never-proposed').expect(404);
    expect(first.get(CooperationStates).size.streams).toBeGreaterThan(0);
  });

  it('two nodes writing one cooperation at once: each node’s commands see the other’s, and both answer the log’s state', async () => {
    const stream = cooperationStream(CITEES);
    const revision = (await storeOf(first).readStream(stream)).length - 1;
    const sends = Array.from({ length: 16 }, (_, i) =>
      http(i % 2 ? second : first).post(
        `/cooperations/${CITEES}/plan-milestone`,
        { label: `Comité de suivi ${i}`, kind: 'other', dueBy: '2027' },
        // One in four carries If-Match at the revision both started from: at most one of those may land.
        i % 4 === 3 ? { 'If-Match': `"${revision}"` } : {},
      ),
    );
    const answers = await Promise.all(sends);
    const landed = answers.filter((a) => a.status === 200);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 || a.status === 412)).toBe(true);
    expect(landed.length).toBeGreaterThanOrEqual(12);
    const events = await storeOf(first).readStream(stream);
    expect(events).toHaveLength(revision + 1 + landed.length);
    for (const node of [first, second]) {
      const coop = (await http(node).get(`/cooperations/${CITEES}`).expect(200)).body;
      expect(coop.revision).toBe(events.at(-1)!.revision);
      expect((await node.get(CooperationStates).head(stream)).state).toEqual(foldedOneByOne(events));
    }
    // A label planned on one node is refused on the other: its decision saw the state with it.
    const planned = landed[0]!.body as { ids: { milestoneId: string } };
    const label = events.find((e) => (e.data as { milestoneId?: string }).milestoneId === planned.ids.milestoneId)!.data as { label: string };
    const twice = await http(second).post(`/cooperations/${CITEES}/plan-milestone`, { label: label.label, kind: 'other', dueBy: '2027' });
    expect([twice.status, twice.body.code]).toEqual([422, 'MilestoneLabelAlreadyUsed']);
  });

  it('an erasure by another process (the CLI’s key store connection) leaves no cached name readable on either node', async () => {
    const name = 'Marianne Morini';
    for (const node of [first, second]) expect(JSON.stringify((await http(node).get(`/cooperations/${CITEES}`).expect(200)).body)).toContain(name);
    const keys = SqlitePersonKeys.open(join(dataDir, 'person-keys.sqlite'));
    try {
      await erasePerson(storeOf(first), keys, { personId: 'person:marianne-morini', reason: 'Demande écrite', erasedAt: new Date().toISOString(), actor: { userId: 'cli', capacity: 'operator' } });
    } finally {
      keys.close();
    }
    for (const node of [first, second]) {
      for (const query of ['', '?revision=20', `?asOf=${new Date().toISOString()}`]) {
        const body = JSON.stringify((await http(node).get(`/cooperations/${CITEES}${query}`).expect(200)).body);
        expect([query, body.includes(name), body.includes(ERASED_PERSONAL_DATA)]).toEqual([query, false, true]);
      }
    }
  });
});
