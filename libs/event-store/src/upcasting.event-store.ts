import { currentVersionIn, type EventSchemas, type Upcaster } from '#domain';
import type { FoldableEvent } from './envelope.js';
import { SchemaVersionNotCurrent, UnknownSchemaVersion, UpcastFailed } from './event-store.errors.js';
import { eventStoreView } from './event-store-view.js';
import type { EventStore, SyncEventLog } from './event-store.port.js';

const stepKey = (type: string, fromVersion: number): string => `${type}\u0000${fromVersion}`;

/**
 * The chain of `schemas` as one function from a stored event to its type's current shape. Checks the registry
 * first, so a missing or stray step fails at boot rather than on the first old event.
 */
export const eventUpcaster = (schemas: EventSchemas): (<E extends FoldableEvent>(event: E) => E) => {
  const steps = new Map<string, Upcaster>();
  for (const step of schemas.upcasters) {
    const key = stepKey(step.type, step.fromVersion);
    if (steps.has(key)) throw new Error(`Two upcasters for ${step.type} v${step.fromVersion}`);
    if (!Number.isInteger(step.fromVersion) || step.fromVersion < 1 || step.fromVersion >= currentVersionIn(schemas, step.type)) {
      throw new Error(`Upcaster for ${step.type} v${step.fromVersion} leads past its current version v${currentVersionIn(schemas, step.type)}`);
    }
    steps.set(key, step);
  }
  for (const [type, current] of Object.entries(schemas.currentVersions)) {
    for (let version = 1; version < current; version++) {
      if (!steps.has(stepKey(type, version))) throw new Error(`${type} is at v${current} but has no upcaster from v${version}`);
    }
  }

  return <E extends FoldableEvent>(event: E): E => {
    const current = currentVersionIn(schemas, event.type);
    if (event.schemaVersion === current) return event;
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > current) throw new UnknownSchemaVersion(event, current);
    let data = event.data as Readonly<Record<string, unknown>>;
    for (let version = event.schemaVersion; version < current; version++) {
      try {
        data = steps.get(stepKey(event.type, version))!.upcast(data) as Readonly<Record<string, unknown>>;
      } catch (error) {
        throw new UpcastFailed(event, version, error);
      }
    }
    return { ...event, schemaVersion: current, data };
  };
};

/**
 * The event store as the domain reads it: every event read (readStream, readAll, subscribeToAll, and the SQLite
 * adapter's readAllSync for rebuilds) comes through the upcaster chain at its type's current schema version,
 * while the stored bytes stay as written — the hash chain covers them. Appends go to the store untouched; a
 * new event must be at its type's current version (a copy, `preserveHashes`, keeps whatever it had).
 * Integrity checks, copies and exports read `rawEventStore(store)`. Stacked over the decrypting view
 * (personal-data.event-store.ts), it upcasts decrypted data: an upcaster may move a personal field.
 */
export function upcastingEventStore<S extends EventStore & SyncEventLog>(store: S, schemas: EventSchemas): EventStore & SyncEventLog;
export function upcastingEventStore(store: EventStore, schemas: EventSchemas): EventStore;
export function upcastingEventStore(store: EventStore, schemas: EventSchemas): EventStore {
  return eventStoreView(store, {
    read: eventUpcaster(schemas),
    append: (_streamId, events, options) => {
      if (options.preserveHashes) return events;
      for (const { eventId, type, schemaVersion } of events) {
        const current = currentVersionIn(schemas, type);
        if (schemaVersion !== current) throw new SchemaVersionNotCurrent(eventId, type, schemaVersion, current);
      }
      return events;
    },
  });
}
