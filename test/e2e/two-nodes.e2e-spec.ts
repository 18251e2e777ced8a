import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { SIGNING_SECRET_FILE } from '../../apps/api/src/auth/signing-secret.js';
import { mintLocalToken } from '../../apps/api/src/auth/tokens.js';
import { ADMIN } from '../support/carnet-app.js';
import type { LiveUpdate, SubscribeAck } from '../../apps/api/src/live/client-events.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

const until = async <T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 4_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

interface Node {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
}

/** Scale-out without EventStoreDB: two API processes on one SQLite log (WAL), each projecting it into its own read models. */
describe('two API nodes on one log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-two-nodes-'));
  const nodes: Node[] = [];
  const sockets: Socket[] = [];

  const startNode = async (name: string): Promise<Node> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      env: { ...process.env, PORT: String(port), CARNET_DATA_DIR: dataDir, CARNET_NODE_NAME: name },
      stdio: 'ignore',
    });
    const node = { name, url: `http://127.0.0.1:${port}`, process: child };
    nodes.push(node);
    await until(async () => (await fetch(`${node.url}/health`)).ok || undefined, `${name} to serve /health`, 30_000);
    return node;
  };
  const post = async (node: Node, path: string, body: object) => {
    const response = await fetch(`${node.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { events: { position: string }[] };
    if (!response.ok) throw new Error(`${node.name} ${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  let first: Node;
  let second: Node;
  let token: string;
  beforeAll(async () => {
    [first, second] = await Promise.all([startNode('node-1'), startNode('node-2')]);
    // Started together without CARNET_JWT_SECRET, the nodes share the one secret the first generated.
    token = await mintLocalToken(new TextEncoder().encode(readFileSync(join(dataDir, SIGNING_SECRET_FILE), 'utf8').trim()), ADMIN);
  }, 60_000);
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all(
      nodes.map(async ({ process: child }) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('each node keeps its own read models beside the shared log', () => {
    expect(existsSync(join(dataDir, 'carnet.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'read-models-node-1.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'read-models-node-2.sqlite'))).toBe(true);
  });

  it('a decision on node 2 sees the registries written through node 1', async () => {
    const [registrations, proposal] = [scenarioA().slice(0, 7), scenarioA()[7]!];
    for (const step of registrations) await post(first, step.path, step.body);
    // The proposal names the programme and organisations node 1 registered: node 2's directory must know them.
    const proposed = await post(second, proposal.path, proposal.body);
    expect(proposed.events).toHaveLength(1);
  });

  it('a command sent to node 1 reaches a socket.io client of node 2, with the same position', async () => {
    const socket = io(`${second.url}/live`, { transports: ['websocket'], forceNew: true, auth: { token } });
    sockets.push(socket);
    const updates: LiveUpdate[] = [];
    socket.on('update', (update: LiveUpdate) => updates.push(update));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const ack = (await socket.emitWithAck('subscribe', { scope: 'cooperation', cooperationId: CITEES })) as SubscribeAck;
    expect(ack).toMatchObject({ ok: true });

    const admitted = await post(first, `/cooperations/${CITEES}/admit-member`, scenarioA()[8]!.body);
    const update = await until(() => updates.find((u) => u.position === admitted.events[0]!.position), 'the update on node 2');
    expect(update).toMatchObject({ cooperationId: CITEES, summary: { membersCount: 1 } });
  });

  it('both nodes answer queries from their own read models with the same data', async () => {
    const listOf = async (node: Node) =>
      ((await (await fetch(`${node.url}/cooperations`, { headers: { authorization: `Bearer ${token}` } })).json()) as { cooperations: { cooperationId: string; membersCount: number }[] }).cooperations;
    for (const node of [first, second]) {
      const list = await until(async () => {
        const cooperations = await listOf(node);
        return cooperations.find((c) => c.cooperationId === CITEES && c.membersCount === 1) ? cooperations : undefined;
      }, `${node.name}'s cooperation list`);
      expect(list.map((c) => c.cooperationId)).toEqual([CITEES]);
    }
  });
});
