import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStoreDbEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

/** Picks the adapter from the validated config and closes it on shutdown (WAL checkpoint, file handles, gRPC channels). */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: CarnetConfig, override?: EventStore): DynamicModule {
    const open = (): EventStore => {
      if (override) return override;
      if (config.eventStore.kind === 'sqlite') return SqliteEventStore.open(config.eventStore.path);
      const logger = new Logger('EventStoreDB');
      return EventStoreDbEventStore.connect(config.eventStore.connectionString, {
        onDropped: (error, retryInMs) => logger.warn(`subscription to $all dropped (${error instanceof Error ? error.message : String(error)}); resubscribing in ${retryInMs} ms`),
      });
    };
    return {
      module: EventStoreModule,
      providers: [{ provide: CARNET_CONFIG, useValue: config }, { provide: EVENT_STORE, useFactory: open }],
      exports: [EVENT_STORE, CARNET_CONFIG],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
