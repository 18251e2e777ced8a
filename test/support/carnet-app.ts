import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../../apps/api/src/app.factory.js';
import { mintLocalToken, type TokenClaims } from '../../apps/api/src/auth/tokens.js';
import { loadConfig } from '../../apps/api/src/config/env.js';
import { SqliteEventStore } from '#event-store';

/** The signing secret of every test app: tests mint their own tokens with it. */
export const TEST_JWT_SECRET = 'test-secret-for-carnet-e2e-only-0123456789abcdef';
export const ADMIN: TokenClaims = { sub: 'user:test-admin', role: 'admin' };

/** A bearer token the test apps accept (HS256, local issuer); `ttl` as `carnet token --ttl`. */
export const tokenFor = (claims: TokenClaims, ttl = '1h'): Promise<string> => mintLocalToken(new TextEncoder().encode(TEST_JWT_SECRET), claims, ttl);

export interface TestCarnet {
  readonly app: INestApplication;
  readonly store: SqliteEventStore;
  readonly dataDir: string;
  /** Requests as platform staff (admin token), the way most scenarios record history. */
  readonly http: () => ReturnType<typeof request.agent>;
  /** Requests carrying `token`, or no Authorization header at all when it is undefined. */
  readonly as: (token: string | undefined) => ReturnType<typeof request.agent>;
  readonly adminToken: string;
  /** Number of events in the whole log: refused commands must leave it unchanged. */
  readonly eventCount: () => Promise<number>;
  readonly close: () => Promise<void>;
}

export interface StartCarnetOptions extends Pick<CreateAppOptions, 'webhookDispatch'> {
  /** Boot on this data directory (a restart), which the caller then removes; a new temporary one otherwise. */
  readonly dataDir?: string;
}

/** Boots the real app (same module, guards, pipes and filters as `npm start`) on a temporary SQLite file. */
export const startCarnet = async (env: NodeJS.ProcessEnv = {}, { dataDir: given, ...options }: StartCarnetOptions = {}): Promise<TestCarnet> => {
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'carnet-e2e-'));
  const removeDataDir = () => given === undefined && rmSync(dataDir, { recursive: true, force: true });
  const booted = (async () => {
    const config = loadConfig({ CARNET_DATA_DIR: dataDir, CARNET_JWT_SECRET: TEST_JWT_SECRET, ...env });
    const store = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    const app = await createApp(config, { eventStore: store, logger: ['error'], ...options });
    await app.init();
    return { store, app };
  })();
  // A refused configuration (tests of startup errors) leaves no temporary directory behind.
  const { store, app } = await booted.catch((error: unknown) => {
    removeDataDir();
    throw error;
  });
  const adminToken = await tokenFor(ADMIN);
  const as = (token: string | undefined) => {
    const agent = request.agent(app.getHttpServer());
    return token === undefined ? agent : agent.set('Authorization', `Bearer ${token}`);
  };
  return {
    app,
    store,
    dataDir,
    http: () => as(adminToken),
    as,
    adminToken,
    eventCount: async () => (await store.readAll()).length,
    close: async () => {
      await app.close();
      removeDataDir();
    },
  };
};

/** Sends each step and fails with the problem body as soon as one is refused. */
export const runSteps = async (carnet: TestCarnet, steps: readonly { path: string; body: object }[]): Promise<void> => {
  for (const step of steps) {
    const response = await carnet.http().post(step.path).send(step.body);
    if (response.status >= 300) {
      throw new Error(`${step.path} ${JSON.stringify(step.body).slice(0, 200)} → ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
};

/** Admits an association to a cooperation, the fact dated as a range: « vers janvier – juin 2026 ». */
export const admitJardinPartageDatedAsARange = (carnet: TestCarnet, cooperationId: string): Promise<void> =>
  runSteps(carnet, [
    { path: '/organisations', body: { organisationId: 'org:jardin-partage', name: 'Jardin partagé', kind: 'association' } },
    {
      path: `/cooperations/${cooperationId}/admit-member`,
      body: { organisationId: 'org:jardin-partage', membershipType: 'associatedPartner', joinedOn: '2026-01', occurredAt: { date: '2026-01', to: '2026-06', approximate: true } },
    },
  ]);
