import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '#event-store';
import type { ProjectionRunner, ProjectionStatus } from '#projections';
import type { CarnetConfig } from '../config/env.js';
import { HealthController, STUCK_AFTER_MS } from './health.controller.js';

const status = (name: string, other: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name,
  version: 1,
  state: 'live',
  position: '9',
  lagEvents: 0,
  lagSeconds: 0,
  ...other,
});

const health = (projections: ProjectionStatus[]) =>
  new HealthController(
    { headPosition: async () => '9' } as EventStore,
    { eventStore: { kind: 'sqlite' } } as CarnetConfig,
    { status: async () => projections } as unknown as ProjectionRunner,
  ).health();

const retryingFor = (ms: number) => ({ since: new Date(Date.now() - ms).toISOString(), message: 'database or disk is full', position: '9' });

describe('GET /health', () => {
  it('is ok while read models are live, or retrying for a short while', async () => {
    const body = await health([status('timeline'), status('dashboard', { state: 'reconnecting', retrying: retryingFor(STUCK_AFTER_MS - 5000) })]);
    expect(body).toMatchObject({ status: 'ok', stuck: [], eventStore: { kind: 'sqlite', headPosition: '9' } });
  });

  it('is degraded by a read model stopped on an event, or retrying for too long, naming it, why and since when', async () => {
    const tooLong = retryingFor(STUCK_AFTER_MS + 1000);
    const failure = { eventId: 'e7', type: 'Counted', streamId: 's', revision: 3, position: '7', message: 'cannot decrypt 7' };
    const body = await health([
      status('timeline', { state: 'stopped', position: '6', lagEvents: 3, failure }),
      status('dashboard', { state: 'reconnecting', lagEvents: null, lagSeconds: null, retrying: tooLong }),
      status('ledger'),
    ]);
    expect(body.status).toBe('degraded');
    expect(body.stuck).toEqual([
      { projection: 'timeline', state: 'stopped', message: 'cannot decrypt 7' },
      { projection: 'dashboard', state: 'reconnecting', since: tooLong.since, message: 'database or disk is full' },
    ]);
  });
});
