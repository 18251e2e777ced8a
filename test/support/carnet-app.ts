import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory.js';
import { loadConfig } from '../../apps/api/src/config/env.js';
import { SqliteEventStore } from '#event-store';

export interface TestCarnet {
  readonly app: INestApplication;
  readonly store: SqliteEventStore;
  readonly http: () => ReturnType<typeof request>;
  /** Number of events in the whole log: refused commands must leave it unchanged. */
  readonly eventCount: () => Promise<number>;
  readonly close: () => Promise<void>;
}

/** Boots the real app (same module, pipes and filters as `npm start`) on a temporary SQLite file. */
export const startCarnet = async (env: NodeJS.ProcessEnv = {}): Promise<TestCarnet> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-e2e-'));
  const config = loadConfig({ CARNET_DATA_DIR: dataDir, ...env });
  const store = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
  const app = await createApp(config, { eventStore: store, logger: ['error'] });
  await app.init();
  return {
    app,
    store,
    http: () => request(app.getHttpServer()),
    eventCount: async () => (await store.readAll()).length,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
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
