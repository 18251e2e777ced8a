import Database from 'better-sqlite3';
import { ALL_PROJECTIONS, Checkpoints, rebuildProjection, type RebuildProgress } from '#projections';
import type { CliContext } from '../cli-context.js';

export const projectionsHelp = `projections status     each read model's checkpoint
  projections rebuild [name]   replay read models from position zero into fresh tables, then switch (the API keeps serving)`;

const BAR = 24;
const number = (n: number) => n.toLocaleString('fr-FR');

/** "[##########------] 52 %  12 345/23 456 événements · 8 200 év/s · reste ~2 s" */
export const progressLine = ({ projection, applied, total, elapsedMs }: RebuildProgress): string => {
  const ratio = total === 0 ? 1 : applied / total;
  const filled = Math.round(ratio * BAR);
  const rate = elapsedMs > 0 ? Math.round((applied / elapsedMs) * 1000) : applied;
  const eta = rate > 0 ? Math.ceil((total - applied) / rate) : 0;
  return `${projection.padEnd(22)} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)} %  ${number(applied)}/${number(total)} événements · ${number(rate)} év/s · reste ~${eta} s`;
};


export const projectionsCommand = async (context: CliContext, action: string | undefined, name: string | undefined): Promise<void> => {
  const store = context.openStore();
  const db = new Database(store.database.name);
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
    const tty = Boolean(process.stderr.isTTY);
    for (const projection of chosen) {
      let lastDecile = -1;
      const result = await rebuildProjection(store, db, projection, {
        shadowPath: `${store.database.name}.rebuild-${projection.name}`,
        onProgress: (progress) => {
          const decile = Math.floor((progress.applied / Math.max(progress.total, 1)) * 10);
          if (tty) process.stderr.write(`\r${progressLine(progress)}`);
          else if (decile !== lastDecile) process.stderr.write(`${progressLine(progress)}\n`);
          lastDecile = decile;
        },
      });
      if (tty) process.stderr.write('\n');
      context.out(`${projection.name} : reconstruit depuis la position 0 — ${number(result.events)} événements en ${(result.elapsedMs / 1000).toFixed(1)} s, position ${result.position ?? '—'}`);
    }
  } finally {
    db.close();
    await store.close();
  }
};

