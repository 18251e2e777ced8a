import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS, getTimeline, ProjectionRunner, readSavedCheckpoints } from '#projections';
import { main } from '../../apps/cli/src/main.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

/**
 * `carnet projections rebuild` beside a running API: the rebuild publishes a new generation of the read models' file,
 * and the API moves to it with nothing lost, nothing applied or pushed twice, and no pause of its read models.
 */
describe('a rebuild while the API serves', () => {
  let carnet: TestCarnet;
  const timeline = async () => (await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200)).body.items as { eventId: string; label: string }[];

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('publishes a new generation the API moves to, then applies and pushes each new event once', async () => {
    const before = await timeline();
    const pushes: string[] = [];
    carnet.app.get(ProjectionRunner).onApplied((projection, events) => pushes.push(...events.map((e) => `${projection}:${e.type}`)));

    const lines: string[] = [];
    expect(await main(['projections', 'rebuild', '--threads', '1', '--data-dir', carnet.dataDir], (line) => lines.push(line))).toBe(0);
    expect(lines).toHaveLength(ALL_PROJECTIONS.length);
    const readModels = join(carnet.dataDir, 'read-models.sqlite');
    expect(lstatSync(readModels).isSymbolicLink()).toBe(true);
    expect(readlinkSync(readModels)).toBe('read-models.sqlite.g1');
    expect(await timeline()).toEqual(before);

    await carnet.http().post('/organisations').send({ organisationId: 'org:atis', name: 'ATIS', kind: 'supportNetwork' }).expect(201);
    await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:atis', membershipType: 'member', joinedOn: '2026-03' }).expect(200);
    const after = await timeline();
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((item) => item.label)).toContain('ATIS rejoint la coopération');
    expect(pushes.filter((push) => push === 'cooperation-timeline:MemberJoined')).toEqual(['cooperation-timeline:MemberJoined']);
    // Applied to the generation published, not to the file it replaced, which the API would otherwise still hold open.
    const published = new Database(readModels, { readonly: true });
    expect(getTimeline(published, CITEES, 'fr').map((item) => item.label)).toContain('ATIS rejoint la coopération');
    const head = String(await carnet.eventCount());
    published.close();
    const saved = readSavedCheckpoints(readModels);
    expect(ALL_PROJECTIONS.map((p) => saved.get(p.name)?.position)).toEqual(ALL_PROJECTIONS.map(() => head));
    const { body: health } = await carnet.http().get('/health').expect(200);
    expect(health.projections.every((p: { state: string; lagEvents: number }) => p.state === 'live' && p.lagEvents === 0)).toBe(true);
    // The file the link replaced is gone with its WAL: only the link and the generation it names (with its WAL) are left.
    expect(readdirSync(carnet.dataDir).filter((name) => name.startsWith('read-models') && !name.startsWith('read-models.sqlite.g1'))).toEqual(['read-models.sqlite']);
  });
  it('moves to a generation another process published (the installed bin, two threads) while commands kept coming: each event applied and pushed once', async () => {
    const pushes: string[] = [];
    carnet.app.get(ProjectionRunner).onApplied((projection, events) => pushes.push(...events.map((e) => `${projection}:${e.eventId}`)));
    const admit = async (n: number) => {
      await carnet.http().post('/organisations').send({ organisationId: `org:pendant-${n}`, name: `Pendant ${n}`, kind: 'association' }).expect(201);
      await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: `org:pendant-${n}`, membershipType: 'member', joinedOn: '2026-04' }).expect(200);
    };
    const first = (await carnet.store.readAll()).length;
    // Commands recorded while the other process replays, assembles and publishes.
    const rebuild = promisify(execFile)(process.execPath, ['bin/carnet.js', 'projections', 'rebuild', '--threads', '2', '--data-dir', carnet.dataDir]);
    let n = 0;
    let done = false;
    void rebuild.finally(() => (done = true));
    while (!done) await admit(++n);
    await rebuild;
    await admit(++n);
    expect(readlinkSync(join(carnet.dataDir, 'read-models.sqlite'))).toBe('read-models.sqlite.g2');
    const { body: health } = await carnet.http().get('/health').expect(200);
    expect(health.projections.every((p: { state: string; lagEvents: number }) => p.state === 'live' && p.lagEvents === 0)).toBe(true);

    const labels = (await timeline()).map((item) => item.label);
    for (let i = 1; i <= n; i++) expect(labels).toContain(`Pendant ${i} rejoint la coopération`);
    const published = new Database(join(carnet.dataDir, 'read-models.sqlite'), { readonly: true });
    expect(getTimeline(published, CITEES, 'fr').map((item) => item.label)).toEqual(labels);
    published.close();
    // Every event recorded since the first, pushed once for each read model that handles it, never twice.
    const recorded = (await carnet.store.readAll()).slice(first);
    expect(new Set(pushes).size).toBe(pushes.length);
    for (const event of recorded.filter((e) => e.type === 'MemberJoined')) expect(pushes).toContain(`cooperation-timeline:${event.eventId}`);
  }, 60_000);
});
