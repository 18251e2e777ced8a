import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EXPORTS_STREAM } from '#domain';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';

/** peers.md §4.12: « l'auditeur X a exporté la chronologie 2025 » is itself a fact of the history. */
describe('the export trail', () => {
  let carnet: TestCarnet;
  const MEMBER = { sub: 'user:amina', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] } as const;
  const trail = async () => (await carnet.store.readStream(EXPORTS_STREAM)).map((e) => ({ type: e.type, data: e.data, actor: e.metadata.actor }));

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('records who exported what, before the data leaves: the log as NDJSON and a timeline for a spreadsheet', async () => {
    const member = carnet.as(await tokenFor(MEMBER));
    const { body: before } = await member.get(`/cooperations/${CITEES}`).expect(200);
    await member.get('/events/export').query({ cooperationId: CITEES, from: '2026-01-01', to: '2026-12-31' }).expect(200);
    await member.get(`/cooperations/${CITEES}/timeline.csv`).query({ lang: 'en' }).expect(200);
    await carnet.http().get('/events/export').expect(200);
    expect(await trail()).toEqual([
      { type: 'DataExported', data: { export: 'eventLog', cooperationId: CITEES, from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z' }, actor: expect.objectContaining({ userId: 'user:amina', organisationId: 'org:banlieues-sante' }) },
      { type: 'DataExported', data: { export: 'timelineCsv', cooperationId: CITEES, lang: 'en' }, actor: expect.objectContaining({ userId: 'user:amina' }) },
      { type: 'DataExported', data: { export: 'eventLog' }, actor: expect.objectContaining({ userId: 'user:test-admin' }) },
    ]);
    // A stream of its own: exporting never moves the cooperation's revision, its writers' If-Match.
    const { body: after } = await member.get(`/cooperations/${CITEES}`).expect(200);
    expect(after.revision).toBe(before.revision);
    // Auditors read it in the global feed, like any other fact.
    const auditor = carnet.as(await tokenFor({ sub: 'user:marianne', role: 'auditor' }));
    const { body: feed } = await auditor.get('/events').query({ type: 'DataExported' }).expect(200);
    expect(feed.events.map((e: { data: { export: string } }) => e.data.export)).toEqual(['eventLog', 'timelineCsv', 'eventLog']);
  });

  it('records nothing for an export that is refused', async () => {
    const count = (await trail()).length;
    const member = carnet.as(await tokenFor(MEMBER));
    await member.get('/events/export').expect(403);
    await member.get('/events/export').query({ cooperationId: CITEES, from: 'hier' }).expect(400);
    await carnet.http().get('/events/export').query({ cooperationId: 'coop:nulle-part' }).expect(404);
    await carnet.http().get('/cooperations/coop:nulle-part/timeline.csv').expect(404);
    expect(await trail()).toHaveLength(count);
  });
});
