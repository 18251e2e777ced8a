import type { EventStore, Position, RecordedEvent } from '#event-store';

/**
 * Events read per request at most when a filter the store cannot serve applies (actor, record time): a narrow one costs
 * a bounded read, and the client goes on from `next`.
 */
export const FEED_SCAN_BUDGET = 10_000;
const PAGE = 1000;

export interface FeedPage {
  readonly events: RecordedEvent[];
  /** Where the next page starts (exclusive); null once the head of the log is reached. */
  readonly next: Position | null;
}

/**
 * A page of the global feed: the events after `after` that `keep` accepts (of `types` and `streamIds` only, which the
 * store filters by index), up to `count`, reading at most FEED_SCAN_BUDGET events. A page may then hold fewer than `count` events, even
 * none, with a `next` to continue from: only `next: null` says the head was reached.
 */
export const readFeedPage = async (
  store: Pick<EventStore, 'readAll'>,
  options: { after?: Position; count: number; types?: readonly string[]; streamIds?: readonly string[]; keep?: (event: RecordedEvent) => boolean },
): Promise<FeedPage> => {
  const events: RecordedEvent[] = [];
  let cursor = options.after;
  let scanned = 0;
  while (events.length < options.count && scanned < FEED_SCAN_BUDGET) {
    const asked = options.keep ? Math.min(PAGE, FEED_SCAN_BUDGET - scanned) : options.count - events.length;
    const page = await store.readAll({
      ...(cursor !== undefined ? { after: cursor } : {}),
      maxCount: asked,
      ...(options.types ? { types: options.types } : {}),
      ...(options.streamIds ? { streamIds: options.streamIds } : {}),
    });
    for (const event of page) {
      scanned += 1;
      cursor = event.position;
      if (!options.keep || options.keep(event)) events.push(event);
      if (events.length === options.count) break;
    }
    // A short read reached the head: done, unless the page filled up before the last event read.
    if (page.length < asked) return { events, next: page.length > 0 && cursor !== page.at(-1)!.position ? cursor! : null };
  }
  return { events, next: cursor ?? null };
};
