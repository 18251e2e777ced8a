import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '#event-store';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

/** Picks the adapter from the validated config and closes it on shutdown (WAL checkpoint, file handles). */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: CarnetConfig, override?: EventStore): DynamicModule {
    const open = (): EventStore => {
      if (override) return override;
      if (config.eventStore.kind === 'sqlite') return SqliteEventStore.open(config.eventStore.path);
      throw new Error('The EventStoreDB adapter is not part of this build');
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
