import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '#projections';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';
import { openConfiguredReadModels } from './read-models-connection.js';

export const READ_MODELS = Symbol('READ_MODELS');

/** Read models live in a SQLite file of their own (read-models.sqlite, one per named node), on their own connection. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [CARNET_CONFIG],
      useFactory: (config: CarnetConfig) => openConfiguredReadModels(config),
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODELS],
      useFactory: (store: EventStore, db: Database.Database) => new ProjectionRunner(store, db, ALL_PROJECTIONS),
    },
  ],
  exports: [READ_MODELS, ProjectionRunner],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODELS) private readonly db: Database.Database,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    if (this.db.open) this.db.close();
  }
}
