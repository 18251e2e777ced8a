import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);
const MARIANNE = 'person:marianne-morini';
const NAME = 'Marianne Morini';
const TITLE = 'Responsable du développement';
const ERASED = '[donnée effacée]';
const CLI_TIMEOUT = 60_000;

/** `carnet …` from the installed bin: exit code and output. */
const carnetCli = async (...args: string[]): Promise<{ code: number; stdout: string }> =>
  exec(process.execPath, ['bin/carnet.js', ...args]).then(
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

  /** The bytes of every SQLite file of the data directory: the log, the read models, WALs, the key store. */
  const filesOnDisk = (): Record<string, string> =>
    Object.fromEntries(readdirSync(dataDir).map((name) => [name, readFileSync(join(dataDir, name)).toString('utf8')]));

  const cooperation = async () => (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body;
  const marianneIn = (coop: { representatives: { personId: string }[] }) => coop.representatives.find((r) => r.personId === MARIANNE);

  beforeAll(async () => {
    carnet = await startCarnet();
    dataDir = dirname(carnet.store.database.name);
    await runSteps(carnet, scenarioA());
    const stream = await carnet.store.readStream(`cooperation-${CITEES}`);
    designationId = stream.find((e) => e.type === 'RepresentativeDesignated' && (e.data as { personId: string }).personId === MARIANNE)!.eventId;
  }, 60_000);
  afterAll(async () => carnet.close());

  it('before: « Marianne Morini » is in the API’s answers, yet nowhere on disk — the log holds her values encrypted', async () => {
    const coop = await cooperation();
    expect(marianneIn(coop)).toMatchObject({ personName: NAME, title: TITLE });
    const bodies = await responses();
    expect(bodies[`/cooperations/${CITEES}`]).toContain(NAME);
    expect(bodies['/events?limit=1000']).toContain(NAME);
    expect(bodies[`/events/${designationId}`]).toContain(NAME);
    expect(bodies['/events/export']).not.toContain(NAME);
    expect(bodies['/events/export']).toContain('"$personal"');

    const files = filesOnDisk();
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['carnet.sqlite', 'person-keys.sqlite']));
    for (const [file, bytes] of Object.entries(files)) {
      expect([file, bytes.includes(NAME), bytes.includes(TITLE)]).toEqual([file, false, false]);
    }
    const [stored] = await carnet.store.readStream(`cooperation-${CITEES}`).then((events) => events.filter((e) => e.eventId === designationId));
    expect(stored!.data).toMatchObject({ personId: MARIANNE, personName: { $personal: { personId: MARIANNE } }, title: { $personal: { personId: MARIANNE } } });
  });

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

    for (const [file, bytes] of Object.entries(filesOnDisk())) {
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
    const { body } = await carnet
      .http()
      .post(`/cooperations/${CITEES}/designate-representative`)
      // At programme scope: in the cooperation's she is still designated (for the Cité), which E17 refuses before any sealing.
      .send({ organisationId: 'org:inter-made', personId: MARIANNE, personName: NAME, title: TITLE, capacities: ['speak'], scope: 'programme', from: '2026' })
      .expect(422);
    expect(body).toMatchObject({ code: 'PersonDataErased', params: { personId: MARIANNE } });
    expect(await carnet.eventCount()).toBe(before);
  });
});
