import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cooperationStream, CURRENT_SCHEMA_VERSIONS, EVENT_SCHEMAS } from '#domain';
import { personalDataEventStore, SqliteEventStore, SqlitePersonKeys, upcastingEventStore, type NewEvent, type SyncEventLog } from '#event-store';
import { ALL_PROJECTIONS, ProjectionRunner, replayIntoShadow, type ReplayLog } from '#projections';
import { scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { cliContext } from '../../apps/cli/src/cli-context.js';
import { generateCooperationLog } from '../../bench/support/cooperation-log.js';
import { runSteps, startCarnet } from '../support/carnet-app.js';
import { readModelRows } from '../support/read-model-rows.js';

/**
 * Read models are built from the log with personal values sealed: by a rebuild (`CliContext.openReplayLog`) and by the
 * API's projections (`SEALED_EVENT_STORE`). That is sound because read models never keep a person's value: the log
 * replayed sealed and replayed decrypted must fill the same rows. Checked on a generated log (representatives,
 * signatories, guests) with what it lacks added: a person witnessing a signature, corrections of personal fields,
 * and a person erased.
 */
describe('a rebuild replays personal values sealed, and fills the same read models as the decrypted log', () => {
  let dataDir: string;
  const cooperation = 'coop:bench-0';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carnet-sealed-replay-'));
    await generateCooperationLog(dataDir, 6_000);
    const raw = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    const keys = SqlitePersonKeys.open(join(dataDir, 'person-keys.sqlite'));
    const designation = (await raw.readStream(cooperationStream(cooperation))).find((event) => event.type === 'RepresentativeDesignated')!;
    const { personId } = designation.data as { personId: string };
    const event = (type: string, data: object): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: CURRENT_SCHEMA_VERSIONS[type as keyof typeof CURRENT_SCHEMA_VERSIONS],
      data,
      metadata: { actor: { userId: 'user:test' }, recordedAt: '2026-12-08T10:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: randomUUID() },
    });
    await personalDataEventStore(raw, keys).append(
      cooperationStream(cooperation),
      [
        event('CharterSigned', {
          charterId: 'charter:0', version: 1, organisationId: 'org:bench-0', signatoryPersonId: personId, signatoryCapacity: 'présidente', signedOn: '2026-11',
          witnesses: [{ personId: 'person:temoin', name: 'Témoin Personne', capacity: 'adjointe' }, { organisationId: 'org:bench-7', name: 'Association témoin', capacity: 'partenaire' }],
          contentHash: 'a'.repeat(64),
        }),
        event('RecordCorrected', {
          correctedEventId: designation.eventId, correctedEventType: 'RepresentativeDesignated', fieldPath: 'title', previousValue: 'Directrice générale',
          correctedValue: 'Présidente', reason: 'organigramme', personId,
        }),
        event('RecordCorrected', {
          correctedEventId: designation.eventId, correctedEventType: 'RepresentativeDesignated', fieldPath: 'from', previousValue: '2018', correctedValue: '2019', reason: 'date',
        }),
      ],
      { expectedRevision: 'any' },
    );
    keys.erase('person:bench-0-1', '2026-12-08T11:00:00.000Z');
    keys.close();
    await raw.close();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Every read model replayed from `log` into a fresh file, and every row of every table there, in order. */
  const replayedRows = async (log: ReplayLog, name: string) => {
    const shadowPath = join(dataDir, `${name}.sqlite`);
    await replayIntoShadow(log, ALL_PROJECTIONS, { projections: ALL_PROJECTIONS.map((p) => p.name), shadowPath, upTo: await log.headPosition(), batchSize: 1000 });
    return readModelRows(shadowPath);
  };

  it('the replay log leaves personal values sealed, the decrypting one opens them, and both fill every read model alike', async () => {
    const raw = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    const keys = SqlitePersonKeys.open(join(dataDir, 'person-keys.sqlite'));
    const decrypting = upcastingEventStore(personalDataEventStore(raw, keys), EVENT_SCHEMAS);
    const sealed = cliContext({ dataDir }, () => undefined).openReplayLog();
    try {
      const textOf = (log: SyncEventLog) => JSON.stringify(log.readAllSync().map((e) => e.data));
      // The inputs differ where it matters: names and titles in clear on one side, sealed on the other.
      expect(textOf(decrypting)).toContain('Camille Martin-0-0');
      expect(textOf(decrypting)).toContain('Témoin Personne');
      expect(textOf(sealed)).not.toContain('Camille Martin-0-0');
      expect(textOf(sealed)).toContain('$personal');

      const fromDecrypted = await replayedRows(decrypting, 'decrypted');
      const fromSealed = await replayedRows(sealed, 'sealed');
      expect(Object.keys(fromSealed)).toEqual(Object.keys(fromDecrypted));
      for (const table of Object.keys(fromDecrypted)) expect({ table, rows: fromSealed[table] }).toEqual({ table, rows: fromDecrypted[table] });
      // Not vacuous: the timeline has an item per cooperation event (the registries are the rest), the corrections among them.
      const items = Object.entries(fromSealed).find(([table]) => table.startsWith('cooperation_timeline_v') && /_v\d+$/.test(table))![1] as { type: string }[];
      expect(items.length).toBeGreaterThan(3_000);
      expect(items.filter((item) => item.type === 'RecordCorrected')).toHaveLength(2);
    } finally {
      await sealed.close();
      await decrypting.close();
    }
  }, 60_000);
});

describe("the API's projections are handed the log with personal values sealed", () => {
  it('every event the runner applies carries a person’s values sealed, as stored', async () => {
    const carnet = await startCarnet();
    try {
      const applied: { type: string; data: object }[] = [];
      carnet.app.get(ProjectionRunner).onApplied((projection, events) => projection === 'cooperation-timeline' && applied.push(...events));
      await runSteps(carnet, scenarioA());
      expect(await carnet.app.get(ProjectionRunner).waitUntilCaughtUp(await carnet.store.headPosition(), 10_000)).toBe(true);
      const designations = applied.filter((event) => event.type === 'RepresentativeDesignated');
      expect(designations.length).toBeGreaterThan(0);
      for (const { data } of designations) expect(data).toMatchObject({ personName: { $personal: expect.anything() }, title: { $personal: expect.anything() } });
    } finally {
      await carnet.close();
    }
  }, 60_000);
});
