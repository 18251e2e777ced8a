/**
 * Live latency: command sent → update received by every connected socket.io client, p50/p99, with 1, 100
 * and 1,000 clients on loopback, next to the append-only latency of the same run (the baseline).
 * Run: npm run bench. Target (issue 3): p99 under 50 ms at 1,000 clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config/env.js';
import { scenarioA, CITEES } from '../apps/cli/src/demo/scenarios.js';
import { eventIdFor, SqliteEventStore } from '#event-store';

const CLIENT_COUNTS = [1, 100, 1000];
const COMMANDS = 40;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

const appendBaseline = async (dir: string): Promise<number[]> => {
  const store = SqliteEventStore.open(join(dir, 'baseline.sqlite'));
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const started = performance.now();
    await store.append('bench-stream', [{ eventId: eventIdFor('bench', i), type: 'Bench', schemaVersion: 1, data: { i }, metadata: { actor: { userId: 'bench' }, recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', commandId: `b${i}` } }], { expectedRevision: 'any' });
    samples.push(performance.now() - started);
  }
  await store.close();
  return samples;
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
  const app = await createApp(loadConfig({ CARNET_DATA_DIR: dir }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const post = async (path: string, body: object) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { events: { position: string }[] };
  };
  for (const step of scenarioA().slice(0, 13)) await post(step.path, step.body);

  const append = await appendBaseline(dir);
  console.log(`append only (SQLite port, synchronous=FULL): p50 ${ms(percentile(append, 50))}, p99 ${ms(percentile(append, 99))}`);

  const results: { clients: number; p50: number; p99: number }[] = [];
  let person = 0;
  for (const clients of CLIENT_COUNTS) {
    const sockets: Socket[] = [];
    const received = new Map<string, number[]>();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const socket = io(`${base}/live`, { transports: ['websocket'], forceNew: true });
        sockets.push(socket);
        socket.on('update', (update: { position: string }) => {
          const list = received.get(update.position) ?? [];
          list.push(performance.now());
          received.set(update.position, list);
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('connect_error', reject);
        });
        await socket.emitWithAck('subscribe', { scope: 'cooperation', cooperationId: CITEES });
      }),
    );
    const latencies: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const sent = performance.now();
      const { events } = await post(`/cooperations/${CITEES}/designate-representative`, { organisationId: 'org:inter-made', personId: `person:bench-${person++}`, title: 'Bénévole', capacities: ['speak'], from: '2025' });
      const position = events[0]!.position;
      const deadline = Date.now() + 10_000;
      while ((received.get(position)?.length ?? 0) < clients) {
        if (Date.now() > deadline) throw new Error(`only ${received.get(position)?.length ?? 0}/${clients} clients got ${position}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      latencies.push(...received.get(position)!.map((at) => at - sent));
    }
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    results.push({ clients, p50, p99 });
    console.log(`live, ${String(clients).padStart(4)} client(s): command → update p50 ${ms(p50)}, p99 ${ms(p99)} (${latencies.length} deliveries)`);
    sockets.forEach((s) => s.close());
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  const at1000 = results.find((r) => r.clients === 1000)!;
  const appendP99 = percentile(append, 99);
  console.log(
    `live p99 at 1000 clients: ${ms(at1000.p99)} (target < 50 ms: ${at1000.p99 < 50 ? 'met' : 'MISSED'}); ratio to append-only p99: ${(at1000.p99 / appendP99).toFixed(1)}×`,
  );
};

await main();
