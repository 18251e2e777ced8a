import { erasePerson, ERASED_PERSONAL_DATA, EventStoreDbEventStore, type EventStore } from '#event-store';
import { SLUG } from '../../../api/src/http/slug.js';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number } from '../progress-bar.js';

export const erasePersonHelp = `erase-person <personId> [--reason R]   GDPR erasure: delete that person's key for good (their data then reads « ${ERASED_PERSONAL_DATA} »), recorded in the gdpr stream`;

const DEFAULT_REASON = 'Demande d’effacement (RGPD, article 17)';

/** The log of this configuration, whichever engine holds it: the audit trail goes where the events are. */
const openLog = (context: CliContext): EventStore =>
  context.config.eventStore.kind === 'sqlite' ? context.openStore() : EventStoreDbEventStore.connect(context.config.eventStore.connectionString);

/**
 * `carnet erase-person <personId>`: irreversible and unasked, so it says exactly what it did. The key goes first (the
 * right that matters), then `PersonErased` is recorded; the log itself is not touched and still verifies.
 */
export const erasePersonCommand = async (context: CliContext, personId: string, reason = DEFAULT_REASON): Promise<number> => {
  if (!SLUG.test(personId)) throw new Error(`erase-person needs a person id such as person:marianne-morini, not "${personId}"`);
  const keys = context.openPersonKeys();
  const store = openLog(context);
  try {
    const erasure = await erasePerson(store, keys, { personId, reason, erasedAt: new Date().toISOString(), actor: { userId: 'cli', capacity: 'operator' } });
    const { out } = context;
    out(`EFFACEMENT RGPD / GDPR ERASURE — ${personId}`);
    if (erasure.hadKey) out(`  Clé de chiffrement supprimée, définitivement (encryption key deleted, irreversibly) : ${keys.path}`);
    else if (erasure.alreadyErased) out('  Déjà effacée : aucune clé à supprimer (already erased: no key left to delete).');
    else out(`  Aucune clé pour cette personne dans ${keys.path} (no key here: never recorded, or the log was imported without its keys); l’identifiant est bloqué (the id is blocked).`);
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
  } finally {
    await store.close();
    keys.close();
  }
};
