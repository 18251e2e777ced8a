import { SqliteEventStore } from '#event-store';
import { loadConfig, type CarnetConfig } from '../../api/src/config/env.js';

/** What every sub-command shares: validated configuration and a way to open the store. */
export interface CliContext {
  readonly config: CarnetConfig;
  readonly out: (line: string) => void;
  readonly openStore: () => SqliteEventStore;
}

export const cliContext = (options: { dataDir?: string }, out: (line: string) => void = (l) => console.log(l)): CliContext => {
  const config = loadConfig({ ...process.env, ...(options.dataDir ? { CARNET_DATA_DIR: options.dataDir } : {}) });
  return {
    config,
    out,
    openStore: () => {
      if (config.eventStore.kind !== 'sqlite') throw new Error('This command reads the embedded SQLite store');
      return SqliteEventStore.open(config.eventStore.path);
    },
  };
};
