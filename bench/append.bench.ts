/**
 * Append: single-event appends with an exact expected revision through the event-store port (SqliteEventStore, no
 * HTTP), against the machine's limit — raw better-sqlite3, one INSERT per transaction into a comparable table with
 * the adapter's own durability (WAL, synchronous=FULL) — and against Emmett's SQLite event store
 * (@event-driven-io/emmett-sqlite, installed in bench/node_modules only). Same disk (the OS temp directory), same
 * events, streams interleaved; the three run in turns of ROUND appends so drifts of the disk hit them alike.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { getSQLiteEventStore as GetSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { SqliteEventStore, type EventMetadata } from '#event-store';
import { percentile, report } from './support/report.js';

const APPENDS = 5_000;
const STREAMS = 50;
const ROUND = 500;
const WARM_UP = 100;

/** bench/node_modules, where `npm run bench` installs the peers (bench/package.json), seen from dist/bench/. */
const peers = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'package.json'));
const { getSQLiteEventStore } = peers('@event-driven-io/emmett-sqlite') as { getSQLiteEventStore: typeof GetSQLiteEventStore };
const sqlite3 = peers('sqlite3') as typeof import('sqlite3');

/** One command's event as the API records it: a member joining, with its metadata. */
const eventAt = (n: number) => {
  const commandId = randomUUID();
  const metadata: EventMetadata = {
    actor: { userId: 'user:bench', organisationId: 'org:fondation-macif' },
    recordedAt: new Date().toISOString(),
    correlationId: commandId,
    causationId: commandId,
    commandId,
    occurredAt: { date: '2025-10', precision: 'month' },
  };
  return {
    eventId: randomUUID(),
    type: 'MemberJoined',
    data: { organisationId: `org:bench-${n}`, membershipType: 'member', joinedOn: '2025-10', expectations: 'mutualiser les moyens d’ingénierie' },
    metadata,
  };
};

interface Engine {
  readonly label: string;
  /** Appends the n-th event to its stream, which holds `revision + 1` events. */
  append(streamId: string, revision: number, n: number): Promise<void>;
  close(): Promise<void>;
}

const carnetEngine = (dir: string): Engine => {
  const store = SqliteEventStore.open(join(dir, 'carnet.sqlite'));
  return {
    label: 'Carnet (SqliteEventStore.append)',
    append: async (streamId, revision, n) => {
      await store.append(streamId, [{ ...eventAt(n), schemaVersion: 1 }], { expectedRevision: revision < 0 ? 'noStream' : revision });
    },
    close: () => store.close(),
  };
};

/** The limit: what better-sqlite3 does with one row per transaction at Carnet's durability, and nothing else. */
const rawEngine = (dir: string): Engine => {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const write = db.transaction((streamId: string, revision: number, event: ReturnType<typeof eventAt>) => {
    insert.run(event.eventId, streamId, revision + 1, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
  });
  return {
    label: 'raw better-sqlite3 (limit)',
    append: async (streamId, revision, n) => {
      write.immediate(streamId, revision, eventAt(n));
    },
    close: async () => {
      db.close();
    },
  };
};

const isBusy = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === 'SQLITE_BUSY';

/**
 * Emmett as its documentation sets it up: getSQLiteEventStore({ fileName }), appendToStream with the expected version.
 * Its COMMIT now and then fails with SQLITE_BUSY "SQL statements in progress" (the RETURNING statement it reads the
 * stream position with is not finalised yet); the transaction is rolled back, so the append is retried, as a caller
 * would, inside the measured time. Emmett logs each such error with console.log: muted here, counted instead.
 */
const emmettEngine = (dir: string, busy: { retries: number }): Engine => {
  const store = getSQLiteEventStore({ fileName: join(dir, 'emmett.sqlite') });
  return {
    label: 'Emmett (emmett-sqlite appendToStream)',
    append: async (streamId, revision, n) => {
      const { type, data, metadata } = eventAt(n);
      const log = console.log;
      console.log = () => undefined;
      try {
        for (;;) {
          try {
            await store.appendToStream(streamId, [{ type, data, metadata }], { expectedStreamVersion: BigInt(revision + 1) });
            return;
          } catch (error) {
            if (!isBusy(error) || busy.retries >= 1000) throw error;
            busy.retries += 1;
          }
        }
      } finally {
        console.log = log;
      }
    },
    close: async () => undefined,
  };
};

/** What SQLite reports for a fresh connection of the sqlite3 package to Emmett's file: its journal mode and synchronous level. */
const emmettDurability = (file: string): Promise<{ journal: string; synchronous: number }> =>
  new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.get('PRAGMA journal_mode', (error: Error | null, journal: { journal_mode: string }) => {
      if (error) return reject(error);
      db.get('PRAGMA synchronous', (error2: Error | null, sync: { synchronous: number }) => {
        db.close();
        if (error2) reject(error2);
        else resolve({ journal: journal.journal_mode, synchronous: sync.synchronous });
      });
    });
  });

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-append-'));
  const busy = { retries: 0 };
  const engines = [carnetEngine(dir), rawEngine(dir), emmettEngine(dir, busy)];
  const state = engines.map(() => ({ revisions: new Array<number>(STREAMS).fill(-1), n: 0, ms: 0, samples: [] as number[] }));
  const run = async (index: number, count: number, measure: boolean) => {
    const engine = engines[index]!;
    const s = state[index]!;
    for (let i = 0; i < count; i++) {
      const stream = s.n % STREAMS;
      const started = performance.now();
      await engine.append(`cooperation-coop:bench-${stream}`, s.revisions[stream]!, s.n);
      const elapsed = performance.now() - started;
      s.revisions[stream]! += 1;
      s.n += 1;
      if (measure) {
        s.ms += elapsed;
        s.samples.push(elapsed);
      }
    }
  };
  try {
    console.log(`append: ${APPENDS.toLocaleString('en-GB')} single-event appends each over ${STREAMS} streams, in turns of ${ROUND} (${dir})`);
    for (const index of engines.keys()) await run(index, WARM_UP, false);
    for (let done = 0; done < APPENDS; done += ROUND) for (const index of engines.keys()) await run(index, ROUND, true);
    const durability = await emmettDurability(join(dir, 'emmett.sqlite'));
    const [carnet, raw, emmett] = state.map((s) => ({ rate: (s.samples.length / s.ms) * 1000, p50: percentile(s.samples, 50), p99: percentile(s.samples, 99) }));
    const toLimit = carnet!.rate / raw!.rate;
    const toEmmett = carnet!.rate / emmett!.rate;
    report({
      name: 'append',
      title: 'Append (single-event, through the port)',
      method:
        `${APPENDS.toLocaleString('en-GB')} single-event appends with an exact expected revision over ${STREAMS} streams per engine, after ${WARM_UP} unmeasured, ` +
        `the engines taking turns of ${ROUND} on the same disk: Carnet's SqliteEventStore.append; the limit, raw better-sqlite3 with one INSERT per ` +
        'IMMEDIATE transaction into a table of the same shape (WAL, synchronous=FULL, as the adapter opens its file); Emmett\'s SQLite event store ' +
        '(@event-driven-io/emmett-sqlite with @event-driven-io/emmett 0.38.5, sqlite3 5), getSQLiteEventStore({ fileName }) and appendToStream with the expected stream version.',
      figures: [
        { label: 'Carnet appends', value: carnet!.rate, unit: 'appends/s' },
        { label: 'Carnet p50 / p99', value: carnet!.p50, unit: `ms / ${carnet!.p99.toFixed(2)} ms` },
        { label: 'raw better-sqlite3 (limit) appends', value: raw!.rate, unit: 'appends/s' },
        { label: 'raw p50 / p99', value: raw!.p50, unit: `ms / ${raw!.p99.toFixed(2)} ms` },
        { label: 'Emmett appends', value: emmett!.rate, unit: 'appends/s' },
        { label: 'Emmett p50 / p99', value: emmett!.p50, unit: `ms / ${emmett!.p99.toFixed(2)} ms` },
      ],
      ratios: [
        { label: 'Carnet / limit', value: toLimit, target: '≥ 0.5', met: toLimit >= 0.5 },
        { label: 'Carnet / Emmett', value: toEmmett, target: '≥ 2', met: toEmmett >= 2 },
      ],
      notes: [
        `Durability: Carnet and the limit run journal_mode=WAL, synchronous=FULL (libs/event-store/src/adapters/sqlite/sqlite.event-store.ts); Emmett sets ` +
          `journal_mode=WAL itself and leaves synchronous at the sqlite3 package's default, read back from its file in this run: journal_mode=${durability.journal}, ` +
          `synchronous=${durability.synchronous} (${['OFF', 'NORMAL', 'FULL', 'EXTRA'][durability.synchronous] ?? '?'}).`,
        'Emmett 0.38.5 opens a connection for each operation and closes it after (its getSQLiteEventStore with a file name); that is part of what it costs per append.',
        `Emmett's COMMIT failed with SQLITE_BUSY ("SQL statements in progress", a race in its sqlite3 connection wrapper) ${busy.retries} time(s) in this run (warm-up included); each was rolled back and retried within the measured time.`,
        'Version: @event-driven-io/emmett-sqlite 0.42.4, the newest, needs @event-driven-io/emmett 0.42.4, which the npm registry reachable here does not have; 0.38.5 is the newest matching pair.',
      ],
      headline: `append: Carnet ${Math.round(carnet!.rate).toLocaleString('en-GB')} appends/s — ${toLimit.toFixed(2)}× the limit (raw better-sqlite3 ${Math.round(raw!.rate).toLocaleString('en-GB')}/s, target ≥ 0.5), ${toEmmett.toFixed(2)}× Emmett (${Math.round(emmett!.rate).toLocaleString('en-GB')}/s, target ≥ 2)`,
    });
  } finally {
    for (const engine of engines) await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
