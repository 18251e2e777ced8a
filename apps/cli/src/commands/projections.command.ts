import Database from 'better-sqlite3';
import { ALL_PROJECTIONS, Checkpoints, rebuildProjections } from '#projections';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number, progressBar } from '../progress-bar.js';

export const projectionsHelp = `projections status     each read model's checkpoint
  projections rebuild [name]   replay read models from position zero into fresh tables, in one pass over the log, then switch them together (the API keeps serving)`;

export const projectionsCommand = async (context: CliContext, action: string | undefined, name: string | undefined): Promise<void> => {
  // Read models are projected from events at their current schema, as the API's runner does.
  const store = context.openUpcastingStore();
  const db = new Database(context.config.readModelsPath);
  db.pragma('busy_timeout = 5000');
  try {
    if (action === 'status') {
      const checkpoints = new Checkpoints(db);
      for (const projection of ALL_PROJECTIONS) {
        const saved = checkpoints.get(projection.name);
        context.out(`${projection.name.padEnd(22)} v${projection.version}  position ${saved?.position ?? '—'}${saved && saved.version !== projection.version ? ` (stored v${saved.version}: will rebuild)` : ''}`);
      }
      return;
    }
    if (action !== 'rebuild') throw new Error('projections needs an action: status or rebuild');
    const chosen = name ? ALL_PROJECTIONS.filter((p) => p.name === name) : [...ALL_PROJECTIONS];
    if (chosen.length === 0) throw new Error(`unknown projection "${name}" (known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`);
    // One pass over the log feeds every chosen read model: reading, decrypting and upcasting it is most of a replay.
    const bar = progressBar();
    const results = await rebuildProjections(store, db, chosen, {
      shadowPath: `${context.config.readModelsPath}.rebuild`,
      onProgress: ({ applied, total, elapsedMs }) => bar.update({ label: chosen.length === 1 ? chosen[0]!.name : 'read models', done: applied, total, elapsedMs }),
    });
    bar.finish();
    for (const result of results) {
      context.out(`${result.projection} : reconstruit depuis la position 0 — ${number(result.events)} événements en ${(result.elapsedMs / 1000).toFixed(1)} s, position ${result.position ?? '—'}`);
    }
  } finally {
    db.close();
    await store.close();
  }
};

