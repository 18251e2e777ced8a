import type { Position, RecordedEvent } from './envelope.js';
import type { EventStore } from './event-store.port.js';
import { rawEventStore } from './event-store-view.js';

/**
 * The whole log in global order, one page (`readAll` of `batchSize`) at a time, as stored: given an upcasting
 * view it reads the store underneath, so what verifies, copies and exports the log sees the hashed bytes.
 */
export async function* logPages(view: EventStore, batchSize: number): AsyncGenerator<RecordedEvent[]> {
  const store = rawEventStore(view);
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: batchSize });
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.position;
  }
}

/** One stream in revision order, one page at a time, as stored (like `logPages`). */
export async function* streamPages(view: EventStore, streamId: string, batchSize: number): AsyncGenerator<RecordedEvent[]> {
  const store = rawEventStore(view);
  let fromRevision = 0;
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision, maxCount: batchSize });
    if (page.length === 0) return;
    yield page;
    fromRevision = page.at(-1)!.revision + 1;
  }
}
