import { currentSchemaVersion, GDPR_STREAM, rewritePersonalData, type Actor, type PersonErased } from '#domain';
import { eventIdFor, newCommandId } from '../command-ids.js';
import type { Position } from '../envelope.js';
import type { EventStore } from '../event-store.port.js';
import { logPages, streamPages } from '../log-pages.js';
import type { PersonKeys } from './person-keys.js';
import { isSealedPersonalValue } from './personal-value.codec.js';

export interface ErasureRequest {
  readonly personId: string;
  /** Why, for the audit trail: must not name anyone. */
  readonly reason: string;
  readonly erasedAt: string;
  readonly actor: Actor;
}

export interface Erasure {
  readonly personId: string;
  /** The key store held a key for this person (false: never recorded here, or a log imported without its keys). */
  readonly hadKey: boolean;
  /** Erased before: the key was already gone. */
  readonly alreadyErased: boolean;
  /** The PersonErased event appended to the `gdpr` stream; absent when an earlier run had recorded it. */
  readonly recorded?: { readonly eventId: string; readonly position: Position };
  /** Values of this person the log holds in clear (recorded before encryption): the hash chain forbids rewriting them. */
  readonly clearValues: number;
}

const PAGE = 1000;

/**
 * GDPR erasure: deletes the person's key first (the right that matters; irreversible), then records it in the `gdpr`
 * stream as `PersonErased { personId, erasedAt, reason }`, which holds no personal data. Running it again records
 * nothing twice. The log is not touched, so `audit verify` still passes; every read now shows « [donnée effacée] ».
 */
export const erasePerson = async (store: EventStore, keys: PersonKeys, request: ErasureRequest): Promise<Erasure> => {
  const { personId, reason, erasedAt, actor } = request;
  const { hadKey, alreadyErased } = keys.erase(personId, erasedAt);

  let recordedBefore = false;
  for await (const page of streamPages(store, GDPR_STREAM, PAGE)) {
    recordedBefore ||= page.some((event) => event.type === 'PersonErased' && (event.data as PersonErased['data']).personId === personId);
  }
  let recorded: Erasure['recorded'];
  if (!recordedBefore) {
    const commandId = newCommandId();
    const event: PersonErased = { type: 'PersonErased', data: { personId, erasedAt, reason } };
    const eventId = eventIdFor(commandId, 0);
    const { positions } = await store.append(
      GDPR_STREAM,
      [{ eventId, ...event, schemaVersion: currentSchemaVersion(event.type), metadata: { actor, recordedAt: erasedAt, correlationId: commandId, causationId: commandId, commandId } }],
      { expectedRevision: 'any' },
    );
    recorded = { eventId, position: positions[0]! };
  }

  let clearValues = 0;
  for await (const page of logPages(store, PAGE)) {
    for (const event of page) {
      rewritePersonalData(event.type, event.data, ({ value, personId: owner }) => {
        if (owner === personId && !isSealedPersonalValue(value)) clearValues += 1;
        return value;
      });
    }
  }
  return { personId, hadKey, alreadyErased, ...(recorded ? { recorded } : {}), clearValues };
};
