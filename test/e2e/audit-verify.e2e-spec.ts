import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { chainHash } from '#event-store';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);
const STREAM = `cooperation-${CITEES}`;

/** `carnet audit verify` from the installed bin, as an auditor runs it: exit code and output. */
const auditVerify = async (dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string }> =>
  exec(process.execPath, ['bin/carnet.js', 'audit', 'verify', '--data-dir', dataDir, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('audit: the hash chain proves the log untouched, and names the one event edited behind its back', () => {
  let carnet: TestCarnet;
  let dataDir: string;
  beforeAll(async () => {
    carnet = await startCarnet();
    dataDir = dirname(carnet.store.database.name);
    await runSteps(carnet, scenarioA());
  }, 60_000);
  afterAll(async () => carnet.close());

  it('scenario A as recorded verifies: every event of every stream, through the route and the CLI', async () => {
    const total = await carnet.eventCount();
    const report = await carnet.http().get('/audit/verify').expect(200);
    expect(report.body).toEqual({ ok: true, eventsChecked: total, streamsChecked: expect.any(Number), unchainedEvents: 0 });
    expect(report.body.streamsChecked).toBeGreaterThanOrEqual(8); // 5 organisations, a territory, a programme, the cooperation

    const cli = await auditVerify(dataDir);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Chaîne intacte / hash chain intact');
    expect(cli.stdout).toContain(`${total.toLocaleString('fr-FR')} événements vérifiés`);
  });

  it('a stream without events is named as such, never reported intact: 404 from the route, exit 2 from the CLI', async () => {
    const route = await carnet.http().get('/audit/verify').query({ streamId: 'cooperation-coop:nowhere' }).expect(404);
    expect(route.body).toMatchObject({ code: 'CooperationNotFound', params: { cooperationId: 'coop:nowhere' } });
    const cli = await auditVerify(dataDir, '--stream', 'cooperation-coop:nowhere');
    expect(cli.code).toBe(2);
    expect(cli.stdout).not.toContain('Chaîne intacte');
  });

  it('a record time copied for folds and edited in the SQLite file: verify names the event though every hash holds', async () => {
    const db = new Database(carnet.store.database.name);
    db.pragma('busy_timeout = 5000');
    const row = db.prepare<[string], { position: number; event_id: string; revision: number; recorded_at: string }>(
      'SELECT position, event_id, revision, recorded_at FROM events WHERE stream_id = ? ORDER BY revision LIMIT 1 OFFSET 2',
    ).get(STREAM)!;
    // Backdated by a year: a state "as of" a date would take the event as known then, while its hashed metadata says otherwise.
    const backdated = `${Number(row.recorded_at.slice(0, 4)) - 1}${row.recorded_at.slice(4)}`;
    db.prepare('UPDATE events SET recorded_at = ? WHERE position = ?').run(backdated, row.position);
    try {
      const expectedBreak = { streamId: STREAM, revision: row.revision, eventId: row.event_id, position: String(row.position), reason: 'copyMismatch', field: 'recordedAt', expected: row.recorded_at, found: backdated };
      expect((await carnet.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: false, firstBreak: expectedBreak });
      expect((await carnet.http().get('/audit/verify').query({ streamId: STREAM }).expect(200)).body).toMatchObject({ ok: false, firstBreak: expectedBreak });
      const cli = await auditVerify(dataDir);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('COPIE ALTÉRÉE / ALTERED COPY');
      expect(cli.stdout).not.toContain('HASH CHAIN BROKEN');
      expect(cli.stdout).toContain('copyMismatch');
      expect(cli.stdout).toContain('champ / field recordedAt');
      expect(cli.stdout).toContain(`Trouvé / found     : ${backdated}`);
    } finally {
      db.prepare('UPDATE events SET recorded_at = ? WHERE position = ?').run(row.recorded_at, row.position);
      db.close();
    }
    expect((await carnet.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  it('one byte of one stored event changed in the SQLite file: verify fails naming that event, expected vs found', async () => {
    const db = new Database(carnet.store.database.name);
    db.pragma('busy_timeout = 5000');
    const row = db
      .prepare<[string], { position: number; event_id: string; revision: number; data: string; metadata: string }>(
        `SELECT position, event_id, revision, data, metadata FROM events WHERE stream_id = ? AND data LIKE '%Naissance du consortium%' ORDER BY revision LIMIT 1`,
      )
      .get(STREAM)!;
    // Personal values are stored encrypted (GDPR); the launch label is clear text.
    const edited = row.data.replace('Naissance du consortium', 'Naissance du consortiun');
    const before = Buffer.from(row.data);
    const after = Buffer.from(edited);
    expect(after.length).toBe(before.length);
    expect(before.filter((byte, i) => byte !== after[i]).length).toBe(1); // exactly one byte
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, row.position);
    db.close();

    const storedHash = (JSON.parse(row.metadata) as { hash: string }).hash;
    const [tampered] = await carnet.store.readStream(STREAM, { fromRevision: row.revision, maxCount: 1 });
    const recomputed = chainHash(tampered!);
    expect(recomputed).not.toBe(storedHash);
    const expectedBreak = { streamId: STREAM, revision: row.revision, eventId: row.event_id, position: String(row.position), reason: 'hashMismatch', expected: recomputed, found: storedHash };

    const report = await carnet.http().get('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: false, firstBreak: expectedBreak });
    const alone = await carnet.http().get('/audit/verify').query({ streamId: STREAM }).expect(200);
    expect(alone.body).toMatchObject({ ok: false, eventsChecked: row.revision + 1, streamsChecked: 1, firstBreak: expectedBreak });
    const untouched = await carnet.http().get('/audit/verify').query({ streamId: 'organisation-org:inter-made' }).expect(200);
    expect(untouched.body).toMatchObject({ ok: true, streamsChecked: 1 });

    const cli = await auditVerify(dataDir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('CHAÎNE ROMPUE / HASH CHAIN BROKEN');
    expect(cli.stdout).toContain(`Flux / stream      : ${STREAM}`);
    expect(cli.stdout).toContain(`Révision           : ${row.revision}\n`);
    expect(cli.stdout).toContain(`Événement / event  : ${row.event_id} (position ${row.position})`);
    expect(cli.stdout).toContain(`Attendu / expected : ${recomputed}`);
    expect(cli.stdout).toContain(`Trouvé / found     : ${storedHash}`);
    expect(cli.stdout).toContain('hashMismatch');
    expect((await auditVerify(dataDir, '--stream', 'organisation-org:inter-made')).code).toBe(0);
  });

  it('an empty streamId is refused as a problem', async () => {
    const response = await carnet.http().get('/audit/verify?streamId=').expect(400);
    expect(response.body).toMatchObject({ code: 'ValidationFailed' });
  });
});
