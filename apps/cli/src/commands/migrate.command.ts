import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventStoreDbEventStore, migrateEventStore, SqliteEventStore, verifyMigration, verifyStore, type EventStore } from '#event-store';
import { loadConfig } from '../../../api/src/config/env.js';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number, progressBar } from '../progress-bar.js';
import { describeBreak } from './audit.command.js';
import { restoreErasuresOf } from './import.command.js';

export const migrateHelp = `migrate --from sqlite:DIR --to esdb://HOSTS|sqlite:DIR
                         copy the whole log in global order (event ids, metadata, hashes kept verbatim), resumable, then verify content and hash chain`;

const sqlitePathOf = (spec: string): string => join(resolve(spec.slice('sqlite:'.length)), 'carnet.sqlite');

/**
 * `sqlite:<data dir>` (its carnet.sqlite) or an EventStoreDB connection string, with the key store the server of that
 * log opens: the data directory's (or CARNET_PERSON_KEYS), the nodes' CARNET_PERSON_KEYS for a cluster.
 */
const openTarget = (context: CliContext, spec: string): { store: EventStore; label: string; keysPath: string } => {
  if (spec.startsWith('sqlite:')) {
    const keysPath = loadConfig({ ...process.env, CARNET_DATA_DIR: resolve(spec.slice('sqlite:'.length)) }).personKeysPath;
    return { store: SqliteEventStore.open(sqlitePathOf(spec)), label: sqlitePathOf(spec), keysPath };
  }
  // The label leaves out credentials a connection string may carry.
  if (/^esdb(\+discover)?:\/\//.test(spec)) return { store: EventStoreDbEventStore.connect(spec), label: spec.replace(/\/\/[^@/]*@/, '//'), keysPath: context.config.personKeysPath };
  throw new Error(`--to must be sqlite:<data dir> or an EventStoreDB connection string (esdb://…), not "${spec}"`);
};

export const migrateCommand = async (context: CliContext, from: string, to: string): Promise<void> => {
  if (!from.startsWith('sqlite:')) throw new Error(`--from must be sqlite:<data dir>, not "${from}"`);
  const sourcePath = sqlitePathOf(from);
  if (!existsSync(sourcePath)) throw new Error(`no Carnet log at ${sourcePath}`);
  if (to.startsWith('sqlite:') && sqlitePathOf(to) === sourcePath) throw new Error('--from and --to name the same store');
  const source = SqliteEventStore.open(sourcePath);
  const target = openTarget(context, to);
  try {
    const total = source.database.prepare<[], { total: number }>('SELECT COUNT(*) AS total FROM events').get()!.total;
    context.out(`Migration : ${sourcePath} → ${target.label} (${number(total)} événements)`);
    const bar = progressBar();
    const result = await migrateEventStore(source, target.store, { onProgress: ({ done, elapsedMs }) => bar.update({ label: 'migrate', done, total, elapsedMs }) });
    bar.finish();
    context.out(`Copiés : ${number(result.copied)} · déjà présents (reprise) : ${number(result.alreadyThere)} · ${(result.elapsedMs / 1000).toFixed(1)} s`);
    const verified = await verifyMigration(source, target.store);
    context.out(`Vérifié : ${number(verified.events)} événements dans ${number(verified.streams)} flux, mêmes identifiants, même contenu, même ordre.`);
    const chain = await verifyStore(target.store);
    if (chain.firstBreak) throw new Error(`the target's hash chain is broken: ${describeBreak(chain.firstBreak).join(' · ')}`);
    context.out(`Chaîne d’empreintes intacte sur la cible : ${number(chain.eventsChecked)} événements${chain.unchainedEvents ? `, dont ${number(chain.unchainedEvents)} non chaînés (enregistrés avant la chaîne)` : ''}.`);
    await restoreErasuresOf(context, target.store, target.keysPath);
  } finally {
    await target.store.close();
    await source.close();
  }
};
