import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EXPORTS_STREAM } from '#domain';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { BAFAPATABOR, CITEES, scenarioA, scenarioB } from '../../apps/cli/src/demo/scenarios.js';
import { main } from '../../apps/cli/src/main.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'carnet-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `carnet …` from the installed bin, stdout kept as bytes. */
const carnet = async (...args: string[]): Promise<{ code: number; stdout: Buffer; text: string }> => {
  const done = (code: number, stdout: Buffer) => ({ code, stdout, text: stdout.toString('utf8') });
  return exec(process.execPath, ['bin/carnet.js', ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }).then(
    ({ stdout }) => done(0, stdout),
    (error: { code: number; stdout: Buffer }) => done(error.code, error.stdout),
  );
};

const eventsIn = async (dataDir: string): Promise<number> => {
  const store = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
  try {
    return (await store.readAll()).length;
  } finally {
    await store.close();
  }
};

const linesOf = (bytes: Buffer): RecordedEvent[] =>
  bytes
    .toString('utf8')
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as RecordedEvent);

const freshDir = (name: string): string => join(work, name);
/** Each `carnet` run starts a Node process (about a second). */
const CLI_TIMEOUT = 60_000;

describe('export / import: the log as NDJSON, byte for byte, refused when altered', () => {
  let app: TestCarnet;
  let dataDir: string;
  /** A record time between the first steps of scenario A and the rest. */
  let cut: string;
  let eventsBeforeCut: number;

  /** GET /events/export as raw bytes. */
  const httpExport = async (query: Record<string, string> = {}): Promise<{ status: number; type: string; bytes: Buffer }> => {
    const response = await app
      .http()
      .get('/events/export')
      .query(query)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    return { status: response.status, type: String(response.headers['content-type']), bytes: response.body as Buffer };
  };

  beforeAll(async () => {
    app = await startCarnet();
    dataDir = dirname(app.store.database.name);
    const stepsA = scenarioA();
    const split = stepsA.findIndex((step) => step.path === `/cooperations/${CITEES}/admit-member`) + 2;
    await runSteps(app, stepsA.slice(0, split));
    eventsBeforeCut = await app.eventCount();
    await sleep(5);
    cut = new Date().toISOString();
    await sleep(5);
    await runSteps(app, [...stepsA.slice(split), ...scenarioB()]);
  }, 120_000);
  afterAll(async () => app.close());

  it('GET /events/export is the export route, not the event-by-id route asked for an event "export"', async () => {
    const whole = await httpExport();
    expect(whole.status).toBe(200);
    expect(whole.type).toMatch(/^application\/x-ndjson/);
    const events = linesOf(whole.bytes);
    expect(events).toHaveLength(await app.eventCount());
    // One stored envelope per line, hashes included, store position left out.
    expect(Object.keys(events[0]!)).toEqual(['data', 'eventId', 'metadata', 'revision', 'schemaVersion', 'streamId', 'type']);
    expect(events[0]!.metadata).toMatchObject({ previousHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(events.map((e) => e.eventId)).toEqual((await app.store.readAll()).map((e) => e.eventId)); // global order
    // The event-by-id route still answers ids; it answers `export` nowhere.
    await app.http().get('/events/not-an-event').expect(404).expect((r) => expect(r.body.code).toBe('EventNotFound'));

    const { body: openapi } = await app.http().get('/docs-json').expect(200);
    const documented = openapi.paths['/events/export'].get;
    expect(Object.keys(documented.responses['200'].content)).toEqual(['application/x-ndjson']);
    expect(documented.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cooperationId', 'from', 'to']);
  });

  it('the route and `carnet export` give the same bytes: whole log, one cooperation, a record-time window', async () => {
    for (const [query, args] of [
      [{}, []],
      [{ cooperationId: BAFAPATABOR }, ['--cooperation', BAFAPATABOR]],
      [{ from: cut }, ['--from', cut]],
      [{ to: cut, cooperationId: CITEES }, ['--to', cut, '--cooperation', CITEES]],
    ] as const) {
      const http = await httpExport(query);
      const cli = await carnet('export', '--data-dir', dataDir, ...args);
      expect(cli.code).toBe(0);
      expect(cli.stdout.length).toBeGreaterThan(0);
      expect(cli.stdout.equals(http.bytes)).toBe(true);
    }
  }, CLI_TIMEOUT);

  it('export → import into an empty data dir → export is byte-identical, and `carnet audit verify` passes on the copy', async () => {
    const original = join(work, 'original.ndjson');
    const copy = freshDir('copy');
    expect((await carnet('export', '--data-dir', dataDir, '--out', original)).code).toBe(0);
    const total = await app.eventCount();
    const imported = await carnet('import', original, '--data-dir', copy);
    expect(imported.code).toBe(0);
    expect(imported.text).toContain(`Importés : ${total.toLocaleString('fr-FR')} événements`);
    expect(await eventsIn(copy)).toBe(total);

    const again = join(work, 'again.ndjson');
    expect((await carnet('export', '--data-dir', copy, '--out', again)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(original))).toBe(true);
    const audit = await carnet('audit', 'verify', '--data-dir', copy);
    expect(audit.code).toBe(0);
    expect(audit.text).toContain('Chaîne intacte / hash chain intact');

    // The copy is not empty any more: a second import is refused and adds nothing.
    const twice = await carnet('import', original, '--data-dir', copy);
    expect(twice.code).not.toBe(0);
    expect(twice.text).toContain('IMPORT REFUSÉ / IMPORT REFUSED — le journal cible n’est pas vide');
    expect(await eventsIn(copy)).toBe(total);
  }, CLI_TIMEOUT);

  it('one byte changed in one line: the import is refused naming that line, stream, revision, expected vs found, and the target stays empty', async () => {
    const lines = (await httpExport()).bytes.toString('utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"launchLabel":"Naissance du consortium CITÉES"'));
    const event = JSON.parse(lines[index]!) as RecordedEvent;
    const edited = lines[index]!.replace('Naissance du consortium', 'Naissance du consortiun');
    expect(Buffer.from(edited).filter((byte, i) => byte !== Buffer.from(lines[index]!)[i]).length).toBe(1);
    lines[index] = edited;
    const tampered = join(work, 'tampered.ndjson');
    writeFileSync(tampered, lines.join('\n'));

    const target = freshDir('tampered-target');
    const refused = await carnet('import', tampered, '--data-dir', target);
    expect(refused.code).not.toBe(0);
    expect(refused.text).toContain(`IMPORT REFUSÉ / IMPORT REFUSED — ligne ${index + 1} (line ${index + 1})`);
    expect(refused.text).toContain(`Flux / stream      : cooperation-${CITEES}`);
    expect(refused.text).toContain(`Révision           : ${event.revision}\n`);
    expect(refused.text).toContain(`Événement / event  : ${event.eventId}`);
    expect(refused.text).toContain('hashMismatch');
    expect(refused.text).toMatch(/Attendu \/ expected : [0-9a-f]{64}\n/);
    expect(refused.text).toContain(`Trouvé / found     : ${event.metadata.hash}`);
    expect(await eventsIn(target)).toBe(0);
  }, CLI_TIMEOUT);

  it('the cooperation filter keeps that cooperation’s whole stream, which imports alone', async () => {
    const { bytes } = await httpExport({ cooperationId: BAFAPATABOR });
    const events = linesOf(bytes);
    const stream = await app.store.readStream(`cooperation-${BAFAPATABOR}`);
    expect(events.map((e) => `${e.streamId}@${e.revision}`)).toEqual(stream.map((e) => `cooperation-${BAFAPATABOR}@${e.revision}`));
    expect(events[0]!.revision).toBe(0);

    const file = join(work, 'bafapatabor.ndjson');
    writeFileSync(file, bytes);
    const target = freshDir('bafapatabor');
    expect((await carnet('import', file, '--data-dir', target)).code).toBe(0);
    expect(await eventsIn(target)).toBe(stream.length);
    expect((await carnet('audit', 'verify', '--data-dir', target)).code).toBe(0);
    await app.http().get('/events/export').query({ cooperationId: 'coop:inconnue' }).expect(404).expect((r) => expect(r.body.code).toBe('CooperationNotFound'));
  }, CLI_TIMEOUT);

  it('the date filter keeps the events recorded in the window; a window that cuts streams is a partial log that import refuses', async () => {
    const whole = (await httpExport()).bytes;
    const before = (await httpExport({ to: cut })).bytes;
    const after = (await httpExport({ from: cut })).bytes;
    expect(linesOf(before)).toHaveLength(eventsBeforeCut);
    expect(linesOf(before).every((e) => e.metadata.recordedAt <= cut)).toBe(true);
    expect(linesOf(after).every((e) => e.metadata.recordedAt >= cut)).toBe(true);
    // Each export records itself (DataExported, in the audit-exports stream) before it reads: the log less that trail is the same.
    const logOf = (bytes: Buffer) => linesOf(bytes).filter((e) => e.streamId !== EXPORTS_STREAM);
    expect([...logOf(before), ...logOf(after)]).toEqual(logOf(whole));
    const trail = linesOf(after).filter((e) => e.streamId === EXPORTS_STREAM);
    expect(trail.length).toBeGreaterThanOrEqual(3);
    expect(new Set(trail.map((e) => e.type))).toEqual(new Set(['DataExported']));
    // A bare day: `from` its start, `to` its end (UTC).
    const today = new Date().toISOString().slice(0, 10);
    expect(logOf((await httpExport({ from: today, to: today })).bytes)).toEqual(logOf(whole));
    await app.http().get('/events/export').query({ from: 'hier' }).expect(400).expect((r) => expect(r.body.code).toBe('ValidationFailed'));

    const partial = join(work, 'partial.ndjson');
    writeFileSync(partial, after);
    const first = linesOf(after)[0]!;
    expect(first.revision).toBeGreaterThan(0);
    const target = freshDir('partial');
    const refused = await carnet('import', partial, '--data-dir', target);
    expect(refused.code).not.toBe(0);
    expect(refused.text).toContain('ligne 1 (line 1)');
    expect(refused.text).toContain('streamNotFromStart');
    expect(refused.text).toContain(`Flux / stream      : ${first.streamId}`);
    expect(refused.text).toContain(`Trouvé / found     : revision ${first.revision}`);
    expect(await eventsIn(target)).toBe(0);
  }, CLI_TIMEOUT);

  it('a pipe is refused (exit 2) rather than read twice into an empty success; a file that changes during the import fails (exit 1)', async () => {
    const { bytes } = await httpExport();
    const whole = join(work, 'piped.ndjson');
    writeFileSync(whole, bytes);
    const piped = freshDir('piped');
    const failure = await exec('sh', ['-c', 'cat "$1" | "$2" bin/carnet.js import /dev/stdin --data-dir "$3"', 'sh', whole, process.execPath, piped]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('carnet: /dev/stdin n’est pas un fichier ordinaire (not a regular file)');
    expect(existsSync(piped)).toBe(false);

    // Cut to its first half once counted: what is checked and written is no longer what was counted.
    const changing = join(work, 'changing.ndjson');
    writeFileSync(changing, bytes);
    const lines = bytes.toString('utf8').split('\n').slice(0, -1);
    const half = Math.floor(lines.length / 2);
    const said: string[] = [];
    const code = await main(['import', changing, '--data-dir', freshDir('changing')], (line) => {
      said.push(line);
      if (line.startsWith('Import : ')) writeFileSync(changing, `${lines.slice(0, half).join('\n')}\n`);
    });
    expect(code).toBe(1);
    expect(said).toContain(`IMPORT INCOMPLET / IMPORT INCOMPLETE — ${lines.length.toLocaleString('fr-FR')} lignes comptées, ${half.toLocaleString('fr-FR')} événements importés : le fichier a changé pendant l’import.`);
  }, CLI_TIMEOUT);
});
