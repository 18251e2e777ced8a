import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventIdFor } from '#event-store';
import type { ReadModelsConnection } from '#projections';
import { READ_MODELS } from '../../apps/api/src/projections/projections.module.js';
import { startCarnet, type TestCarnet } from '../support/carnet-app.js';

interface Health {
  readonly status: string;
  readonly stuck: readonly { projection: string; message: string }[];
  readonly projections: readonly { name: string; state: string; lagEvents: number | null; retrying?: { message: string } }[];
}

/** The API keeps serving, and /health keeps answering, whatever its read models meet. */
describe('read models that cannot be written, or an event that cannot be read', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet();
  });
  afterAll(() => carnet.close());

  const health = async (): Promise<Health> => (await carnet.http().get('/health').expect(200)).body as Health;
  const until = async (condition: (health: Health) => boolean, what: string): Promise<Health> => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(20)) {
      const body = await health();
      if (condition(body)) return body;
    }
    throw new Error(`/health never showed ${what}: ${JSON.stringify(await health())}`);
  };

  it('records commands while the read models disk is full, says so on /health, and catches up once there is room', async () => {
    const readModels = carnet.app.get<ReadModelsConnection>(READ_MODELS).db;
    readModels.pragma(`max_page_count = ${readModels.pragma('page_count', { simple: true }) as number}`);
    const retrying = (body: Health) => body.projections.some((p) => p.retrying?.message === 'database or disk is full');
    let n = 0;
    while (!retrying(await health())) {
      if (++n > 300) throw new Error('the read models file never filled up');
      await carnet.http().post('/organisations').send({ organisationId: `org:full-disk-${n}`, name: `Disque plein ${n}`, kind: 'association' }).expect(201);
    }
    const full = await health();
    expect(full.projections.every((p) => p.state === 'reconnecting')).toBe(true);
    expect(full.status).toBe('ok'); // not for long enough to be stuck

    readModels.pragma('max_page_count = 1073741823');
    await until((body) => body.projections.every((p) => p.state === 'live' && p.lagEvents === 0 && !p.retrying), 'every read model live again');
  });

  it('answers /health, degraded, with the lag, when the read models stopped on an event that cannot be read', async () => {
    // Newer than this Carnet reads: the upcasting view refuses it, the stored log counts it.
    await carnet.store.append(
      'organisation-org:from-the-future',
      [
        {
          eventId: eventIdFor('read-model-failures', 1),
          type: 'OrganisationRegistered',
          schemaVersion: 99,
          data: { organisationId: 'org:from-the-future', name: 'Du futur', kind: 'association' },
          metadata: { actor: { userId: 'test' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: 'future' },
        },
      ],
      { expectedRevision: 'any' },
    );
    const degraded = await until((body) => body.status === 'degraded', 'degraded');
    expect(degraded.projections.map(({ state, lagEvents }) => ({ state, lagEvents }))).toEqual(degraded.projections.map(() => ({ state: 'stopped', lagEvents: 1 })));
    expect(degraded.stuck.map(({ projection }) => projection)).toEqual(degraded.projections.map(({ name }) => name));
    expect(degraded.stuck[0]!.message).toContain('newer than this Carnet reads');
    await carnet.http().get('/metrics').expect(200);
  });
});
