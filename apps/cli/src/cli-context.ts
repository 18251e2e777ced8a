import { EVENT_SCHEMAS } from '#domain';
import { SqliteEventStore, upcastingEventStore, type EventStore, type SyncEventLog } from '#event-store';
import { loadConfig, type CarnetConfig } from '../../api/src/config/env.js';

/** What every sub-command shares: validated configuration and a way to open the store. */
export interface CliContext {
  readonly config: CarnetConfig;
  readonly out: (line: string) => void;
  /** The log as stored: audit, export/import, status, events. */
  readonly openStore: () => SqliteEventStore;
  /** The log through the upcaster chain, as the API folds and projects it: projection rebuilds. */
  readonly openUpcastingStore: () => EventStore & SyncEventLog;
}

export const cliContext = (options: { dataDir?: string }, out: (line: string) => void = (l) => console.log(l)): CliContext => {
  const config = loadConfig({ ...process.env, ...(options.dataDir ? { CARNET_DATA_DIR: options.dataDir } : {}) });
  const openStore = () => {
    if (config.eventStore.kind !== 'sqlite') throw new Error('This command reads the embedded SQLite store');
    return SqliteEventStore.open(config.eventStore.path);
  };
  return { config, out, openStore, openUpcastingStore: () => upcastingEventStore(openStore(), EVENT_SCHEMAS) };
};
