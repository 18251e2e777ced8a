import { existsSync } from 'node:fs';
import { erasePerson, ERASED_PERSONAL_DATA, ErasureRefused, EventStoreDbEventStore, type ErasureRefusalReason, type EventStore } from '#event-store';
import { SLUG } from '../../../api/src/http/slug.js';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number } from '../progress-bar.js';

export const erasePersonHelp = `erase-person <personId> [--reason R]   GDPR erasure: delete that person's key for good (their data then reads « ${ERASED_PERSONAL_DATA} »), recorded in the gdpr stream`;

const DEFAULT_REASON = 'Demande d’effacement (RGPD, article 17)';

const REFUSALS: Record<ErasureRefusalReason, (refusal: ErasureRefused, keysPath: string) => string[]> = {
  unknownPerson: (_refusal, keysPath) => [
    `Identifiant inconnu : aucune clé dans ${keysPath} et aucune valeur dans le journal sous cet identifiant. Vérifiez-le (\`carnet events --json\` montre les personId du journal).`,
    '(Unknown id: no key in the key store and no value in the log under it. Check the id.)',
  ],
  keyNotInThisKeyStore: ({ sealedValues }, keysPath) => [
    `Le journal tient ${number(sealedValues)} valeur(s) chiffrée(s) de cette personne, mais ${keysPath} n’a pas la clé qui les ouvre :`,
    'ce n’est sans doute pas le magasin de clés du serveur. Vérifiez CARNET_PERSON_KEYS (ou --data-dir) et lancez l’effacement là où le serveur garde ses clés.',
    '(The log holds encrypted values of this person but this key store has no key that opens them: it is probably not the server’s key store. Check CARNET_PERSON_KEYS or --data-dir.)',
  ],
};

/** The log of this configuration, whichever engine holds it: the audit trail goes where the events are. */
const openLog = (context: CliContext): EventStore =>
  context.config.eventStore.kind === 'sqlite' ? context.openStore() : EventStoreDbEventStore.connect(context.config.eventStore.connectionString);

/**
 * `carnet erase-person <personId>`: irreversible and unasked, so it says exactly what it did. The key goes first (the
 * right that matters), then `PersonErased` is recorded; the log itself is not touched and still verifies.
 */
export const erasePersonCommand = async (context: CliContext, personId: string, reason = DEFAULT_REASON): Promise<number> => {
  if (!SLUG.test(personId)) throw new Error(`erase-person needs a person id such as person:marianne-morini, not "${personId}"`);
  context.requireLog();
  // Opening a key store makes one: a mistyped CARNET_PERSON_KEYS would leave an empty file behind a refusal.
  if (!existsSync(context.config.personKeysPath)) {
    throw new Error(`aucun magasin de clés à ${context.config.personKeysPath} / no key store there: check CARNET_PERSON_KEYS (or --data-dir); the server makes it on its first start`);
  }
  const keys = context.openPersonKeys();
  const store = openLog(context);
  const { out } = context;
  try {
    const erasure = await erasePerson(store, keys, { personId, reason, erasedAt: new Date().toISOString(), actor: { userId: 'cli', capacity: 'operator' } });
    out(`EFFACEMENT RGPD / GDPR ERASURE — ${personId}`);
    if (erasure.hadKey) out(`  Clé de chiffrement supprimée, définitivement (encryption key deleted, irreversibly) : ${keys.path}`);
    else if (erasure.alreadyErased) out('  Déjà effacée : aucune clé à supprimer (already erased: no key left to delete).');
    else out(`  Aucune clé pour cette personne dans ${keys.path} : ses valeurs ont été enregistrées avant le chiffrement, ou son effacement l’avait déjà supprimée ; l’identifiant est bloqué (no key here: values recorded before encryption, or an earlier erasure deleted it; the id is blocked).`);
    out(`  Ses données personnelles se lisent désormais « ${ERASED_PERSONAL_DATA} » dans toutes les réponses de l’API et les modèles de lecture (their personal data now reads « ${ERASED_PERSONAL_DATA} » everywhere).`);
    out('  Aucune nouvelle donnée personnelle ne sera enregistrée sous cet identifiant (nothing personal is recorded under this id any more).');
    if (erasure.recorded) out(`  Trace d’audit (audit trail) : PersonErased ${erasure.recorded.eventId}, flux gdpr, position ${erasure.recorded.position} — motif (reason) : ${reason}`);
    else out('  Trace d’audit déjà enregistrée lors d’un effacement précédent (audit trail already recorded).');
    out('  Le journal n’est pas modifié : sa chaîne d’empreintes reste vérifiable (the log is untouched: `carnet audit verify` still passes).');
    if (erasure.clearValues > 0) {
      out(`ATTENTION / WARNING — ${number(erasure.clearValues)} valeur(s) de cette personne enregistrée(s) avant le chiffrement restent en clair dans le journal :`);
      out('  la chaîne d’empreintes interdit de les réécrire (values recorded before encryption stay in clear: the hash chain forbids rewriting them).');
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ErasureRefused)) throw error;
    out(`EFFACEMENT REFUSÉ / ERASURE REFUSED — ${personId} : rien n’a été modifié (nothing was changed).`);
    for (const line of REFUSALS[error.reason](error, keys.path)) out(`  ${line}`);
    return 1;
  } finally {
    await store.close();
    keys.close();
  }
};
