import type { EventStore } from './event-store.port.js';

/** Whether a stream holds any event: the port reads a stream that does not exist as empty. */
export const streamExists = async (store: EventStore, streamId: string): Promise<boolean> => (await store.readStream(streamId, { maxCount: 1 })).length > 0;
