import type { Position, RecordedEvent } from './envelope.js';
import type { EventStore, ReadAllOptions } from './event-store.port.js';

type StreamReader = Pick<EventStore, 'readStream' | 'comparePositions' | 'headPosition'>;

const PAGE = 500;

/**
 * Where to read a stream from to get its events recorded after `after`, found by halving (a stream's positions grow
 * with its revisions): a few one-event reads instead of reading the stream from its start. Undefined when it has none.
 */
const firstRevisionAfter = async (store: StreamReader, streamId: string, after: Position | undefined): Promise<number | undefined> => {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  if (!last || (after !== undefined && store.comparePositions(last.position, after) <= 0)) return undefined;
  if (after === undefined) return 0;
  let [low, high] = [0, last.revision];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    // The first event at or above `middle` (a truncated stream has gaps below its events).
    const [event] = await store.readStream(streamId, { fromRevision: middle, maxCount: 1 });
    if (event && store.comparePositions(event.position, after) > 0) high = middle;
    else low = event ? Math.max(middle, event.revision) + 1 : middle + 1;
  }
  return low;
};

/**
 * `readAll({ streamIds })` for a store that can only read streams one at a time (EventStoreDB): each stream from its
 * first event after `after`, up to `maxCount` kept events, merged in log order. Events past the head read first are left
 * for the next page: streams read one after another could otherwise return a later event of one stream without an
 * earlier one of another, appended meanwhile, and a cursor at the later one would skip it for good.
 */
export const readStreamsInLogOrder = async (store: StreamReader, streamIds: readonly string[], options: ReadAllOptions): Promise<RecordedEvent[]> => {
  const head = await store.headPosition();
  if (head === undefined) return [];
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  const types = options.types && new Set(options.types);
  const after = options.after;
  const keep = (event: RecordedEvent) =>
    (after === undefined || store.comparePositions(event.position, after) > 0) && store.comparePositions(event.position, head) <= 0 && (!types || types.has(event.type));
  const perStream = await Promise.all(
    [...new Set(streamIds)].map(async (streamId) => {
      const kept: RecordedEvent[] = [];
      let from = await firstRevisionAfter(store, streamId, after);
      const pageSize = Math.min(maxCount, PAGE);
      while (from !== undefined && kept.length < maxCount) {
        const page = await store.readStream(streamId, { fromRevision: from, maxCount: pageSize });
        kept.push(...page.filter(keep));
        const last = page.at(-1);
        from = last && page.length === pageSize && store.comparePositions(last.position, head) < 0 ? last.revision + 1 : undefined;
      }
      return kept.slice(0, maxCount);
    }),
  );
  return perStream
    .flat()
    .sort((a, b) => store.comparePositions(a.position, b.position))
    .slice(0, maxCount);
};
