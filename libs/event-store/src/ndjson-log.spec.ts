import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import { SqliteEventStore } from './adapters/sqlite/sqlite.event-store.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import type { EventStore } from './event-store.port.js';
import { GENESIS_TIP, sealEvents } from './integrity/hash-chain.js';
import { verifyStore } from './integrity/verify-store.js';
import { exportLine, exportLog, ImportInterrupted, ImportRefused, ImportTargetNotEmpty, importLog, parseExportLine, type ExportFilter } from './ndjson-log.js';

const event = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'MemberAdmitted',
  schemaVersion: 1,
  data: { organisationId: `org:${n}`, name: 'Habitant·e·s — l’atelier 🌱\nligne 2', ...extra },
  metadata: {
    actor: { userId: 'local', capacity: 'operator' },
    recordedAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
    correlationId: `correlation-${n}`,
    causationId: `command-${n}`,
    commandId: `command-${n}`,
  },
});

/** Three streams written interleaved, one of them recorded before the hash chain: 18 events, record times 01…18 s. */
const sourceLog = async (): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  let n = 0;
  for (let round = 0; round < 3; round++) {
    await store.append('organisation-a', [event(++n), event(++n)], { expectedRevision: 'any' });
    await store.append('cooperation-coop:b', [event(++n), event(++n)], { expectedRevision: 'any' });
    // No hash, kept as is: a log recorded before the chain existed.
    await store.append('cooperation-coop:legacy', [event(++n), event(++n)], { expectedRevision: 'any', preserveHashes: true });
  }
  return store;
};

const exported = async (store: EventStore, filter: ExportFilter = {}, batchSize = 4): Promise<string> => {
  let text = '';
  for await (const chunk of exportLog(store, filter, batchSize)) text += chunk;
  return text;
};

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
}

const importText = (target: EventStore, text: string) => importLog(target, () => linesOf(text));

const refusalOf = async (promise: Promise<unknown>): Promise<ImportRefused['refusal']> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportRefused);
  return (error as ImportRefused).refusal;
};

describe('NDJSON export: one stored envelope per line', () => {
  it('writes canonical JSON (keys sorted at every depth) with the hashes and without the position, one line per event', async () => {
    const store = await sourceLog();
    const [first] = await store.readAll({ maxCount: 1 });
    const line = exportLine(first!);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n'); // the newline inside `name` is escaped
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['data', 'eventId', 'metadata', 'revision', 'schemaVersion', 'streamId', 'type']);
    expect(Object.keys(parsed.metadata as object)).toEqual([...Object.keys(first!.metadata)].sort());
    expect(parsed.metadata).toMatchObject({ previousHash: '0'.repeat(64), hash: first!.metadata.hash });
    expect(line).toContain('Habitant·e·s — l’atelier 🌱');
    const reordered = { ...first!, data: Object.fromEntries(Object.entries(first!.data).reverse()), metadata: Object.fromEntries(Object.entries(first!.metadata).reverse()) };
    expect(exportLine(reordered as RecordedEvent)).toBe(line);
  });

  it('streams the log in global order, page by page, whatever the page size', async () => {
    const store = await sourceLog();
    const chunks: string[] = [];
    for await (const chunk of exportLog(store, {}, 4)) chunks.push(chunk);
    expect(chunks).toHaveLength(5); // 18 events, 4 a page
    expect(chunks.join('')).toBe((await store.readAll()).map(exportLine).join(''));
    expect(await exported(store, {}, 1000)).toBe(chunks.join(''));
  });

  it('keeps one whole stream, or the events recorded within a window (both ends inclusive)', async () => {
    const store = await sourceLog();
    const stream = (await exported(store, { streamId: 'cooperation-coop:b' })).split('\n').slice(0, -1).map((l) => JSON.parse(l) as { streamId: string; revision: number });
    expect(stream.map((e) => `${e.streamId}@${e.revision}`)).toEqual([0, 1, 2, 3, 4, 5].map((r) => `cooperation-coop:b@${r}`));
    const window = (await exported(store, { from: '2026-01-01T00:00:05.000Z', to: '2026-01-01T00:00:08.000Z' })).split('\n').slice(0, -1);
    expect(window.map((l) => (JSON.parse(l) as { metadata: { recordedAt: string } }).metadata.recordedAt.slice(17, 19))).toEqual(['05', '06', '07', '08']);
    expect(await exported(store, { streamId: 'cooperation-coop:unknown' })).toBe('');
  });
});

describe('NDJSON import: into an empty store, all or nothing', () => {
  it.each([
    ['in-memory', () => new InMemoryEventStore()],
    ['sqlite', () => SqliteEventStore.open(':memory:')],
  ])('export → import (%s) → export gives the same bytes, and the chain verifies', async (_name, open) => {
    const source = await sourceLog();
    const text = await exported(source);
    const target = open();
    const progress: string[] = [];
    const result = await importLog(target, () => linesOf(text), { onProgress: (p) => progress.push(`${p.phase}:${p.done}`) });
    expect(result).toEqual({ events: 18, streams: 3, unchainedEvents: 6 });
    expect(progress).toEqual(['check:18', 'append:18']);
    expect(await exported(target)).toBe(text);
    expect(await verifyStore(target)).toMatchObject({ ok: true, eventsChecked: 18, unchainedEvents: 6 });
  });

  it('refuses a file with one byte changed, naming its line, stream, revision, expected and found hashes; writes nothing', async () => {
    const text = await exported(await sourceLog());
    const lines = text.split('\n');
    const target = lines.findIndex((l) => l.includes('"org:9"')); // cooperation-coop:b@2, a chained event
    lines[target] = lines[target]!.replace('org:9', 'org:8');
    const store = new InMemoryEventStore();
    const refusal = await refusalOf(importText(store, lines.join('\n')));
    expect(refusal).toMatchObject({ line: target + 1, reason: 'hashMismatch', streamId: 'cooperation-coop:b', revision: 2, found: JSON.parse(text.split('\n')[target]!).metadata.hash });
    expect(refusal.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(refusal.expected).not.toBe(refusal.found);
    expect(await store.readAll()).toEqual([]);
  });

  it('refuses a removed line (revision gap) and a partial log whose stream does not start at revision 0', async () => {
    const lines = (await exported(await sourceLog())).split('\n');
    const gap = lines.filter((_l, i) => i !== 6); // organisation-a@2 removed: its @3 comes next
    expect(await refusalOf(importText(new InMemoryEventStore(), gap.join('\n')))).toMatchObject({
      line: 7, reason: 'revisionGap', streamId: 'organisation-a', revision: 3, expected: 'revision 2', found: 'revision 3',
    });
    const partial = await exported(await sourceLog(), { from: '2026-01-01T00:00:08.000Z' });
    expect(await refusalOf(importText(new InMemoryEventStore(), partial))).toMatchObject({ line: 1, reason: 'streamNotFromStart', streamId: 'organisation-a', revision: 3, expected: 'revision 0', found: 'revision 3' });
  });

  it('refuses lines that are not exported envelopes: not JSON, empty, a field added or missing', async () => {
    const [first, second] = (await exported(await sourceLog())).split('\n');
    const withPosition = JSON.stringify({ ...JSON.parse(first!), position: '1' });
    const { eventId: _dropped, ...withoutId } = JSON.parse(second!) as Record<string, unknown>;
    for (const [text, line] of [[`${first}\n{oops`, 2], [`${first}\n\n${second}`, 2], [withPosition, 1], [`${first}\n${JSON.stringify(withoutId)}`, 2]] as const) {
      expect(await refusalOf(importText(new InMemoryEventStore(), text))).toMatchObject({ line, reason: 'malformedLine' });
    }
    expect(() => parseExportLine('{"data":{},"eventId":"e","metadata":{"recordedAt":"x"},"revision":-1,"schemaVersion":1,"streamId":"s","type":"T"}', 3)).toThrow(
      /line 3: malformedLine.*found revision -1/,
    );
  });

  it('refuses an event id that comes twice, even in two streams that each chain', async () => {
    const text = ['stream-a', 'stream-b'].map((streamId) => exportLine({ ...sealEvents(streamId, GENESIS_TIP, 0, [event(1)])[0]!, streamId, revision: 0 })).join('');
    expect(await refusalOf(importText(new InMemoryEventStore(), text))).toMatchObject({ line: 2, reason: 'duplicateEventId', streamId: 'stream-b', found: `${event(1).eventId} (line 1)` });
  });

  it('refuses a target that already holds events, and adds nothing to it', async () => {
    const text = await exported(await sourceLog());
    const target = new InMemoryEventStore();
    await target.append('organisation-z', [event(40)], { expectedRevision: 'noStream' });
    await expect(importText(target, text)).rejects.toBeInstanceOf(ImportTargetNotEmpty);
    expect(await target.readAll()).toHaveLength(1);
  });

  it('says how far it got when the store itself fails mid-way', async () => {
    const text = await exported(await sourceLog());
    const target = new InMemoryEventStore();
    const append = target.append.bind(target);
    let appends = 0;
    target.append = async (...args) => (++appends === 3 ? Promise.reject(new Error('disk full')) : append(...args));
    const error = await importText(target, text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    expect(error).toMatchObject({ imported: 4, message: expect.stringContaining('disk full') });
  });

  it('fails, saying so, when the second reading gives fewer lines than the first checked (a pipe, a file cut meanwhile)', async () => {
    const text = await exported(await sourceLog());
    const readings = [text, text.split('\n').slice(0, 6).join('\n')];
    const error = await importLog(new InMemoryEventStore(), () => linesOf(readings.shift()!)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    expect(error).toMatchObject({ imported: 6, message: expect.stringContaining('18 events were checked, but 6 read again and written: the file changed during the import') });
  });
});
