/**
 * Time travel (benchmarks issue, item 6): the state of a cooperation of 10,000 events as of a date, through the real
 * API (SQLite, bearer token), next to today's `GET /cooperations/{id}` in the same run. Each request asks for another
 * instant (or revision), so no answer is served twice; "cold" clears the API's folded states before each request.
 * Run: npm run bench (node dist/bench/time-travel.bench.js). Target: state as of a date < 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../apps/api/src/app.factory.js';
import { signingSecretOf } from '../apps/api/src/auth/signing-secret.js';
import { mintLocalToken } from '../apps/api/src/auth/tokens.js';
import { loadConfig } from '../apps/api/src/config/env.js';
import { CooperationStates } from '../apps/api/src/cooperations/cooperation-states.js';
import { cooperationStream } from '../libs/domain/src/index.js';
import { eventIdFor, SqliteEventStore, type NewEvent } from '../libs/event-store/src/index.js';
import { ProjectionRunner } from '../libs/projections/src/index.js';
import { formatNumber, percentile, report } from './support/report.js';
import { ensureServerNodeFlags } from './support/server-flags.js';

const EVENTS = 10_000;
const PER_APPEND = 100;
const REQUESTS = 30;
const WARM_UP = 5;
/** A large consortium's size: the fold copies the state's maps that an event changes, so their size drives its cost too. */
const MEMBERS = 20;
const TARGET_MS = 50;
const COOPERATION = 'coop:bench-time-travel';
const STREAM = cooperationStream(COOPERATION);
/** One event a minute from 2025-01-01: record times an auditor can point between. */
const recordedAt = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();

const metadata = (n: number) => ({
  actor: { userId: 'local' },
  recordedAt: recordedAt(n),
  correlationId: `bench-${n}`,
  causationId: `bench-${n}`,
  commandId: `bench-${n}`,
  occurredAt: { date: '2025', precision: 'year' as const },
});

/** A proposed cooperation whose members come and go: 1 proposal, then joins and departures in turn. */
const eventAt = (n: number): NewEvent => {
  const base = { eventId: eventIdFor('time-travel-bench', n), schemaVersion: 1, metadata: metadata(n) };
  if (n === 0) {
    return {
      ...base,
      type: 'CooperationProposed',
      data: {
        cooperationId: COOPERATION, name: 'Coopération de mesure', purpose: 'Mesurer le voyage dans le temps', levers: [], territoryIds: ['territory:marseille'],
        form: 'consortium', origin: 'preExisting', initiatorOrganisationIds: ['org:bench-0'], proposedOn: '2025',
      },
    };
  }
  const organisationId = `org:bench-${Math.floor((n - 1) / 2) % MEMBERS}`;
  return n % 2 === 1
    ? { ...base, type: 'MemberJoined', data: { organisationId, membershipType: 'member', joinedOn: '2025' } }
    : { ...base, type: 'MemberLeft', data: { organisationId, leftOn: '2025', reason: 'rotation' } };
};


/** The same pseudo-random points in every run (a linear congruential sequence), spread over the history. */
const points = (count: number, seed: number): number[] => {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (x % (EVENTS - 2));
  });
};

interface Stats {
  readonly label: string;
  readonly median: number;
  readonly p95: number;
}

const main = async (): Promise<void> => {
  const flags = ensureServerNodeFlags();
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-time-travel-'));
  const store = SqliteEventStore.open(join(dir, 'carnet.sqlite'));
  const config = loadConfig({ CARNET_DATA_DIR: dir, CARNET_RATE_LIMIT_PER_MINUTE: '0', CARNET_RATE_LIMIT_IP_PER_MINUTE: '0' });
  const app = await createApp(config, { eventStore: store, logger: ['error'] });
  try {
    for (let n = 0; n < EVENTS; n += PER_APPEND) {
      await store.append(STREAM, Array.from({ length: PER_APPEND }, (_, i) => eventAt(n + i)), { expectedRevision: n === 0 ? 'noStream' : n - 1 });
    }
    await app.listen(0, '127.0.0.1');
    // The read models catch up with the 10,000 appends first: measured alongside, their replay would be timed as time travel.
    if (!(await app.get(ProjectionRunner).waitUntilCaughtUp(undefined, 120_000))) throw new Error('projections did not catch up with the appended history');
    const token = await mintLocalToken(signingSecretOf(config), { sub: 'user:bench', role: 'admin' }, '1h');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/cooperations/${encodeURIComponent(COOPERATION)}`;
    const states = app.get(CooperationStates);
    const get = async (path: string): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${Buffer.from(body).toString('utf8')}`);
      return performance.now() - started;
    };
    const measure = async (label: string, paths: readonly string[], { cold = false } = {}): Promise<Stats> => {
      // Unmeasured rounds first, as a running server is: the compiler has optimised the read and the fold (cold is
      // about the folded states, not the JIT: measured first with one warm-up, its first two reads took 75–170 ms).
      for (const path of paths.slice(0, WARM_UP)) {
        if (cold) states.clear();
        await get(path);
      }
      const samples: number[] = [];
      for (const path of paths) {
        if (cold) states.clear();
        samples.push(await get(path));
      }
      return { label, median: percentile(samples, 50), p95: percentile(samples, 95) };
    };
    const asOfPaths = (seed: number, count = REQUESTS) => points(count, seed).map((n) => `?asOf=${recordedAt(n)}`);
    const coldAsOf = await measure('asOf a date, cold (folded states dropped before each request)', asOfPaths(7), { cold: true });
    const now = await measure('now (baseline)', Array.from({ length: REQUESTS }, () => ''));
    const asOf = await measure('asOf a date', asOfPaths(11));
    const revision = await measure('at a revision', points(REQUESTS, 13).map((n) => `?revision=${n}`));
    const diff = await measure('diff from a date to now', points(REQUESTS, 17).map((n) => `/diff?from=${recordedAt(n)}`));
    const results = [now, asOf, coldAsOf, revision, diff];
    report({
      name: 'time-travel',
      title: 'Time travel',
      method:
        `A cooperation of ${EVENTS.toLocaleString('en-GB')} events (${MEMBERS} members joining and leaving, one event a minute) in a SQLite log, read through the real API ` +
        `with a bearer token, one request at a time on loopback: ${REQUESTS} requests each, every one at another pseudo-random instant or revision (the same ones in every run); ` +
        `each series after ${WARM_UP} unmeasured requests; "cold" drops the API's folded states before each request. Baseline: today's GET /cooperations/{id} in the same run. Target: state as of a date < ${TARGET_MS} ms (p95, warm and cold). ` +
        `Node flags as npm start gives the server: ${flags.join(' ')}.`,
      figures: results.flatMap((r) => [
        { label: `${r.label}, median`, value: r.median, unit: 'ms' },
        { label: `${r.label}, p95`, value: r.p95, unit: 'ms' },
      ]),
      ratios: [
        { label: 'asOf a date, p95 (ms)', value: asOf.p95, target: `< ${TARGET_MS} ms`, met: asOf.p95 < TARGET_MS },
        { label: 'asOf a date, cold, p95 (ms)', value: coldAsOf.p95, target: `< ${TARGET_MS} ms`, met: coldAsOf.p95 < TARGET_MS },
        { label: 'asOf / now (median latency, lower is better)', value: asOf.median / now.median },
      ],
      notes: [
        'Before (same bench, code before the fixes): now 62.5 ms median; asOf 50.1 ms median, 61.1 ms p95; revision 51.8 ms; diff 73.7 ms median, 123 ms p95 — every request read and folded the stream from revision 0.',
        'Fix: the API keeps each cooperation\'s folded state (libs/event-store stream-state-cache.ts) with a snapshot every 500 events; asOf and revision start from the nearest snapshot and fold at most 500 events, ' +
          'the diff takes both ends that way and reads only the events in between. Streams whose record times go backwards (two nodes\' clocks) are still filtered whole, as before.',
        'evolveAll (the cooperation decider) made the fold of a long run linear: in the first fold of this stream, evolve went from ≈ 17 ms to ≈ 6 ms of ≈ 60 ms.',
        'Cold (first read after a start, or after an erasure): the whole stream is read and folded once. Before this round (same bench, three runs): median ≈ 50 ms, p95 87–92 ms; ' +
          'the first cold reads (75–170 ms) were also timing the read models replaying the 10,000 appends alongside and an unoptimised read path. Profile of the steady cold read: ' +
          'the SQLite adapter ≈ 62 % (JSON.parse 33 %, row stepping 16 %), the fold ≈ 10 %, GC ≈ 13 %.',
        'Fixes: the SQLite adapter reads each event as ONE JSON text assembled by SQLite (position, ids, type, data, metadata) and parsed once, instead of seven columns and two parses ' +
          '(reading these 10,000 events in one process, alternating old and new code: ≈ 38–40 → 31–33 ms median); the bench waits for the read models to catch up before timing and runs ' +
          `${WARM_UP} unmeasured requests per series.`,
        'What remained on 2026-11-23 (2 × Intel Xeon): the cold read was ≈ 43–50 ms at the median over that day\'s runs, and about one in fifteen pays a major GC pause (66–93 ms), which is what the p95 reports: each cold read builds a ' +
          '10,000-event state whose predecessor becomes old-generation garbage. Durable snapshots would bound the read, but a state holds decrypted personal values and the whole ' +
          'corrected log (what a correction re-folds from), so a stored one would outlive an erasure: not done.',
        'On 2026-12-06\'s machine (2 × AMD EPYC, where the raw read of the rebuild bench runs at 0.6–0.7 of 2026-11-23\'s) the same code measured a cold median of ' +
          '86 ms, and the warm asOf p95 15–19 ms over two runs.',
        '2026-12-07 (same machine): profile of 30 cold reads — JSON.parse of each row ≈ 31 % (≈ 600 bytes an event, of which ≈ 170 the hash chain\'s two ' +
          'hashes in the metadata), GC ≈ 24 %, SQLite stepping ≈ 12 %, the fold ≈ 8 %, the cache\'s bookkeeping ≈ 5 %; reading the 10,000 events took ≈ 26 ms ' +
          'from the adapter and ≈ 60 ms through the API\'s views. Fix: revealPersonalData (the decrypting view, every event read) walked every value of ' +
          'every event with Object.entries and Object.keys; it now skips texts and numbers and looks for $personal before listing keys: 4.0 → 1.2 ms per ' +
          '10,000 events (median of 15, after a forced GC). On this bench that is within the noise: cold asOf alone, two runs each, alternating builds: ' +
          'before median 71.7 and 57.4 ms, p95 108 and 80.5 ms; after median 74.6 and 73.7 ms, p95 114 and 100 ms. What is left is parsing and ' +
          'collecting a 10,000-event state, which only a stored snapshot would avoid (see above): not done.',
        '2026-12-07, second round (same machine): a trace of the GC over the cold series showed each cold read promoting its 10,000-event state (≈ 4–5 MB) ' +
          'out of a young generation of 16 MB semi-spaces (Node\'s default), two or three scavenges of 4–10 ms a read, and the stream read in one piece kept every ' +
          'envelope alive through the whole fold. Fixes: (1) the cache reads a cold stream a page (500 events) at a time, each folded before the next is read; ' +
          '(2) the index of command ids (idempotent replays) is built on its first lookup instead of at each event of a cold read (that Map\'s inserts were ≈ 5 % ' +
          'of it); (3) the server runs with --max-semi-space-size=32 (npm start, the Docker image; this bench runs as they do). Cold asOf in a series of 150, ' +
          'Node\'s defaults: before, median 70 ms and p95 113 ms; after (1), 65–66 and 96–112 ms; after (1) and (2), 60–61 and 84–86 ms. This bench with (1) ' +
          'and (2), three runs each, alternating: p95 108, 116 and 124 ms with Node\'s default young generation, 63, 65 and 66 ms with --max-semi-space-size=32 ' +
          '(warm asOf p95 9.8–10.5 → 5.7–7.2 ms). Over 120 cold reads in a row the later ones fall to 40–55 ms, the heap having grown; the 35 of this series ' +
          'are its first. What is left is the read itself (SQLite stepping ≈ 16 % and JSON.parse ≈ 27 % of the cold series\' CPU): still missed.',
        '2026-12-07, third round (same machine): the fold needs of each event its ids, type, version, data, record time and command id, yet the cold read parsed ' +
          'every row whole — the metadata (actor, provenance, correlation, the two hashes) was two thirds of its bytes. Fix: a read of the port for folds, ' +
          'readStreamForFold (libs/event-store), which the SQLite adapter serves from the data, recorded_at and a new command_id column, leaving the metadata ' +
          'unread (command_id is added to an older log on open, schema only; its older rows fall back to their metadata). Reading and parsing these 10,000 ' +
          'events alone: ≈ 21.6 → 14.1 ms. This bench, old and new builds alternating, three runs each: cold median 54.9, 59.3, 63.9 → 39.8, 40.3, 41.2 ms; ' +
          'p95 59.8, 66.0, 72.6 → 54.6, 62.8, 65.7 ms. The p95 moves less because about half the cold reads meet a scavenge, which promotes the state being ' +
          'built (≈ 4 MB, every survivor, in 10–15 ms): in three traces of 55 cold reads each, half had none (median 34–35 ms) and half had one (median 47–49 ms). Tried and not kept: ' +
          'semi-spaces of 64 MB (scavenges half as often but p95 90–112 ms), page reads concatenated by SQLite into one JSON text (≈ 10 % less CPU, but one ' +
          'string per page could outgrow what V8 can hold with large events), other ways to assemble the row (concat(), format(), an object instead of an ' +
          'array, seven columns: equal or slower). The state itself (≈ 230 bytes an event, log included) is what a scavenge copies. ' +
          'Then a trace of the scavenges (--trace-gc-nvp) showed each one promoting ≈ 4 MB, the state being built and also the one the bench had just dropped: ' +
          'StreamStateCache.clear used Map#clear, which leaves the old table\'s slots pointing at the dropped entries, and the young-generation GC takes slots ' +
          'of old objects as live. Fix: clear deletes key by key (as an erasure\'s drop of every state does too). Three traces of 55 cold reads each, ' +
          'alternating, on a slow phase of this VM: scavenge pause 13.1–15.3 → 10.8–11.5 ms, promoted ≈ 4 → 1.5 MB, p95 76–81 → 65–69 ms. This bench after ' +
          'both fixes, three runs in a row: cold median 33.3, 32.9 and 34.6 ms, p95 42.0, 41.8 and 42.5 ms.',
        '2026-12-07, fourth round (same machine): the full run at 7d6d469 measured a cold p95 of 65.9 ms, and the same code alone 59.9 and 60.8 ms in the ' +
          'afternoon. Profile of 150 cold reads: the SQLite adapter stepping through the rows ≈ 26 % of the CPU, parsing them ≈ 22 %, the fold ≈ 12 %, all on ' +
          'the event loop one after the other, the second core idle. Fix: once a read\'s page comes back full (a cold fold of a long stream, a long tail), the ' +
          'next two pages are asked for before it is folded, flagged `background`, and the SQLite adapter steps through those on a reader thread of its own ' +
          '(a read-only connection to the same WAL file, libs/event-store sqlite-read-thread.ts), so the event loop parses and folds a page while the next is ' +
          'read; first pages and warm tails are still read at once. This bench, old and new builds alternating, six runs each: cold p95 59.9, 56.7, 48.0, 75.8, 52.0, 46.3 → 46.5, 44.9, ' +
          '34.9, 39.2, 40.9, 52.4 ms (median of the last three pairs 53.3, 41.0, 36.7 → 30.3, 31.1, 38.2 ms). The profile after: parsing ≈ 25 %, the fold ≈ 12 %, ' +
          'GC ≈ 9 %, waiting for the thread ≈ 6 %. After the review\'s change (the first page read at once), two more pairs: cold median 52.2 and 34.8 → 28.9 and ' +
          '27.5 ms, p95 63.6 and 41.9 → 39.0 and 41.6 ms. What is left is the event loop\'s own share, parsing and folding, which another thread cannot take (the state ' +
          'is an object graph of the event loop\'s heap).',
      ],
      headline:
        `time travel over ${EVENTS.toLocaleString('en-GB')} events: asOf p95 ${formatNumber(asOf.p95)} ms (target < ${TARGET_MS} ms: ${asOf.p95 < TARGET_MS ? 'met' : 'MISSED'}), ` +
        `cold ${formatNumber(coldAsOf.p95)} ms (${coldAsOf.p95 < TARGET_MS ? 'met' : 'MISSED'}); now ${formatNumber(now.median)} ms, revision ${formatNumber(revision.median)} ms, diff ${formatNumber(diff.median)} ms (medians)`,
    });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
