import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SEALED_EVENT_STORE, type EventStore } from '#event-store';
import { ALL_PROJECTIONS, openReadModels, ProjectionRunner, ReadModelsConnection } from '#projections';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';
import { openConfiguredReadModels } from './read-models-connection.js';

export const READ_MODELS = Symbol('READ_MODELS');

/**
 * better-sqlite3 waits for a lock synchronously: with the 5 s default, a batch meeting another writer of the file (a
 * second process started on the same data directory) would freeze every request for seconds. Past this, the runner puts the batch back and tries again 250 ms later.
 */
const API_BUSY_TIMEOUT_MS = 20;

const logger = new Logger('Projections');

/** Read models live in a SQLite file of their own (read-models.sqlite, one per named node), on their own connection. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [CARNET_CONFIG],
      // A generation a rebuild publishes is opened as started: its waits for a lock are short.
      useFactory: (config: CarnetConfig) =>
        new ReadModelsConnection(openConfiguredReadModels(config), () => {
          const db = openReadModels(config.readModelsPath);
          db.pragma(`busy_timeout = ${API_BUSY_TIMEOUT_MS}`);
          return db;
        }),
    },
    {
      provide: ProjectionRunner,
      // The log with personal values sealed: read models keep none (a rebuild replays it the same way).
      inject: [SEALED_EVENT_STORE, READ_MODELS],
      useFactory: (store: EventStore, readModels: ReadModelsConnection) =>
        new ProjectionRunner(store, readModels, ALL_PROJECTIONS, {
          onRetry: (error, retryInMs) =>
            logger.error(`Vues non mises à jour, nouvel essai dans ${retryInMs} ms (read models not updated, retrying in ${retryInMs} ms): ${String(error)}`),
        }),
    },
  ],
  exports: [READ_MODELS, ProjectionRunner],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODELS) private readonly readModels: ReadModelsConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const discarded = await this.runner.discardCheckpointsForeignToLog();
    if (discarded.length) {
      logger.warn(`Vues en avance sur le journal ou d'un autre moteur, rejouées depuis le début (read models ahead of this log or from another engine, replayed from zero): ${discarded.join(', ')}`);
    }
    this.runner.start();
    // Started (another writer's lock waited for, as long as the default allows): from now on, waits are short.
    this.readModels.db.pragma(`busy_timeout = ${API_BUSY_TIMEOUT_MS}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.readModels.close();
  }
}
