import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '#projections';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

export const READ_MODELS = Symbol('READ_MODELS');

/**
 * Read models live in a SQLite file on their own connection: the log's own file by default, a file per node
 * when nodes are named or the log is in EventStoreDB. `synchronous=NORMAL` suffices there because a read
 * model can always be replayed from the log.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [CARNET_CONFIG],
      useFactory: (config: CarnetConfig) => {
        mkdirSync(dirname(config.readModelsPath), { recursive: true });
        const db = new Database(config.readModelsPath);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        return db;
      },
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
