import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_SCHEMAS } from '#domain';
import { EVENT_STORE, EventStoreDbEventStore, RAW_EVENT_STORE, SqliteEventStore, upcastingEventStore, type EventStore } from '#event-store';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

/**
 * Picks the adapter from the validated config and closes it on shutdown (WAL checkpoint, file handles, gRPC channels).
 * `EVENT_STORE`, what the app folds and projects from, reads it through the upcaster chain; `RAW_EVENT_STORE` is
 * the adapter itself, for what must see the events as stored (audit verify, export).
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

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
      providers: [
        { provide: CARNET_CONFIG, useValue: config },
        { provide: RAW_EVENT_STORE, useFactory: open },
        { provide: EVENT_STORE, inject: [RAW_EVENT_STORE], useFactory: (raw: EventStore) => upcastingEventStore(raw, EVENT_SCHEMAS) },
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE, CARNET_CONFIG],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
