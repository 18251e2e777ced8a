import { rewritePersonalData } from '#domain';
import type { FoldableEvent, NewEvent } from '../envelope.js';
import { PersonalDataWithoutPerson } from '../event-store.errors.js';
import { eventStoreView } from '../event-store-view.js';
import type { EventStore, SyncEventLog } from '../event-store.port.js';
import { restoreErasures } from './erase-person.js';
import type { PersonKeys } from './person-keys.js';
import { isSealedPersonalValue, revealPersonalData, sealPersonalValue } from './personal-value.codec.js';

/** The event as it is to be stored: each personal value of its type (libs/domain personal-data.ts) sealed under its person's key. */
export const sealPersonalData = <E extends NewEvent>(event: E, keys: PersonKeys): E => {
  const data = rewritePersonalData(event.type, event.data, ({ value, personId, holder, field }) => {
    if (personId === undefined) {
      if (field.names && holder['organisationId'] === undefined) throw new PersonalDataWithoutPerson(event.eventId, event.type, field.path);
      return value;
    }
    return isSealedPersonalValue(value) ? value : sealPersonalValue(keys.keyFor(personId), personId, value);
  });
  return data === event.data ? event : { ...event, data };
};

/** The persons whose values `sealPersonalData` will seal in this event: their keys must exist first. */
const personsToSeal = (event: NewEvent): string[] => {
  const personIds: string[] = [];
  rewritePersonalData(event.type, event.data, ({ value, personId }) => {
    if (personId !== undefined && !isSealedPersonalValue(value)) personIds.push(personId);
    return value;
  });
  return personIds;
};

type KeyOf = (personId: string) => Buffer | undefined;

/** The event as read: every sealed value opened, or « [donnée effacée] » when its person's key is gone. */
const revealEvent = <E extends FoldableEvent>(event: E, keyOf: KeyOf): E => {
  const data = revealPersonalData(event.data, keyOf);
  return data === event.data ? event : { ...event, data };
};

/**
 * The key store's answers kept for one read: a page of a replay names the same persons again and again, and a query
 * per value was 7 % of a rebuild. Never kept longer, so an erasure is seen by the next read, as before.
 */
const keysOfOneRead = (keys: PersonKeys): KeyOf => {
  const found = new Map<string, Buffer | undefined>();
  return (personId) => {
    if (!found.has(personId)) found.set(personId, keys.existingKey(personId));
    return found.get(personId);
  };
};

/**
 * Personal data encrypted at rest, as a decorator over the port (so every adapter, EventStoreDB included, gets it):
 * a new event's personal values are sealed BEFORE the store underneath seals the hash chain, which therefore covers
 * the ciphertexts and still verifies once a key is erased; every read opens them. A copy (`preserveHashes`: migrate,
 * import) keeps its events verbatim. The API stacks it under the upcaster (`upcastingEventStore(personalDataEventStore(raw))`):
 * decrypt, then upcast. Audit, export and migrate read `rawEventStore(…)`, the encrypted form. `close` closes the key store too.
 * Before it seals its first value, the log's erasures (PersonErased) are blocked in the key store (`restoreErasures`).
 */
export function personalDataEventStore<S extends EventStore & SyncEventLog>(store: S, keys: PersonKeys): EventStore & SyncEventLog;
export function personalDataEventStore(store: EventStore, keys: PersonKeys): EventStore;
export function personalDataEventStore(store: EventStore, keys: PersonKeys): EventStore {
  // Once per view, before the first value is sealed: a key store that came without this log's erasures (a restore,
  // an import) blocks them again. Retried by the next append if the log could not be read.
  let erasuresRestored: Promise<unknown> | undefined;
  const restoringErasures = () =>
    (erasuresRestored ??= restoreErasures(store, keys).catch((error: unknown) => {
      erasuresRestored = undefined;
      throw error;
    }));
  return eventStoreView(store, {
    read: (event) => revealEvent(event, (personId) => keys.existingKey(personId)),
    readEach: <E extends FoldableEvent>(events: readonly E[]) => {
      const keyOf = keysOfOneRead(keys);
      return keys.inOneRead(() => events.map((event) => revealEvent(event, keyOf)));
    },
    append: async (_streamId, events, options) => {
      if (options.preserveHashes) return events;
      const persons = events.flatMap(personsToSeal);
      if (persons.length > 0) await restoringErasures();
      // New persons' keys are made first, durably and in one write for the whole turn, then the values sealed under them.
      await keys.ensureKeys(persons);
      return events.map((event) => sealPersonalData(event, keys));
    },
    close: async () => {
      await store.close();
      keys.close();
    },
  });
}
