import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_PROJECTIONS, openReadModels } from '#projections';
import type { CarnetConfig } from '../config/env.js';

/**
 * The configured read models' file, after moving out of the SQLite log's file the read models an earlier Carnet kept
 * there. `busyTimeoutMs`: the API's connection waits briefly (its runner puts a locked batch back and tries again later)
 * rather than freeze the event loop for the length of a rebuild's swap; the CLI's rebuild waits as long as it takes.
 */
export const openConfiguredReadModels = (config: CarnetConfig, options: { readonly busyTimeoutMs?: number } = {}): Database.Database => {
  mkdirSync(dirname(config.readModelsPath), { recursive: true });
  return openReadModels(config.readModelsPath, {
    ...(config.eventStore.kind === 'sqlite' ? { legacyLogPath: config.eventStore.path } : {}),
    tables: ALL_PROJECTIONS.flatMap((projection) => projection.tables),
    ...options,
  });
};
