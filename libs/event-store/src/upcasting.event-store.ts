import { currentVersionIn, type EventSchemas, type Upcaster } from '#domain';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { SchemaVersionNotCurrent, UnknownSchemaVersion, UpcastFailed } from './event-store.errors.js';
import type { EventStore, SyncEventLog } from './event-store.port.js';

const RAW = Symbol('carnet.rawEventStore');

type Upcasting = { readonly [RAW]: EventStore };

const stepKey = (type: string, fromVersion: number): string => `${type}\u0000${fromVersion}`;

/**
 * The chain of `schemas` as one function from a stored event to its type's current shape. Checks the registry
 * first, so a missing or stray step fails at boot rather than on the first old event.
 */
export const eventUpcaster = (schemas: EventSchemas): ((event: RecordedEvent) => RecordedEvent) => {
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

  return (event) => {
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

/** The store under an upcasting view, or the store itself: what hashes, exports and copies must read. */
export const rawEventStore = (store: EventStore): EventStore => (store as Partial<Upcasting>)[RAW] ?? store;

/**
 * The event store as the domain reads it: every event read (readStream, readAll, subscribeToAll, and the SQLite
 * adapter's readAllSync for rebuilds) comes through the upcaster chain at its type's current schema version,
 * while the stored bytes stay as written — the hash chain covers them. Appends go to the store untouched; a
 * new event must be at its type's current version (a copy, `preserveHashes`, keeps whatever it had).
 * Integrity checks, copies and exports read `rawEventStore(store)`.
 */
export function upcastingEventStore<S extends EventStore & SyncEventLog>(store: S, schemas: EventSchemas): EventStore & SyncEventLog;
export function upcastingEventStore(store: EventStore, schemas: EventSchemas): EventStore;
export function upcastingEventStore(store: EventStore, schemas: EventSchemas): EventStore {
  const raw = rawEventStore(store);
  const upcast = eventUpcaster(schemas);
  const ensureCurrent = (events: readonly NewEvent[]): void => {
    for (const { eventId, type, schemaVersion } of events) {
      const current = currentVersionIn(schemas, type);
      if (schemaVersion !== current) throw new SchemaVersionNotCurrent(eventId, type, schemaVersion, current);
    }
  };
  const view: EventStore & Upcasting & Partial<SyncEventLog> = {
    [RAW]: raw,
    append: async (streamId, events, options) => {
      if (!options.preserveHashes) ensureCurrent(events);
      return raw.append(streamId, events, options);
    },
    readStream: async (streamId, options) => (await raw.readStream(streamId, options)).map(upcast),
    readAll: async (options) => (await raw.readAll(options)).map(upcast),
    // An event that cannot be upcast throws inside onEvent: the subscription stops on it as on any poison event.
    subscribeToAll: (options) => raw.subscribeToAll({ ...options, onEvent: (event) => options.onEvent(upcast(event)) }),
    headPosition: () => raw.headPosition(),
    comparePositions: (a, b) => raw.comparePositions(a, b),
    isPosition: (text) => raw.isPosition(text),
    close: () => raw.close(),
  };
  const sync = raw as Partial<SyncEventLog>;
  if (sync.readAllSync) view.readAllSync = (options) => sync.readAllSync!.call(raw, options).map(upcast);
  return view;
}
