/**
 * Rebuild: every read model replayed from position zero over a log of 1,000,000 realistic events (bench/support/
 * cooperation-log.ts), by the code of `carnet projections rebuild` (rebuildProjections over the decrypting and upcasting
 * view of the SQLite log, shadow file, swap under the write lock), against the same machine reading the same rows raw:
 * better-sqlite3 iterating the events table in order and JSON.parse of each row's data and metadata.
 * The data directory is kept for the cold-start benchmark that follows in the same run.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_PROJECTIONS, Checkpoints, rebuildProjections, type RebuildProgress } from '#projections';
import { cliContext } from '../apps/cli/src/cli-context.js';
import { ensureMillionEventDir, MILLION } from './support/cooperation-log.js';
import { report } from './support/report.js';

/** The limit: the rows read in log order and parsed, nothing else. */
const rawRead = (path: string): { events: number; ms: number } => {
  const db = new Database(path, { readonly: true });
  try {
    const started = performance.now();
    let events = 0;
    let parsed = 0;
    for (const row of db.prepare<[], { data: string; metadata: string }>('SELECT * FROM events ORDER BY position').iterate()) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as object;
      parsed += Number(data !== metadata);
      events += 1;
    }
    if (parsed !== events) throw new Error('unreachable');
    return { events, ms: performance.now() - started };
  } finally {
    db.close();
  }
};

const main = async (): Promise<void> => {
  const load = { start: loadavg()[0]!.toFixed(2) };
  const { dir, generated } = await ensureMillionEventDir();
  const context = cliContext({ dataDir: dir }, () => undefined);
  const cooperations = (JSON.parse(readFileSync(join(dir, 'generated.json'), 'utf8')) as { cooperations: number }).cooperations;

  const rawBefore = rawRead(context.config.eventStore.kind === 'sqlite' ? context.config.eventStore.path : '');
  console.log(`  raw read + JSON.parse: ${rawBefore.events.toLocaleString('en-GB')} rows in ${(rawBefore.ms / 1000).toFixed(1)} s`);

  // What `carnet projections rebuild` runs (apps/cli/src/commands/projections.command.ts), progress kept for the replay/swap split.
  const store = context.openUpcastingStore();
  const db = new Database(context.config.readModelsPath);
  db.pragma('busy_timeout = 5000');
  let last: RebuildProgress | undefined;
  const started = performance.now();
  let results;
  try {
    results = await rebuildProjections(store, db, ALL_PROJECTIONS, { shadowPath: `${context.config.readModelsPath}.rebuild`, onProgress: (progress) => (last = progress) });
  } finally {
    db.close();
    await store.close();
  }
  const rebuildMs = performance.now() - started;
  const replayMs = last?.elapsedMs ?? rebuildMs;

  const rawAfter = rawRead(context.config.readModelsPath);
  const raw = { events: rawBefore.events, ms: (rawBefore.ms + rawAfter.ms) / 2 };

  // The rebuilt read models are whole: every projection at the head, one row per cooperation in the list.
  const check = new Database(context.config.readModelsPath, { readonly: true });
  const checkpoints = new Checkpoints(check);
  const atHead = ALL_PROJECTIONS.every((p) => checkpoints.get(p.name)?.position === String(MILLION));
  const listed = (check.prepare('SELECT COUNT(*) AS n FROM cooperation_list_v2').get() as { n: number }).n;
  check.close();
  if (!atHead || listed !== cooperations || results.some((r) => r.events !== MILLION)) {
    throw new Error(`rebuild incomplete: at head ${atHead}, ${listed}/${cooperations} cooperations listed, events ${results.map((r) => r.events).join(', ')}`);
  }

  const rate = (MILLION / rebuildMs) * 1000;
  const rawRate = (raw.events / raw.ms) * 1000;
  const ratio = rate / rawRate;
  report({
    name: 'rebuild',
    title: 'Rebuild (every read model, 1,000,000 events)',
    method:
      `The code of \`carnet projections rebuild\` (rebuildProjections: the log read in pages through the decrypting and upcasting view, the six ` +
      `read models filled in a shadow file, then swapped in under the write lock) over ${MILLION.toLocaleString('en-GB')} generated events ` +
      `(${cooperations.toLocaleString('en-GB')} cooperations, registries, personal values encrypted), timed from the first read to the committed swap; ` +
      'against raw better-sqlite3 iterating the same rows in order with JSON.parse of data and metadata (mean of a read before and one after).',
    figures: [
      { label: 'rebuild of every read model', value: rate, unit: 'events/s' },
      { label: 'rebuild, total', value: rebuildMs / 1000, unit: 's' },
      { label: 'of which replay into the shadow file', value: replayMs / 1000, unit: 's' },
      { label: 'of which swap (copy in, indexes, tail, checkpoints)', value: (rebuildMs - replayMs) / 1000, unit: 's' },
      { label: 'raw read + JSON.parse', value: rawRate, unit: 'events/s' },
    ],
    ratios: [
      { label: 'rebuild events/s (target ≥ 100,000)', value: rate / 100_000, target: '≥ 1 (100,000 events/s)', met: rate >= 100_000 },
      { label: 'rebuild / raw read', value: ratio, target: '≥ 0.4', met: ratio >= 0.4 },
    ],
    notes: [
      ...(generated ? [`Log generated in this run: ${generated.events.toLocaleString('en-GB')} events in ${(generated.elapsedMs / 1000).toFixed(1)} s (batched appends through the adapter, synchronous=OFF on the generating connection only).`] : []),
      'Before the fixes (same 1,000,000-event log, same machine, `carnet projections rebuild`): 121.3 s, 8,245 events/s (0.04 of raw). ' +
        'Profile (node --cpu-prof): cooperation-list 24 % self time, a MAX(last_activity_seq) scan of every cooperation row at each event; ' +
        'reading the log six times, once per read model (readAllSync + toRecorded + GC ≈ 33 %); euros() building an Intl formatter per amount (6 %); ' +
        'per-event scans in governance-log (MemberLeft over every lead) and dashboard (MemberLeft over every charter version).',
      'Fixes: one pass over the log for every read model (rebuildProjections); indexes for the MAX and the two scans; cached Intl formatters; ' +
        'indexes only queries use (Projection.queryIndexes) created once the tables are filled, and the swap copying into unindexed tables then indexing; ' +
        'the global log read as raw rows. After: the figures above.',
      'What remains (profile after the fixes): the timeline writes a row of about 500 bytes per event with a random-order index (cooperation_id, event_id) ' +
        'its corrections look up (≈ 7.5 s), shadow commits (≈ 3 s), the swap copying the ≈ 0.7 GB of read models into the log\'s file under its WAL (≈ 6 s), ' +
        'and reading + decrypting + upcasting (≈ 6.5 s, the raw read alone being ≈ 4.5 s): single-threaded, the replay cannot reach 0.4 of a bare read ' +
        'while writing a copy of the log; spreading read models over worker threads is the next step.',
      `Load average on this ${cpus().length}-core machine at the start and end of the run: ${load.start} and ${loadavg()[0]!.toFixed(2)} (other processes slow both sides alike).`,
    ],
    headline: `rebuild: ${Math.round(rate).toLocaleString('en-GB')} events/s over ${MILLION.toLocaleString('en-GB')} events (${(rebuildMs / 1000).toFixed(1)} s, target ≥ 100,000: ${rate >= 100_000 ? 'met' : 'missed'}) — ${ratio.toFixed(2)}× raw read + JSON.parse (${Math.round(rawRate).toLocaleString('en-GB')}/s, target ≥ 0.4: ${ratio >= 0.4 ? 'met' : 'missed'})`,
  });
};

await main();
