import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_PROJECTIONS, openReadModels } from '#projections';
import type { CarnetConfig } from '../config/env.js';

/** The configured read models' file, after moving out of the SQLite log's file the read models an earlier Carnet kept there. */
export const openConfiguredReadModels = (config: CarnetConfig): Database.Database => {
  mkdirSync(dirname(config.readModelsPath), { recursive: true });
  return openReadModels(config.readModelsPath, {
    ...(config.eventStore.kind === 'sqlite' ? { legacyLogPath: config.eventStore.path } : {}),
    tables: ALL_PROJECTIONS.flatMap((projection) => projection.tables),
  });
};
