/**
 * Live (benchmarks issue, item 4): command sent → update received by every connected client, p50/p99, with 1, 1,000
 * and 5,000 authenticated clients subscribed to one cooperation, and the server's memory per connected client.
 * The clients run in a child process (this file with `--clients`), which also sends the commands over HTTP and times
 * the updates; this process is the server alone, so its memory grows only by what the connections cost it. The
 * measured clients speak the wire protocol themselves (support/lean-live-client.ts); 1,000 socket.io-client ones are
 * measured too, for reference.
 * Run: npm run bench (node --expose-gc dist/bench/live-latency.bench.js; without the flag it exposes gc itself).
 * Targets: p99 ≤ 50 ms at 1,000 clients; ≤ 50 KB per connected client.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { io } from 'socket.io-client';
import { createApp } from '../apps/api/src/app.factory.js';
import { signingSecretOf } from '../apps/api/src/auth/signing-secret.js';
import { mintLocalToken } from '../apps/api/src/auth/tokens.js';
import { loadConfig } from '../apps/api/src/config/env.js';
import type { LiveUpdate, SubscribeAck } from '../apps/api/src/live/client-events.js';
import { CITEES, scenarioA } from '../apps/cli/src/demo/scenarios.js';
import { connectLean } from './support/lean-live-client.js';
import { formatNumber, percentile, report } from './support/report.js';
import { ensureServerNodeFlags } from './support/server-flags.js';

/** Which client library the simulated dashboards run (support/lean-live-client.ts says why the target is judged on `lean`). */
type ClientKind = 'lean' | 'socket.io';
const LEVELS: readonly { readonly clients: number; readonly commands: number; readonly kind: ClientKind }[] = [
  { clients: 1, commands: 100, kind: 'lean' },
  { clients: 1_000, commands: 40, kind: 'lean' },
  { clients: 5_000, commands: 20, kind: 'lean' },
  { clients: 1_000, commands: 40, kind: 'socket.io' },
];
/** Updates sent to each level's freshly connected clients before any is measured (the first ones also time the JIT). */
const WARM_UP_COMMANDS = 5;
const P99_TARGET_MS = 50;
const PER_CLIENT_TARGET_KB = 50;
/** Sockets opening their handshake at once, from the client process. */
const CONNECTING_AT_ONCE = 200;

type ToClients =
  | { readonly cmd: 'connect'; readonly base: string; readonly token: string; readonly clients: number; readonly kind: ClientKind }
  | { readonly cmd: 'measure'; readonly commands: number; readonly run: string }
  | { readonly cmd: 'disconnect' };
type FromClients = { readonly connected: number } | { readonly latencies: number[] } | { readonly disconnected: true } | { readonly error: string };


// ——— the clients (child process) ———

const runClients = (): void => {
  /** How to close each connected client. */
  let sockets: (() => Promise<void>)[] = [];
  let base = '';
  let token = '';
  /** Arrival times of each update, by position. */
  const arrivals = new Map<string, number[]>();
  const reply = (message: FromClients) => process.send!(message);

  const record = (update: LiveUpdate) => {
    const at = performance.now();
    const list = arrivals.get(update.position);
    if (list) list.push(at);
    else arrivals.set(update.position, [at]);
  };

  /** One dashboard: connected, subscribed to the cooperation, recording each update's arrival. */
  const open = async (kind: ClientKind): Promise<() => Promise<void>> => {
    const subscribe = { scope: 'cooperation', cooperationId: CITEES };
    if (kind === 'lean') {
      const client = await connectLean(base, token, (event, payload) => event === 'update' && record(payload as LiveUpdate));
      const ack = (await client.emitWithAck('subscribe', subscribe)) as SubscribeAck;
      if (!ack.ok) throw new Error(`subscribe refused: ${ack.code}`);
      return client.close;
    }
    const socket = io(`${base}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    socket.on('update', record);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (await socket.emitWithAck('subscribe', subscribe)) as SubscribeAck;
    if (!ack.ok) throw new Error(`subscribe refused: ${ack.code}`);
    return () => new Promise<void>((resolve) => (socket.connected ? (socket.once('disconnect', () => resolve()), socket.close()) : resolve()));
  };

  const connect = async (clients: number, kind: ClientKind): Promise<void> => {
    for (let opened = 0; opened < clients; opened += CONNECTING_AT_ONCE) {
      sockets.push(...(await Promise.all(Array.from({ length: Math.min(CONNECTING_AT_ONCE, clients - opened) }, () => open(kind)))));
    }
  };

  const measure = async (commands: number, run: string): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < commands; i++) {
      const sent = performance.now();
      const response = await fetch(`${base}/cooperations/${CITEES}/designate-representative`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ organisationId: 'org:inter-made', personId: `person:bench-${run}-${i}`, personName: 'Camille Martin', title: 'Bénévole', capacities: ['speak'], from: '2025' }),
      });
      const answer = (await response.json()) as { events: { position: string }[] };
      if (!response.ok) throw new Error(`command refused: ${response.status} ${JSON.stringify(answer)}`);
      const position = answer.events[0]!.position;
      const deadline = Date.now() + 30_000;
      while ((arrivals.get(position)?.length ?? 0) < sockets.length) {
        if (Date.now() > deadline) throw new Error(`only ${arrivals.get(position)?.length ?? 0}/${sockets.length} clients got ${position}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      for (const at of arrivals.get(position)!) latencies.push(at - sent);
      arrivals.delete(position);
    }
    return latencies;
  };

  const disconnect = async (): Promise<void> => {
    await Promise.all(sockets.map((close) => close()));
    sockets = [];
    arrivals.clear();
  };

  process.on('message', (message: ToClients) => {
    const done = (work: Promise<FromClients>) => work.then(reply, (error: unknown) => reply({ error: error instanceof Error ? error.stack ?? error.message : String(error) }));
    if (message.cmd === 'connect') {
      ({ base, token } = message);
      void done(connect(message.clients, message.kind).then(() => ({ connected: sockets.length })));
    } else if (message.cmd === 'measure') void done(measure(message.commands, message.run).then((latencies) => ({ latencies })));
    else void done(disconnect().then(() => ({ disconnected: true as const })));
  });
};

// ——— the server (this process) ———

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString('--expose-gc'), runInNewContext('gc') as () => void);

/** Memory once garbage is collected and the heap has settled. */
const settledMemory = async (): Promise<NodeJS.MemoryUsage> => {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage();
};

const ask = (child: ChildProcess, message: ToClients): Promise<FromClients> =>
  new Promise((resolve, reject) => {
    child.once('message', (answer: FromClients) => ('error' in answer ? reject(new Error(`clients: ${answer.error}`)) : resolve(answer)));
    child.send(message);
  });

interface Level {
  readonly kind: ClientKind;
  readonly clients: number;
  /** The last arrival of the first update after the clients connected (a warm-up update, not in p50/p99). */
  readonly firstUpdate: number;
  readonly p50: number;
  readonly p99: number;
  readonly deliveries: number;
  readonly rssPerClientKB: number;
  readonly heapPerClientKB: number;
}

const main = async (): Promise<void> => {
  const flags = ensureServerNodeFlags();
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-live-'));
  const config = loadConfig({ CARNET_DATA_DIR: dir, CARNET_RATE_LIMIT_PER_MINUTE: '0', CARNET_RATE_LIMIT_IP_PER_MINUTE: '0' });
  const app = await createApp(config, { logger: ['error'] });
  const child = fork(fileURLToPath(import.meta.url), ['--clients'], { execArgv: [] });
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const token = await mintLocalToken(signingSecretOf(config), { sub: 'user:bench', role: 'admin' }, '1h');
    for (const step of scenarioA().slice(0, 13)) {
      const response = await fetch(`${base}${step.path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(step.body) });
      if (!response.ok) throw new Error(`${step.path}: ${response.status} ${await response.text()}`);
    }
    // A first round trip warms the routes, the gateway and the fold before anything is measured.
    await ask(child, { cmd: 'connect', base, token, clients: 1, kind: 'lean' });
    await ask(child, { cmd: 'measure', commands: 20, run: 'warm-up' });
    await ask(child, { cmd: 'disconnect' });

    const levels: Level[] = [];
    for (const { clients, commands, kind } of LEVELS) {
      const before = await settledMemory();
      const { connected } = (await ask(child, { cmd: 'connect', base, token, clients, kind })) as { connected: number };
      const after = await settledMemory();
      const run = `${kind}-${clients}`;
      const warmUp = (await ask(child, { cmd: 'measure', commands: WARM_UP_COMMANDS, run: `${run}-warm-up` })) as { latencies: number[] };
      const { latencies } = (await ask(child, { cmd: 'measure', commands, run })) as { latencies: number[] };
      await ask(child, { cmd: 'disconnect' });
      await new Promise((resolve) => setTimeout(resolve, 500)); // the server sees the sockets close
      const level = {
        kind,
        clients: connected,
        firstUpdate: Math.max(...warmUp.latencies.slice(0, connected)),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        deliveries: latencies.length,
        rssPerClientKB: (after.rss - before.rss) / connected / 1024,
        heapPerClientKB: (after.heapUsed + after.external - before.heapUsed - before.external) / connected / 1024,
      };
      levels.push(level);
    }

    const at1000 = levels.find((l) => l.kind === 'lean' && l.clients === 1_000)!;
    const at5000 = levels.find((l) => l.kind === 'lean' && l.clients === 5_000)!;
    const socketIoAt1000 = levels.find((l) => l.kind === 'socket.io')!;
    const perClientKB = Math.max(at1000.rssPerClientKB, at5000.rssPerClientKB);
    const latencyMet = at1000.p99 <= P99_TARGET_MS;
    const memoryMet = perClientKB <= PER_CLIENT_TARGET_KB;
    report({
      name: 'live-latency',
      title: 'Live updates',
      method:
        'Dashboards subscribed to one cooperation (websocket transport, bearer token in the handshake), run in a child process that also sends ' +
        'POST designate-representative over HTTP and times each update from the send to its arrival at every client; the server (this process: SQLite log, ' +
        'projections, gateway, run with the Node flags npm start gives the server: ' + flags.join(' ') + ') hosts nothing else. The target is judged on clients that speak the Engine.IO/Socket.IO wire protocol themselves ' +
        '(bench/support/lean-live-client.ts: same handshake, subscribe with ack, one JSON.parse per update); a level of socket.io-client 4.8 clients is kept ' +
        'for reference. Each level sends ' + WARM_UP_COMMANDS + ' unmeasured updates to its freshly connected clients first; the first one\'s last arrival ' +
        'is reported apart. Memory per client: the server\'s RSS (and V8 heap + external) after forced GC with the clients connected and subscribed, minus ' +
        'the same before they connected, divided by their number; the target is judged on RSS, the larger of the 1,000 and 5,000 figures. Loopback, 2 cores ' +
        'shared by server and clients.',
      figures: levels.flatMap((l) => [
        { label: `${l.clients} ${l.kind} client(s), command → update p50`, value: l.p50, unit: 'ms' },
        { label: `${l.clients} ${l.kind} client(s), command → update p99`, value: l.p99, unit: 'ms' },
        { label: `${l.clients} ${l.kind} client(s), first update after they connected (warm-up, not in p50/p99), last arrival`, value: l.firstUpdate, unit: 'ms' },
        ...(l.kind === 'lean' && l.clients > 1
          ? [
              { label: `${l.clients} clients, server RSS per client`, value: l.rssPerClientKB, unit: 'KB' },
              { label: `${l.clients} clients, server heap + external per client`, value: l.heapPerClientKB, unit: 'KB' },
            ]
          : []),
      ]),
      ratios: [
        { label: 'p99 at 1,000 clients (ms)', value: at1000.p99, target: `≤ ${P99_TARGET_MS} ms`, met: latencyMet },
        { label: 'server memory per connected client (KB, RSS)', value: perClientKB, target: `≤ ${PER_CLIENT_TARGET_KB} KB`, met: memoryMet },
        { label: 'p99 at 1,000 clients / p99 at 1 client', value: at1000.p99 / levels[0]!.p99 },
        { label: 'p99 at 1,000 socket.io-client clients in one process (ms)', value: socketIoAt1000.p99 },
      ],
      notes: [
        'Before (2026-12-07, this machine, the bench as it was: socket.io-client in the child process, no warm-up at 1,000 and 5,000 clients): p99 at ' +
          '1,000 clients 57.0, 64.7 and 79.7 ms over three runs (58.8 ms in the full run of 2026-12-06/07), target missed. Timed per update at 1,000 ' +
          'clients (server: the gateway\'s broadcast; client: first and last arrival): the server wrote the 1,000 frames in ≈ 13 ms (32 ms for the first two ' +
          'updates), while the client process took 25–27 ms from the first arrival to the last — its socket.io-client decoding ≈ 30 µs per message ' +
          '(profile of that process over the 1,000-client level: JSON.parse in socket.io-parser 10 %, component-emitter 7 %, engine.io-client and ws the ' +
          'rest, idle 46 %). So the bench timed its own decoding queue: a thousand dashboards would each decode one message in their own browser. And the ' +
          'first three updates after the clients connected (last arrivals 52–62 ms: both processes compiling the per-socket paths) made the p99 on their own ' +
          '(40 updates × 1,000 deliveries: the p99 is the slowest 400).',
        'Fix (the bench, not the server): the measured clients speak the protocol themselves, and each level sends ' + WARM_UP_COMMANDS + ' unmeasured ' +
          'updates first. The first update after connecting is still reported, and socket.io-client is still measured at 1,000 clients (the last level, ' +
          'the server warm by then). Tried and not kept: the clients split over two processes (three busy processes on two cores: last arrivals 37–50 ms, ' +
          'worse).',
        'At 5,000 clients one client process reads every update 5,000 times on one core: the p99 there measures that process as much as the server.',
      ],
      headline: `live: p99 ${formatNumber(at1000.p99)} ms at 1,000 clients (target ≤ ${P99_TARGET_MS} ms: ${latencyMet ? 'met' : 'MISSED'}), ${formatNumber(at5000.p99)} ms at 5,000; ${formatNumber(perClientKB)} KB per client (target ≤ ${PER_CLIENT_TARGET_KB} KB: ${memoryMet ? 'met' : 'MISSED'})`,
    });
  } finally {
    child.kill();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv.includes('--clients')) runClients();
else await main();
