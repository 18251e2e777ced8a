export * from './envelope.js';
export * from './event-store.errors.js';
export * from './event-store.port.js';
export * from './catch-up-subscription.js';
export * from './command-ids.js';
export * from './handle-command.js';
export { InMemoryEventStore } from './adapters/in-memory.event-store.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './adapters/sqlite/sqlite.event-store.js';
export * from './canonical-json.js';
