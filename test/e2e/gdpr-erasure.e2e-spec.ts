import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { SqlitePersonKeys } from '#event-store';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);
const MARIANNE = 'person:marianne-morini';
const NAME = 'Marianne Morini';
const TITLE = 'Responsable du développement';
const ERASED = '[donnée effacée]';
const CLI_TIMEOUT = 60_000;

/** `carnet …` from the installed bin: exit code and output. */
const carnetCli = async (...args: string[]): Promise<{ code: number; stdout: string }> => carnetCliWith(process.env, ...args);
const carnetCliWith = async (env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string }> =>
  exec(process.execPath, ['bin/carnet.js', ...args], { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('GDPR erasure: a person’s data encrypted at rest, erased by deleting their key, the log still verifying', () => {
  let carnet: TestCarnet;
  let dataDir: string;
  let designationId: string;

  /** Every read the API offers on scenario A, as text: the name must be in none of them once erased. */
  const responses = async (): Promise<Record<string, string>> => {
    const routes = [
      `/cooperations/${CITEES}`,
      `/cooperations/${CITEES}/timeline?lang=fr`,
      `/cooperations/${CITEES}/timeline?lang=en`,
      `/cooperations/${CITEES}/decisions`,
      `/cooperations/${CITEES}/events?limit=1000`,
      `/cooperations/${CITEES}/diff?from=2000-01-01`,
      `/cooperations/${CITEES}/alerts`,
      `/cooperations/${CITEES}/commitments`,
      `/cooperations/${CITEES}/actions`,
      `/cooperations`,
      `/events?limit=1000`,
      `/events/${designationId}`,
      `/events/export`,
      `/dashboard`,
      `/dashboard?lang=en`,
    ];
    const bodies: Record<string, string> = {};
    for (const route of routes) {
      const response = await carnet.http().get(route).buffer(true).parse((res, callback) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => callback(null, text));
      });
      expect([route, response.status]).toEqual([route, 200]);
      bodies[route] = response.body as string;
    }
    return bodies;
  };

  /**
   * The bytes of every SQLite file of the data directory: the log, the read models, WALs, the key store. Read by another
   * process: closing a descriptor of a SQLite file drops every lock this process holds on it (POSIX), and a later CLI
   * run, taking itself for the file's last user, would then remove the WAL from under the app's connections.
   */
  const filesOnDisk = async (): Promise<Record<string, string>> => {
    const read = `const { readdirSync, readFileSync } = require('node:fs'); const { join } = require('node:path'); const dir = process.argv[1];
      process.stdout.write(JSON.stringify(Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name)).toString('utf8')]))));`;
    return JSON.parse((await exec(process.execPath, ['-e', read, dataDir], { maxBuffer: 256 * 1024 * 1024 })).stdout) as Record<string, string>;
  };

  const cooperation = async () => (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body;
  const marianneIn = (coop: { representatives: { personId: string }[] }) => coop.representatives.find((r) => r.personId === MARIANNE);
  /** Her designation at programme scope: in the cooperation's she is still designated (for the Cité), which E17 refuses before any sealing. */
  const designateHerAgain = (on: TestCarnet) =>
    on
      .http()
      .post(`/cooperations/${CITEES}/designate-representative`)
      .send({ organisationId: 'org:inter-made', personId: MARIANNE, personName: NAME, title: TITLE, capacities: ['speak'], scope: 'programme', from: '2026' });

  beforeAll(async () => {
    carnet = await startCarnet();
    dataDir = dirname(carnet.store.database.name);
    await runSteps(carnet, scenarioA());
    const stream = await carnet.store.readStream(`cooperation-${CITEES}`);
    designationId = stream.find((e) => e.type === 'RepresentativeDesignated' && (e.data as { personId: string }).personId === MARIANNE)!.eventId;
    // A backup of the key store taken before her erasure (through SQLite: a plain file read would drop this process's locks).
    const keys = new Database(join(dataDir, 'person-keys.sqlite'), { readonly: true });
    keys.exec(`VACUUM INTO '${keysBeforeErasure}'`);
    keys.close();
  }, 60_000);
  afterAll(async () => carnet.close());
  /** Exports, copies and other key stores: outside the data directory, whose every file is searched for her name. */
  const elsewhere = mkdtempSync(join(tmpdir(), 'carnet-gdpr-elsewhere-'));
  const keysBeforeErasure = join(elsewhere, 'person-keys-before-erasure.sqlite');
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('before: « Marianne Morini » is in the API’s answers, yet nowhere on disk — the log holds her values encrypted', async () => {
    const coop = await cooperation();
    expect(marianneIn(coop)).toMatchObject({ personName: NAME, title: TITLE });
    const bodies = await responses();
    expect(bodies[`/cooperations/${CITEES}`]).toContain(NAME);
    expect(bodies['/events?limit=1000']).toContain(NAME);
    expect(bodies[`/events/${designationId}`]).toContain(NAME);
    expect(bodies['/events/export']).not.toContain(NAME);
    expect(bodies['/events/export']).toContain('"$personal"');

    const files = await filesOnDisk();
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['carnet.sqlite', 'person-keys.sqlite']));
    for (const [file, bytes] of Object.entries(files)) {
      expect([file, bytes.includes(NAME), bytes.includes(TITLE)]).toEqual([file, false, false]);
    }
    const [stored] = await carnet.store.readStream(`cooperation-${CITEES}`).then((events) => events.filter((e) => e.eventId === designationId));
    expect(stored!.data).toMatchObject({ personId: MARIANNE, personName: { $personal: { personId: MARIANNE } }, title: { $personal: { personId: MARIANNE } } });
  });

  it('a mistyped id, or a key store that is not the server’s, is refused (exit 1) and changes nothing: no block, no PersonErased, her name still readable', async () => {
    const typo = await carnetCli('erase-person', 'person:marianne-morinni', '--data-dir', dataDir);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain('EFFACEMENT REFUSÉ / ERASURE REFUSED — person:marianne-morinni : rien n’a été modifié');
    expect(typo.stdout).toContain('Identifiant inconnu');

    const otherKeys = join(elsewhere, 'other-person-keys.sqlite');
    SqlitePersonKeys.open(otherKeys).close();
    const wrongStore = await carnetCliWith({ ...process.env, CARNET_PERSON_KEYS: otherKeys }, 'erase-person', MARIANNE, '--data-dir', dataDir);
    expect(wrongStore.code).toBe(1);
    expect(wrongStore.stdout).toContain(`n’a pas la clé qui les ouvre`);
    expect(wrongStore.stdout).toContain('Vérifiez CARNET_PERSON_KEYS');

    expect(await carnet.store.readStream('gdpr')).toEqual([]);
    const keys = SqlitePersonKeys.open(join(dataDir, 'person-keys.sqlite'));
    expect([keys.isErased('person:marianne-morinni'), keys.existingKey(MARIANNE) !== undefined]).toEqual([false, true]);
    keys.close();
    const other = SqlitePersonKeys.open(otherKeys);
    expect(other.isErased(MARIANNE)).toBe(false);
    other.close();
    expect(marianneIn(await cooperation())).toMatchObject({ personName: NAME });
  }, CLI_TIMEOUT);

  it('`carnet erase-person` deletes her key, says so in French first, and records the erasure without personal data', async () => {
    const erased = await carnetCli('erase-person', MARIANNE, '--data-dir', dataDir, '--reason', 'Demande écrite du 2 mars');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`EFFACEMENT RGPD / GDPR ERASURE — ${MARIANNE}`);
    expect(erased.stdout).toContain('Clé de chiffrement supprimée, définitivement (encryption key deleted, irreversibly)');
    expect(erased.stdout).toContain(`se lisent désormais « ${ERASED} »`);
    expect(erased.stdout).toMatch(/Trace d’audit \(audit trail\) : PersonErased [0-9a-f-]{36}, flux gdpr, position \d+ — motif \(reason\) : Demande écrite du 2 mars/);
    expect(erased.stdout).not.toContain('ATTENTION');

    const [trail] = await carnet.store.readStream('gdpr');
    expect(trail).toMatchObject({ type: 'PersonErased', data: { personId: MARIANNE, reason: 'Demande écrite du 2 mars', erasedAt: expect.any(String) } });
    expect(Object.keys(trail!.data).sort()).toEqual(['erasedAt', 'personId', 'reason']);

    const again = await carnetCli('erase-person', MARIANNE, '--data-dir', dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Déjà effacée');
    expect(await carnet.store.readStream('gdpr')).toHaveLength(1);
  }, CLI_TIMEOUT);

  it('after: her name and title are in no API answer and in no file; the marker stands where they stood; the others are untouched', async () => {
    const coop = await cooperation();
    expect(marianneIn(coop)).toMatchObject({ personId: MARIANNE, personName: ERASED, title: ERASED, organisationId: 'org:cite-des-transitions' });
    expect(coop.representatives.find((r: { personId: string }) => r.personId === 'person:yassine-ennomany')).toMatchObject({ personName: 'Yassine Ennomany', title: 'Directeur' });
    const signature = coop.charters[0].versions[0].signatures.find((s: { organisationId: string }) => s.organisationId === 'org:cite-des-transitions');
    expect(signature).toMatchObject({ signatoryPersonId: MARIANNE, signatoryCapacity: ERASED });

    const bodies = await responses();
    for (const [route, body] of Object.entries(bodies)) {
      expect([route, body.includes(NAME), body.includes(TITLE)]).toEqual([route, false, false]);
    }
    expect(bodies[`/events/${designationId}`]).toContain(ERASED);
    expect(bodies['/events?limit=1000']).toContain(ERASED);
    const seats = JSON.parse(bodies[`/cooperations/${CITEES}/decisions`]!);
    expect(JSON.stringify(seats)).not.toContain(NAME);

    for (const [file, bytes] of Object.entries(await filesOnDisk())) {
      expect([file, bytes.includes(NAME), bytes.includes(TITLE)]).toEqual([file, false, false]);
    }
  });

  it('the log is untouched: `carnet audit verify` exits 0, and so does GET /audit/verify', async () => {
    const audit = await carnetCli('audit', 'verify', '--data-dir', dataDir);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('Chaîne intacte / hash chain intact');
    expect((await carnet.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: true, unchainedEvents: 0 });
  }, CLI_TIMEOUT);

  it('nothing personal is recorded again under her id: 422 PersonDataErased, nothing appended', async () => {
    const before = await carnet.eventCount();
    const { body } = await designateHerAgain(carnet).expect(422);
    expect(body).toMatchObject({ code: 'PersonDataErased', params: { personId: MARIANNE } });
    expect(await carnet.eventCount()).toBe(before);
  });

  it('the block travels with the log: imported or migrated elsewhere, or restored without its key store, her id takes nothing personal again', async () => {
    const exported = join(elsewhere, 'log.ndjson');
    expect((await carnetCli('export', '--data-dir', dataDir, '--out', exported)).code).toBe(0);
    const imported = join(elsewhere, 'imported');
    const importing = await carnetCli('import', exported, '--data-dir', imported);
    expect(importing.code).toBe(0);
    expect(importing.stdout).toContain(`Effacements RGPD du journal repris dans ${join(imported, 'person-keys.sqlite')} : 1 personne(s) bloquée(s)`);
    const migrated = join(elsewhere, 'migrated');
    const migrating = await carnetCli('migrate', '--from', `sqlite:${dataDir}`, '--to', `sqlite:${migrated}`);
    expect(migrating.code).toBe(0);
    expect(migrating.stdout).toContain(`Effacements RGPD du journal repris dans ${join(migrated, 'person-keys.sqlite')} : 1 personne(s) bloquée(s)`);
    for (const copy of [imported, migrated]) {
      const keys = SqlitePersonKeys.open(join(copy, 'person-keys.sqlite'));
      expect([copy, keys.isErased(MARIANNE)]).toEqual([copy, true]);
      keys.close();
    }

    // The log restored without its key store: the server blocks her again before it seals anything.
    rmSync(join(imported, 'person-keys.sqlite'));
    const restored = await startCarnet({}, { dataDir: imported });
    try {
      const before = await restored.eventCount();
      const { body } = await designateHerAgain(restored).expect(422);
      expect(body).toMatchObject({ code: 'PersonDataErased', params: { personId: MARIANNE } });
      expect(await restored.eventCount()).toBe(before);
    } finally {
      await restored.close();
    }
  }, CLI_TIMEOUT);

  it('a key store restored from a backup older than her erasure still holds her key: the server erases it again at boot, before any read', async () => {
    const restoredDir = join(elsewhere, 'restored-from-backup');
    mkdirSync(restoredDir);
    const log = new Database(join(dataDir, 'carnet.sqlite'), { readonly: true });
    log.exec(`VACUUM INTO '${join(restoredDir, 'carnet.sqlite')}'`);
    log.close();
    copyFileSync(keysBeforeErasure, join(restoredDir, 'person-keys.sqlite'));
    const restored = await startCarnet({}, { dataDir: restoredDir });
    try {
      const { body } = await restored.http().get(`/cooperations/${CITEES}`).expect(200);
      expect(marianneIn(body)).toMatchObject({ personName: ERASED, title: ERASED });
      expect(JSON.stringify(body)).not.toContain(NAME);
    } finally {
      await restored.close();
    }
  });
});
