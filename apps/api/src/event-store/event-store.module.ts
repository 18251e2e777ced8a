import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_SCHEMAS } from '#domain';
import {
  EVENT_STORE,
  EventStoreDbEventStore,
  PERSON_KEYS,
  personalDataEventStore,
  RAW_EVENT_STORE,
  SEALED_EVENT_STORE,
  describeIndexBuild,
  sealedEventStore,
  restoreErasures,
  SqliteEventStore,
  SqlitePersonKeys,
  upcastingEventStore,
  type EventStore,
  type PersonKeys,
} from '#event-store';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

/**
 * Picks the adapter from the validated config and closes it on shutdown (WAL checkpoint, file handles, gRPC channels).
 * `EVENT_STORE`, what the app folds and projects from, is the adapter under two views, whatever the engine: personal
 * data sealed on append and opened on read with the per-person keys (`PERSON_KEYS`), then the upcaster chain — decrypt,
 * then upcast, since an upcaster may move a personal field. `RAW_EVENT_STORE` is the adapter itself, for what must see
 * the events as stored, encrypted (audit verify, export). `SEALED_EVENT_STORE`, what the read models are built from, is
 * the adapter under the upcaster chain alone: they keep no person's value, so they need none decrypted.
 */
@Global()
@Module({})
export class EventStoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSON_KEYS) private readonly keys: PersonKeys,
  ) {}

  static forRoot(config: CarnetConfig, override?: EventStore): DynamicModule {
    const open = (): EventStore => {
      if (override) return override;
      if (config.eventStore.kind === 'sqlite') {
        const logger = new Logger('SQLite');
        return SqliteEventStore.open(config.eventStore.path, { onIndexBuild: (notice) => logger.log(describeIndexBuild(notice)) });
      }
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
        { provide: PERSON_KEYS, useFactory: () => SqlitePersonKeys.open(config.personKeysPath) },
        {
          provide: EVENT_STORE,
          inject: [RAW_EVENT_STORE, PERSON_KEYS],
          useFactory: (raw: EventStore, keys: PersonKeys) => upcastingEventStore(personalDataEventStore(raw, keys), EVENT_SCHEMAS),
        },
        { provide: SEALED_EVENT_STORE, inject: [RAW_EVENT_STORE], useFactory: (raw: EventStore) => sealedEventStore(raw, EVENT_SCHEMAS) },
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE, SEALED_EVENT_STORE, PERSON_KEYS, CARNET_CONFIG],
    };
  }

  /**
   * Before anything is read: a key store restored from a backup older than an erasure still holds that person's key,
   * and would show their values again. The log's PersonErased events block them anew (reading the `gdpr` stream only).
   */
  async onModuleInit(): Promise<void> {
    const blocked = await restoreErasures(this.store, this.keys);
    if (blocked > 0) new Logger('GDPR').warn(`${blocked} erased person(s) still had a key in the key store (restored from an older copy?): erased again, as the log's PersonErased events say`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.keys.close();
  }
}
