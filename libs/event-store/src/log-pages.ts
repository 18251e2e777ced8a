import type { Position, RecordedEvent } from './envelope.js';
import type { EventStore } from './event-store.port.js';

/** The whole log in global order, one page (`readAll` of `batchSize`) at a time. */
export async function* logPages(store: EventStore, batchSize: number): AsyncGenerator<RecordedEvent[]> {
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: batchSize });
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.position;
  }
}

/** One stream in revision order, one page at a time. */
export async function* streamPages(store: EventStore, streamId: string, batchSize: number): AsyncGenerator<RecordedEvent[]> {
  let fromRevision = 0;
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision, maxCount: batchSize });
    if (page.length === 0) return;
    yield page;
    fromRevision = page.at(-1)!.revision + 1;
  }
}
