import type { EventSchemas } from '#domain';
import type { FoldableEvent } from '../envelope.js';
import { eventStoreView } from '../event-store-view.js';
import type { EventStore, SyncEventLog } from '../event-store.port.js';
import { upcastingEventStore } from '../upcasting.event-store.js';

/**
 * The log as read models are built from it (`SEALED_EVENT_STORE`, a rebuild's replay): upcast, every person's value
 * left sealed. Read models never keep one (libs/domain personal-data.ts `withoutPersonalData`), so decrypting it would
 * change no row: they need no key and cost no decryption. Read only: a value appended through it would not be sealed.
 */
export function sealedEventStore<S extends EventStore & SyncEventLog>(store: S, schemas: EventSchemas): EventStore & SyncEventLog;
export function sealedEventStore(store: EventStore, schemas: EventSchemas): EventStore;
export function sealedEventStore(store: EventStore, schemas: EventSchemas): EventStore {
  const readOnly = eventStoreView(store, {
    read: (event) => event,
    readEach: <E extends FoldableEvent>(events: readonly E[]) => events as E[],
    append: () => {
      throw new Error('The sealed view of the log is read only: append through the personal-data view, which seals personal values');
    },
  });
  return upcastingEventStore(readOnly, schemas);
}
