import type { CliContext } from '../cli-context.js';

export const statusHelp = 'status                 where the log is, how many events and streams it holds';

export const statusCommand = async (context: CliContext): Promise<void> => {
  const store = context.openStore();
  try {
    const counts = store.database
      .prepare<[], { events: number; streams: number; cooperations: number }>(
        `SELECT COUNT(*) AS events, COUNT(DISTINCT stream_id) AS streams,
                COUNT(DISTINCT CASE WHEN stream_id LIKE 'cooperation-%' THEN stream_id END) AS cooperations FROM events`,
      )
      .get()!;
    context.out(`Journal / log      : ${context.config.eventStore.kind === 'sqlite' ? context.config.eventStore.path : context.config.eventStore.kind}`);
    context.out(`Événements / events: ${counts.events}`);
    context.out(`Flux / streams     : ${counts.streams} (coopérations : ${counts.cooperations})`);
    context.out(`Position de tête   : ${(await store.headPosition()) ?? '—'}`);
  } finally {
    await store.close();
  }
};
