import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ALL_PROJECTIONS, readSavedCheckpoints, rebuildProjections, type Checkpoint, type Projection, type RebuildProgress, type RebuildResult, type ReplayElsewhere } from '#projections';
import { openConfiguredReadModels } from '../../../api/src/projections/read-models-connection.js';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number, progressBar } from '../progress-bar.js';
import { UsageError } from '../usage-error.js';

export const projectionsHelp = `projections status     each read model's checkpoint
  projections rebuild [name] [--threads N]
                         replay read models from position zero into a new generation of their file, then switch to it (the API keeps serving);
                         N threads share the read models (default: this machine's cores)`;

/** A group of read models replayed by a worker thread (rebuild-worker.ts), which opens the data directory's log itself. */
const replayInWorker =
  (dataDir: string): ReplayElsewhere =>
  (job, onApplied, signal) =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./rebuild-worker.js', import.meta.url), { workerData: { dataDir, job } });
      const stop = () => void worker.terminate();
      signal.addEventListener('abort', stop, { once: true });
      worker.on('message', (applied: number) => onApplied(applied));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        signal.removeEventListener('abort', stop);
        if (code === 0) resolve();
        else reject(signal.aborted ? signal.reason : new Error(`a rebuild thread stopped with exit code ${code}`));
      });
    });

/**
 * What `carnet projections rebuild` runs (the rebuild benchmark too): every chosen read model replayed from position
 * zero through the upcasting log (personal values sealed: `CliContext.openReplayLog`), spread over `threads` threads, then published together as a new generation.
 */
export const rebuildReadModels = async (
  context: CliContext,
  projections: readonly Projection[],
  options: { threads?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildResult[]> => {
  const store = context.openReplayLog();
  // Opened once, so that read models an earlier Carnet kept in the log's file are moved out first.
  openConfiguredReadModels(context.config).close();
  try {
    return await rebuildProjections(store, context.config.readModelsPath, projections, {
      shadowPath: `${context.config.readModelsPath}.rebuild`,
      serves: ALL_PROJECTIONS,
      threads: options.threads ?? availableParallelism(),
      replayElsewhere: replayInWorker(context.config.dataDir),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await store.close();
  }
};

const threadsOf = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw new UsageError(`--threads must be a whole number from 1, not "${text}"`);
  return Number(text);
};

export const projectionsCommand = async (context: CliContext, action: string | undefined, name: string | undefined, options: { threads?: string } = {}): Promise<void> => {
  if (action === 'status') {
    // Read models beside no log are a mistyped --data-dir: refused, not created there.
    context.requireLog();
    const { readModelsPath, eventStore } = context.config;
    // Only read: the read models an earlier Carnet kept in the log's file are reported there, and moved out by the next start.
    const logPath = eventStore.kind === 'sqlite' ? eventStore.path : undefined;
    const legacy = logPath && !existsSync(readModelsPath) ? readSavedCheckpoints(logPath) : new Map<string, Checkpoint>();
    const checkpoints = legacy.size > 0 ? legacy : readSavedCheckpoints(readModelsPath);
    if (legacy.size > 0) context.out(`read models still in the log's file (${logPath}): the next start of Carnet or rebuild moves them to ${readModelsPath}`);
    for (const projection of ALL_PROJECTIONS) {
      const saved = checkpoints.get(projection.name);
      context.out(`${projection.name.padEnd(22)} v${projection.version}  position ${saved?.position ?? '—'}${saved && saved.version !== projection.version ? ` (stored v${saved.version}: will rebuild)` : ''}`);
    }
    return;
  }
  if (action !== 'rebuild') throw new Error('projections needs an action: status or rebuild');
  const threads = threadsOf(options.threads);
  const chosen = name ? ALL_PROJECTIONS.filter((p) => p.name === name) : [...ALL_PROJECTIONS];
  if (chosen.length === 0) throw new Error(`unknown projection "${name}" (known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`);
  const bar = progressBar();
  const results = await rebuildReadModels(context, chosen, {
    ...(threads !== undefined ? { threads } : {}),
    onProgress: ({ applied, total, elapsedMs }) => bar.update({ label: chosen.length === 1 ? chosen[0]!.name : 'read models', done: applied, total, elapsedMs }),
  });
  bar.finish();
  for (const result of results) {
    context.out(`${result.projection} : reconstruit depuis la position 0 — ${number(result.events)} événements en ${(result.elapsedMs / 1000).toFixed(1)} s, position ${result.position ?? '—'}`);
  }
};
