import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { importLog, ImportInterrupted, ImportRefused, ImportTargetNotEmpty, restoreErasures, SqlitePersonKeys, type EventStore, type ImportProgress, type ImportRefusalReason } from '#event-store';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number, progressBar } from '../progress-bar.js';
import { UsageError } from '../usage-error.js';
import { describeFinding, REASONS } from './audit.command.js';

export const importHelp = `import FILE            load an export into an EMPTY store, hashes kept; the whole file is verified first, so a refused file writes nothing`;

const IMPORT_REASONS: Record<ImportRefusalReason, string> = {
  ...REASONS,
  malformedLine: 'ligne illisible : ce n’est pas un événement exporté (malformedLine)',
  streamNotFromStart: 'le flux ne commence pas à la révision 0 : un export filtré par dates est un journal partiel, qui ne s’importe pas (streamNotFromStart)',
  revisionGap: 'révision manquante ou déplacée dans le flux : un événement a été supprimé ou déplacé (revisionGap)',
  duplicateEventId: 'identifiant d’événement déjà vu plus haut dans le fichier (duplicateEventId)',
};

const linesOf = (file: string): AsyncIterable<string> => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });

/** Lines in the file (the last one may lack its newline), counted on the bytes for the progress bar's total. */
const countLines = async (file: string): Promise<number> => {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) newlines += 1;
    last = chunk.at(-1) ?? last;
  }
  return newlines + (last === 0x0a ? 0 : 1);
};

/**
 * The keys are not exported, but the erasures are: the data directory's key store blocks again every person the
 * imported log says was erased, so nothing personal is recorded under their ids here either.
 */
export const restoreErasuresOf = async (context: CliContext, store: EventStore, keysPath = context.config.personKeysPath): Promise<void> => {
  const keys = SqlitePersonKeys.open(keysPath);
  try {
    const blocked = await restoreErasures(store, keys);
    if (blocked > 0) context.out(`Effacements RGPD du journal repris dans ${keys.path} : ${number(blocked)} personne(s) bloquée(s) (GDPR erasures of the log blocked again in the key store).`);
  } finally {
    keys.close();
  }
};

const NOTHING_WRITTEN = 'rien n’a été écrit, le journal cible reste vide (nothing written, the target store stays empty)';

/** `carnet import FILE`: 0 once every event is in; 1, saying why, when the target is not empty or the file is refused. */
export const importCommand = async (context: CliContext, file: string): Promise<number> => {
  if (!existsSync(file)) throw new Error(`fichier introuvable / no such file: ${file}`);
  // A pipe gives its lines to the first reading only: the check would see nothing, and nothing would be written.
  if (!statSync(file).isFile()) {
    throw new UsageError(`${file} n’est pas un fichier ordinaire (not a regular file): import reads its file twice, to check it, then to write it; save the export to a file first (carnet export --out log.ndjson)`);
  }
  const total = await countLines(file);
  const store = context.openStore({ create: true });
  // One bar per pass: the whole file is verified, then written.
  let bar: { phase: ImportProgress['phase']; draw: ReturnType<typeof progressBar> } | undefined;
  const draw = ({ phase, done, elapsedMs }: ImportProgress) => {
    if (bar?.phase !== phase) {
      bar?.draw.finish();
      bar = { phase, draw: progressBar() };
    }
    bar.draw.update({ label: phase === 'check' ? 'import : vérification' : 'import : écriture', done, total, elapsedMs });
  };
  try {
    context.out(`Import : ${file} → ${context.config.eventStore.kind === 'sqlite' ? context.config.eventStore.path : ''} (${number(total)} lignes)`);
    const imported = await importLog(store, () => linesOf(file), { onProgress: draw }).finally(() => bar?.draw.finish());
    context.out(
      `Importés : ${number(imported.events)} événements dans ${number(imported.streams)} flux, empreintes conservées (hashes kept)` +
        `${imported.unchainedEvents ? `, dont ${number(imported.unchainedEvents)} non chaînés (enregistrés avant la chaîne)` : ''}.`,
    );
    if (imported.events !== total) {
      context.out(`IMPORT INCOMPLET / IMPORT INCOMPLETE — ${number(total)} lignes comptées, ${number(imported.events)} événements importés : le fichier a changé pendant l’import.`);
      context.out(`Videz le journal cible (supprimez son carnet.sqlite) et recommencez. (${number(total)} lines counted, ${number(imported.events)} events imported: the file changed during the import; empty the target and try again.)`);
      return 1;
    }
    await restoreErasuresOf(context, store);
    return 0;
  } catch (error) {
    if (error instanceof ImportTargetNotEmpty) {
      const held = store.database.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
      context.out(`IMPORT REFUSÉ / IMPORT REFUSED — le journal cible n’est pas vide (${number(held)} événements) : un import se fait dans un répertoire de données vide ; rien n’a été écrit.`);
      context.out('(the target store is not empty: import into an empty data directory; nothing was written)');
      return 1;
    }
    if (error instanceof ImportRefused) {
      const { line, reason, ...at } = error.refusal;
      context.out(`IMPORT REFUSÉ / IMPORT REFUSED — ligne ${line} (line ${line}) : ${NOTHING_WRITTEN}.`);
      for (const text of [`Ligne / line       : ${line}`, ...describeFinding({ ...at, reason: IMPORT_REASONS[reason] })]) context.out(`  ${text}`);
      return 1;
    }
    if (error instanceof ImportInterrupted) {
      context.out(`IMPORT INTERROMPU / IMPORT INTERRUPTED après ${number(error.imported)} événements : ${error.message}`);
      context.out('Le journal cible est partiel : videz-le (supprimez son carnet.sqlite) avant de recommencer. (The target holds a partial log: empty it before trying again.)');
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
};
