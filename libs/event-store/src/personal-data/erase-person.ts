import { GDPR_STREAM, rewritePersonalData, type Actor, type PersonErased } from '#domain';
import type { Position } from '../envelope.js';
import type { EventStore } from '../event-store.port.js';
import { logPages, streamPages } from '../log-pages.js';
import { recordFact } from '../record-fact.js';
import type { PersonErasure, PersonKeys } from './person-keys.js';
import { isSealedPersonalValue, opensPersonalValue } from './personal-value.codec.js';

export interface ErasureRequest {
  readonly personId: string;
  /** Why, for the audit trail: must not name anyone. */
  readonly reason: string;
  readonly erasedAt: string;
  readonly actor: Actor;
}

export interface Erasure {
  readonly personId: string;
  /** The key store held a key for this person (false: erased before, or only values recorded before encryption). */
  readonly hadKey: boolean;
  /** Erased before: the key was already gone. */
  readonly alreadyErased: boolean;
  /** The PersonErased event appended to the `gdpr` stream; absent when an earlier run had recorded it. */
  readonly recorded?: { readonly eventId: string; readonly position: Position };
  /** Values of this person the log holds in clear (recorded before encryption): the hash chain forbids rewriting them. */
  readonly clearValues: number;
}

/**
 * `unknownPerson`: neither the key store nor the log knows the id (a typo). `keyNotInThisKeyStore`: the log holds
 * values sealed for the person, and this key store has no key that opens them (not the server's key store).
 */
export type ErasureRefusalReason = 'unknownPerson' | 'keyNotInThisKeyStore';

/** Nothing was changed: erasing would have blocked an id nobody has, or left the real key readable elsewhere. */
export class ErasureRefused extends Error {
  readonly code = 'ErasureRefused';
  constructor(
    readonly personId: string,
    readonly reason: ErasureRefusalReason,
    /** The person's encrypted values in the log. */
    readonly sealedValues: number,
  ) {
    super(`Erasure of ${personId} refused (${reason}): nothing was changed`);
    this.name = 'ErasureRefused';
  }
}

const PAGE = 1000;

/** The erasures the log records, in the `gdpr` stream: the only stream read. */
const erasuresInLog = async (store: EventStore): Promise<PersonErasure[]> => {
  const erasures: PersonErasure[] = [];
  for await (const page of streamPages(store, GDPR_STREAM, PAGE)) {
    for (const event of page) {
      if (event.type !== 'PersonErased') continue;
      const { personId, erasedAt } = event.data as PersonErased['data'];
      erasures.push({ personId, erasedAt });
    }
  }
  return erasures;
};

/**
 * Blocks again in `keys` every person the log says was erased: wherever a key store is paired with a log it did not
 * grow with (import, migrate, a restore), nothing personal is recorded under an erased id again. Reads the `gdpr`
 * stream only, and writes to the key store only what it had lost; how many persons that was.
 */
export const restoreErasures = async (store: EventStore, keys: PersonKeys): Promise<number> => keys.recordErasures(await erasuresInLog(store));

/** What the log holds of one person: values sealed (and whether `key` opens them) and values in clear. */
const valuesOf = async (store: EventStore, personId: string, key: Buffer | undefined) => {
  let sealed = 0;
  let clear = 0;
  let keyOpensThem = true;
  for await (const page of logPages(store, PAGE)) {
    for (const event of page) {
      rewritePersonalData(event.type, event.data, ({ value, personId: owner }) => {
        if (owner !== personId) return value;
        if (!isSealedPersonalValue(value)) {
          clear += 1;
          return value;
        }
        // One value tells whose key it is: they are all sealed under the same one.
        if (sealed === 0) keyOpensThem = key !== undefined && opensPersonalValue(key, value);
        sealed += 1;
        return value;
      });
    }
  }
  return { sealed, clear, keyOpensThem };
};

/**
 * GDPR erasure: deletes the person's key first (the right that matters; irreversible), then records it in the `gdpr`
 * stream as `PersonErased { personId, erasedAt, reason }`, which holds no personal data. Running it again records
 * nothing twice. The log is not touched, so `audit verify` still passes; every read now shows « [donnée effacée] ».
 * Refused, changing nothing (ErasureRefused), for an id neither the key store nor the log knows, and when the log's
 * values of the person are sealed under a key this key store does not hold.
 */
export const erasePerson = async (store: EventStore, keys: PersonKeys, request: ErasureRequest): Promise<Erasure> => {
  const { personId, reason, erasedAt, actor } = request;
  const recordedBefore = (await erasuresInLog(store)).some((erasure) => erasure.personId === personId);
  const key = keys.existingKey(personId);
  const values = await valuesOf(store, personId, key);
  // Once erased, no key beside sealed values is what the log should show: a second run completes what a first began.
  if (!recordedBefore && !keys.isErased(personId)) {
    if (values.sealed > 0 && !values.keyOpensThem) throw new ErasureRefused(personId, 'keyNotInThisKeyStore', values.sealed);
    if (values.sealed + values.clear === 0 && key === undefined) throw new ErasureRefused(personId, 'unknownPerson', 0);
  }
  const { hadKey, alreadyErased } = keys.erase(personId, erasedAt);

  const erased: PersonErased = { type: 'PersonErased', data: { personId, erasedAt, reason } };
  const recorded = recordedBefore ? undefined : await recordFact(store, GDPR_STREAM, erased, { actor, recordedAt: erasedAt });
  return { personId, hadKey, alreadyErased, ...(recorded ? { recorded } : {}), clearValues: values.clear };
};
