import type { RecordedEvent } from '#event-store';
import type { CliContext } from '../cli-context.js';

export const eventsHelp = 'events [--stream S] [--after P] [--limit N] [--json]   print the log (or one stream) in order';

export interface EventsOptions {
  readonly stream?: string;
  readonly after?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

const line = (e: RecordedEvent): string => {
  const occurred = (e.metadata.occurredAt as { date?: string } | undefined)?.date ?? '';
  return `${e.position.padStart(8)}  ${e.metadata.recordedAt.slice(0, 19)}  ${occurred.padEnd(10)}  ${e.streamId}@${e.revision}  ${e.type}  ${e.metadata.actor.userId}`;
};

export const eventsCommand = async (context: CliContext, options: EventsOptions): Promise<void> => {
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a positive integer');
  if (options.after !== undefined && !/^\d+$/.test(options.after)) throw new Error('--after must be a position (a whole number)');
  // A stream is read from its start: --after is a position of the global log, which a stream read does not take.
  if (options.after !== undefined && options.stream !== undefined) throw new Error('--after pages the whole log; with --stream, leave it out');
  const store = context.openStore();
  try {
    const events = options.stream
      ? await store.readStream(options.stream, { maxCount: limit })
      : await store.readAll({ ...(options.after ? { after: options.after } : {}), maxCount: limit });
    for (const e of events) context.out(options.json ? JSON.stringify(e) : line(e));
    if (!options.json && events.length === 0) context.out('(aucun événement / no event)');
  } finally {
    await store.close();
  }
};
