/**
 * Time-travel latency for an auditor: a cooperation of 10,000 events behind the real API (SQLite), comparing
 * `GET /cooperations/{id}?asOf=`, `?revision=` and `/diff` with today's `GET /cooperations/{id}` in the same
 * run (the baseline: the same fold of the whole stream). Median and p95 over 30 requests each. Run: npm run bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config/env.js';
import { eventIdFor, SqliteEventStore, type NewEvent } from '#event-store';

const EVENTS = 10_000;
const PER_APPEND = 100;
const REQUESTS = 30;
/** A large consortium's size; the fold copies its maps per event, so their size (not only the event count) drives its cost. */
const MEMBERS = 20;
const COOPERATION = 'coop:bench-time-travel';
const STREAM = `cooperation-${COOPERATION}`;
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

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.ceil(sorted.length * 0.95) - 1]! };
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-time-travel-'));
  const store = SqliteEventStore.open(join(dir, 'carnet.sqlite'));
  const app = await createApp(loadConfig({ CARNET_DATA_DIR: dir }), { eventStore: store, logger: ['error'] });
  try {
    for (let n = 0; n < EVENTS; n += PER_APPEND) {
      await store.append(STREAM, Array.from({ length: PER_APPEND }, (_, i) => eventAt(n + i)), { expectedRevision: n === 0 ? 'noStream' : n - 1 });
    }
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/cooperations/${encodeURIComponent(COOPERATION)}`;
    const measure = async (label: string, path: string) => {
      const first = await fetch(`${base}${path}`);
      if (!first.ok) throw new Error(`${label}: ${first.status} ${await first.text()}`);
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        samples.push(performance.now() - started);
      }
      return { label, ...stats(samples) };
    };
    const middle = recordedAt(EVENTS / 2);
    const results = [
      await measure('now (baseline)', ''),
      await measure('asOf the middle of the history', `?asOf=${middle}`),
      await measure('revision 5,000', '?revision=5000'),
      await measure('diff from the middle to now', `/diff?from=${middle}`),
    ];
    const [baseline] = results;
    console.log(`time travel over a cooperation of ${EVENTS.toLocaleString('en-GB')} events (SQLite, ${REQUESTS} requests each):`);
    for (const r of results) {
      console.log(`  ${r.label.padEnd(32)} median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms — ${(r.median / baseline!.median).toFixed(2)}× the baseline`);
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
