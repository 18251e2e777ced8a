import { existsSync } from 'node:fs';
import { EVENT_SCHEMAS } from '#domain';
import { describeIndexBuild, sealedEventStore, SqliteEventStore, SqlitePersonKeys, type EventStore, type SyncEventLog } from '#event-store';
import { loadConfig, type CarnetConfig } from '../../api/src/config/env.js';

/** What every sub-command shares: validated configuration and a way to open the store. */
export interface CliContext {
  readonly config: CarnetConfig;
  readonly out: (line: string) => void;
  /**
   * The log as stored: audit, export, status, events; `import` alone may create it. Any other command refuses a data
   * directory without a log, rather than create an empty one there and report on that (a mistyped --data-dir).
   */
  readonly openStore: (options?: { readonly create?: boolean }) => SqliteEventStore;
  /** Refuses, as `openStore` does, a data directory without a SQLite log, without opening it. */
  readonly requireLog: () => void;
  /**
   * The log as a projection rebuild replays it, as the API's projections read it (`SEALED_EVENT_STORE`): upcast,
   * personal values left sealed. Read models never keep a person's value (`withoutPersonalData`, labels without one),
   * so decrypting them would change no row: a rebuild needs no key and spends nothing on decryption (over the
   * benchmark's 1,000,000 events, CLI on 2 threads, three runs each alternating: 17.7–20.3 s decrypting, 16.0–18.4 s
   * sealed). test/e2e/sealed-replay checks the rows are the same.
   */
  readonly openReplayLog: () => EventStore & SyncEventLog;
  /** The per-person key store (GDPR) of this data directory, or CARNET_PERSON_KEYS. */
  readonly openPersonKeys: () => SqlitePersonKeys;
}

export const cliContext = (options: { dataDir?: string }, out: (line: string) => void = (l) => console.log(l)): CliContext => {
  const config = loadConfig({ ...process.env, ...(options.dataDir ? { CARNET_DATA_DIR: options.dataDir } : {}) });
  const requireLog = () => {
    if (config.eventStore.kind === 'sqlite' && !existsSync(config.eventStore.path)) {
      throw new Error(`No Carnet log at ${config.eventStore.path} / aucun journal Carnet ici: check --data-dir (or CARNET_DATA_DIR)`);
    }
  };
  const openStore = ({ create = false } = {}) => {
    if (config.eventStore.kind !== 'sqlite') throw new Error('This command reads the embedded SQLite store');
    if (!create) requireLog();
    // On stderr: stdout may be an export's NDJSON.
    return SqliteEventStore.open(config.eventStore.path, { onIndexBuild: (notice) => console.error(describeIndexBuild(notice)) });
  };
  const openPersonKeys = () => SqlitePersonKeys.open(config.personKeysPath);
  return { config, out, openStore, requireLog, openPersonKeys, openReplayLog: () => sealedEventStore(openStore(), EVENT_SCHEMAS) };
};
