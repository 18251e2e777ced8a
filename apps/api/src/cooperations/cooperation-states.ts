import { Inject, Injectable } from '@nestjs/common';
import { cooperationDecider, type CooperationState } from '#domain';
import { EVENT_STORE, foldOf, PERSON_KEYS, StreamStateCache, type EventStore, type PersonKeys } from '#event-store';

/**
 * Every cooperation's folded state, shared by the command handler and the queries (libs/event-store
 * stream-state-cache.ts): a command or a GET folds only what was appended since the last one, and a read at a past
 * revision or record time starts from the nearest snapshot. States hold decrypted personal values, so the key store's
 * erasure count, read on every call, drops them all after an erasure (by the CLI in another process too).
 */
@Injectable()
export class CooperationStates extends StreamStateCache<CooperationState> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PERSON_KEYS) keys: PersonKeys) {
    super(store, foldOf(cooperationDecider), {
      epoch: () => keys.erasures(),
      // A view dates each correction by its record time.
      keepRecordedAt: (event) => event.type === 'RecordCorrected',
    });
  }
}
