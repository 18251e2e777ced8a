/**
 * Verify (benchmarks issue, item 6): events/s of `verifyStore` (read + canonical JSON + SHA-256 per event) over a
 * SQLite store of 10,000 events appended through the port, next to plain `readAll` of the same store in the
 * same run (the baseline), reported as a ratio. Median of 5 runs each. Run: npm run bench (node dist/bench/audit-verify.bench.js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventIdFor, logPages, SqliteEventStore, verifyStore, type EventStore, type NewEvent } from '../libs/event-store/src/index.js';
import { formatNumber, percentile, report } from './support/report.js';

const EVENTS = 10_000;
const STREAMS = 100;
const PER_APPEND = 10;
const RUNS = 5;
const PAGE = 1000;

const perSecond = (events: number, ms: number): number => (events / ms) * 1000;

/** What a scenario's events look like: French text, a business date, provenance. */
const fill = async (store: EventStore): Promise<number> => {
  const started = performance.now();
  for (let n = 0; n < EVENTS; n += PER_APPEND) {
    const stream = `cooperation-coop:bench-${(n / PER_APPEND) % STREAMS}`;
    const events = Array.from({ length: PER_APPEND }, (_, i): NewEvent => ({
      eventId: eventIdFor('audit-bench', n + i),
      type: 'RepresentativeDesignated',
      schemaVersion: 1,
      data: { organisationId: 'org:cite-des-transitions', personId: `person:bench-${n + i}`, personName: 'Marianne Morini', title: 'Responsable du développement', capacities: ['sit', 'speak', 'sign'], from: '2025' },
      metadata: {
        actor: { userId: 'local', capacity: 'operator' },
        recordedAt: new Date().toISOString(),
        correlationId: `bench-${n}`,
        causationId: `bench-${n}`,
        commandId: `bench-${n}`,
        occurredAt: { date: '2025', precision: 'year' },
        source: { document: '000_0dc475c9d600a2f3.txt', lines: '524-632', confidence: 'stated' },
      },
    }));
    await store.append(stream, events, { expectedRevision: 'any' });
  }
  return performance.now() - started;
};

/** The same pages verifyStore reads, without the hashing. */
const readAllOnce = async (store: EventStore): Promise<number> => {
  let read = 0;
  for await (const page of logPages(store, PAGE)) read += page.length;
  return read;
};

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-audit-'));
  const store = SqliteEventStore.open(join(dir, 'carnet.sqlite'));
  try {
    const appendMs = await fill(store);
    if ((await readAllOnce(store)) !== EVENTS) throw new Error('the store does not hold the events it was given');
    const check = await verifyStore(store, { batchSize: PAGE });
    if (!check.ok || check.eventsChecked !== EVENTS) throw new Error(`verify did not pass: ${JSON.stringify(check)}`);

    const readMs = await timed(() => readAllOnce(store));
    const verifyMs = await timed(() => verifyStore(store, { batchSize: PAGE }));
    const ratio = readMs / verifyMs;
    report({
      name: 'audit-verify',
      title: 'Audit verify',
      method:
        `verifyStore (read a page, canonical JSON and SHA-256 per event, chain check per stream) over a SQLite log of ${EVENTS.toLocaleString('en-GB')} events in ${STREAMS} streams ` +
        `appended through the port ${PER_APPEND} at a time (French text, provenance), pages of ${PAGE}; baseline: reading the same pages with readAll, same run. Median of ${RUNS} runs each.`,
      figures: [
        { label: 'audit verify', value: perSecond(EVENTS, verifyMs), unit: 'events/s' },
        { label: 'audit verify, whole log', value: verifyMs, unit: 'ms' },
        { label: 'readAll of the same pages (baseline)', value: perSecond(EVENTS, readMs), unit: 'events/s' },
        { label: `append through the port (hash chain, ${PER_APPEND} events per append)`, value: perSecond(EVENTS, appendMs), unit: 'events/s' },
      ],
      ratios: [{ label: 'verify / readAll (throughput)', value: ratio }],
      notes: ['No target is set for verify: the ratio says what hashing adds to reading the log.'],
      headline: `audit verify: ${formatNumber(perSecond(EVENTS, verifyMs))} events/s over ${EVENTS.toLocaleString('en-GB')} events, ${ratio.toFixed(2)} of readAll's ${formatNumber(perSecond(EVENTS, readMs))} events/s`,
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
