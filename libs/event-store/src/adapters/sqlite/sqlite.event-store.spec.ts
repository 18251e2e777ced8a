import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { describeEventStoreContract } from '../../contract/event-store.contract.js';
import { SqliteEventStore } from './sqlite.event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeEventStoreContract('sqlite', (options) => SqliteEventStore.open(join(dir, `store-${files++}.sqlite`), options), {
  consecutivePositions: true,
});

describe('SqliteEventStore on disk', () => {
  it('keeps the log across reopening, in WAL mode', async () => {
    const path = join(dir, 'durable.sqlite');
    const first = SqliteEventStore.open(path);
    expect(first.database.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.append('cooperation-x', [{ eventId: '00000000-0000-4000-8000-00000000aaaa', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    await first.close();
    const reopened = SqliteEventStore.open(path);
    expect(await reopened.readStream('cooperation-x')).toHaveLength(1);
    await reopened.close();
  });

  it('sees appends made by another connection to the same file (two processes, one store)', async () => {
    const path = join(dir, 'shared.sqlite');
    const writer = SqliteEventStore.open(path);
    const reader = SqliteEventStore.open(path, { pollIntervalMs: 20 });
    const seen: string[] = [];
    const subscription = reader.subscribeToAll({ onEvent: (e) => void seen.push(e.eventId) });
    await writer.append('cooperation-y', [{ eventId: '00000000-0000-4000-8000-00000000bbbb', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { userId: 'u' }, recordedAt: 'r', correlationId: 'c', causationId: 'c', commandId: 'c' } }], { expectedRevision: 'noStream' });
    const deadline = Date.now() + 3000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['00000000-0000-4000-8000-00000000bbbb']);
    await subscription.close();
    await reader.close();
    await writer.close();
  });
});
