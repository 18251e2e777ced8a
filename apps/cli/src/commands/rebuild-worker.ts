/**
 * A worker thread of `carnet projections rebuild` (rebuildReadModels): opens the log of the data directory on its own
 * connection, replays its group of read models into its shadow file and reports how many events it has applied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS, replayIntoShadow, type ShadowReplayJob } from '#projections';
import { cliContext } from '../cli-context.js';

const { dataDir, job } = workerData as { dataDir: string; job: ShadowReplayJob };
const store = cliContext({ dataDir }, () => undefined).openReplayLog();
try {
  await replayIntoShadow(store, ALL_PROJECTIONS.filter((p) => job.projections.includes(p.name)), job, (applied) => parentPort!.postMessage(applied));
} finally {
  await store.close();
}
