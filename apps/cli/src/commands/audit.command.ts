import { verifyStore, type ChainBreak, type ChainBreakReason, type ChainReport } from '#event-store';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number, progressBar } from '../progress-bar.js';
import { UsageError } from '../usage-error.js';

export const auditHelp = `audit verify [--stream S]   recompute the hash chain of the whole log (or one stream); exit 1 naming the first altered event, 2 if S has no event`;

export const REASONS: Record<ChainBreakReason, string> = {
  hashMismatch: 'le contenu ne correspond plus à son empreinte (hashMismatch: content altered)',
  previousHashMismatch: 'l’empreinte précédente ne correspond pas : un événement a été supprimé, déplacé ou réécrit avant lui (previousHashMismatch)',
  missingHash: 'empreinte absente dans un flux déjà chaîné (missingHash)',
  copyMismatch:
    'une copie d’un champ de l’événement (date d’enregistrement ou commande), lue pour reconstituer les états, ne correspond plus au champ enregistré (copyMismatch: a copy was edited)',
};

/** A finding where the stream, revision and event are known when it concerns one event; `reason` already worded. */
export type Finding = Partial<Pick<ChainBreak, 'streamId' | 'revision' | 'eventId' | 'position'>> & Pick<ChainBreak, 'expected' | 'found'> & { readonly reason: string };

/** A finding, named precisely enough to find the row: stream, revision, event id, position, expected vs found. */
export const describeFinding = (finding: Finding): string[] => [
  ...(finding.streamId !== undefined ? [`Flux / stream      : ${finding.streamId}`] : []),
  ...(finding.revision !== undefined ? [`Révision           : ${finding.revision}`] : []),
  ...(finding.eventId !== undefined ? [`Événement / event  : ${finding.eventId}${finding.position !== undefined ? ` (position ${finding.position})` : ''}`] : []),
  `Raison / reason    : ${finding.reason}`,
  `Attendu / expected : ${finding.expected}`,
  `Trouvé / found     : ${finding.found ?? '(rien / nothing)'}`,
];

export const describeBreak = (broken: ChainBreak): string[] =>
  describeFinding({ ...broken, reason: `${REASONS[broken.reason]}${broken.field ? ` — champ / field ${broken.field}` : ''}` });

const summary = (report: ChainReport): string[] => [
  `${number(report.eventsChecked)} événements vérifiés dans ${number(report.streamsChecked)} flux (events checked).`,
  ...(report.unchainedEvents > 0
    ? [`Non chaînés (enregistrés avant la chaîne d’empreintes / unchained, recorded before the hash chain) : ${number(report.unchainedEvents)} — scellés par le premier événement chaîné de leur flux.`]
    : []),
];

/** `carnet audit verify`: 0 when every hash and link holds, 1 at the first event that does not, 2 for a stream without events. */
export const auditCommand = async (context: CliContext, action: string | undefined, streamId: string | undefined): Promise<number> => {
  if (action !== 'verify') throw new Error('audit needs an action: verify');
  const store = context.openStore();
  try {
    const total = store.database
      .prepare<{ stream: string | null }, { total: number }>('SELECT COUNT(*) AS total FROM events WHERE @stream IS NULL OR stream_id = @stream')
      .get({ stream: streamId ?? null })!.total;
    // « intact » over no event would pass for a verified stream: a mistyped id must say that it names nothing.
    if (streamId !== undefined && total === 0) throw new UsageError(`aucun événement dans le flux ${streamId} (no event in this stream): \`carnet events\` lists the log`);
    context.out(`Vérification de la chaîne d’empreintes : ${streamId ? `flux ${streamId}` : 'tout le journal'} (${number(total)} événements)`);
    const bar = progressBar();
    const report = await verifyStore(store, {
      ...(streamId !== undefined ? { streamId } : {}),
      onProgress: ({ eventsChecked, elapsedMs }) => bar.update({ label: 'audit verify', done: eventsChecked, total, elapsedMs }),
    });
    bar.finish();
    if (report.firstBreak) {
      // An edited copy leaves every hash whole: the chain is not broken, the event is still altered.
      const copy = report.firstBreak.reason === 'copyMismatch';
      context.out(
        copy
          ? 'COPIE ALTÉRÉE / ALTERED COPY — les empreintes tiennent, mais une copie qu’on lit à leur place a changé (hashes hold, a copy read instead was changed) :'
          : 'CHAÎNE ROMPUE / HASH CHAIN BROKEN — premier événement altéré (first altered event) :',
      );
      for (const line of describeBreak(report.firstBreak)) context.out(`  ${line}`);
      context.out(`Vérifiés jusqu’à ${copy ? 'cet événement' : 'la rupture'} : ${summary(report).join(' ')}`);
      return 1;
    }
    context.out(`Chaîne intacte / hash chain intact : ${summary(report).join(' ')}`);
    return 0;
  } finally {
    await store.close();
  }
};
