import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { EVENT_SCHEMAS, GDPR_STREAM, PERSONAL_DATA, rewritePersonalData } from '#domain';
import { EventStoreDbEventStore } from '../adapters/eventstoredb/eventstoredb.event-store.js';
import { InMemoryEventStore } from '../adapters/in-memory.event-store.js';
import { SqliteEventStore } from '../adapters/sqlite/sqlite.event-store.js';
import { describeEventStoreContract, sampleEvent, subscriptionsClosedAfterEach, waitFor } from '../contract/event-store.contract.js';
import type { NewEvent } from '../envelope.js';
import { PersonalDataWithoutPerson, PersonDataErased } from '../event-store.errors.js';
import { rawEventStore } from '../event-store-view.js';
import { verifyStore } from '../integrity/verify-store.js';
import { exportLog, importLog } from '../ndjson-log.js';
import { upcastingEventStore } from '../upcasting.event-store.js';
import { InMemoryPersonKeys, SqlitePersonKeys } from './person-keys.js';
import { personalDataEventStore } from './personal-data.event-store.js';
import { sealedEventStore } from './sealed.event-store.js';
import { ERASED_PERSONAL_DATA, isSealedPersonalValue } from './personal-value.codec.js';

describeEventStoreContract('personal-data view over in-memory', (options) => personalDataEventStore(new InMemoryEventStore(options), new InMemoryPersonKeys()), {
  consecutivePositions: true,
});
describeEventStoreContract(
  'personal-data view over eventstoredb',
  (options) => personalDataEventStore(EventStoreDbEventStore.connect(process.env.EVENTSTORE_CONNECTION_STRING!, options), new InMemoryPersonKeys()),
  { skipUnless: 'EVENTSTORE_CONNECTION_STRING' },
);

const dir = mkdtempSync(join(tmpdir(), 'carnet-personal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const STREAM = 'cooperation-coop:citees-marseille';
const MARIANNE = 'person:marianne-morini';
const ERASED_AT = '2026-03-01T10:00:00.000Z';

/** One value per personal field of the table, each a distinct clear text that must never reach the stored bytes. */
const everyPersonalField = (): NewEvent[] => [
  sampleEvent('RepresentativeDesignated', {
    organisationId: 'org:cite-des-transitions', personId: MARIANNE, personName: 'CLEAR representative name', title: 'CLEAR representative title',
    capacities: ['sit', 'speak', 'sign'], scope: 'cooperation', from: '2025',
  }),
  sampleEvent('CharterSigned', {
    charterId: 'charter:citees', version: 1, organisationId: 'org:cite-des-transitions', signatoryPersonId: MARIANNE, signatoryCapacity: 'CLEAR signatory capacity',
    signedOn: '2025-12', witnesses: [{ personId: 'person:benoit-payan', name: 'CLEAR witness name', capacity: 'CLEAR witness capacity' }, { organisationId: 'org:banlieues-sante', name: 'Banlieues Santé', capacity: 'lauréat présent' }],
    contentHash: 'h',
  }),
  sampleEvent('MeetingHeld', { meetingId: 'meeting:1', heldOn: '2025-12', attendees: [{ seatId: 'seat:1' }, { guest: { personId: 'person:elue', capacity: 'CLEAR guest capacity' } }], apologies: [] }),
  sampleEvent('RecordCorrected', {
    correctedEventId: 'e', correctedEventType: 'RepresentativeDesignated', fieldPath: 'title', previousValue: 'CLEAR previous value', correctedValue: 'CLEAR corrected value',
    reason: 'titre', personId: MARIANNE,
  }),
];

const CLEAR = /CLEAR [a-z ]+/g;
const clearTexts = (events: readonly { data: object }[]) => events.flatMap((e) => JSON.stringify(e.data).match(CLEAR) ?? []);

describe('personalDataEventStore: personal values encrypted at rest, under a key per person', () => {
  it('the samples cover every personal field of the table (a new entry without a sample fails here)', () => {
    const covered = new Set<string>();
    for (const event of everyPersonalField()) {
      rewritePersonalData(event.type, event.data, ({ field, personId, value }) => {
        if (personId && typeof value === 'string' && value.startsWith('CLEAR')) covered.add(`${event.type}.${field.path}`);
        return value;
      });
    }
    expect([...covered].sort()).toEqual(Object.entries(PERSONAL_DATA).flatMap(([type, fields]) => fields.map((f) => `${type}.${f.path}`)).sort());
  });

  it('completeness: no listed personal value is left in clear anywhere in the SQLite file — data, metadata, WAL — and all read back', async () => {
    const path = join(dir, `log-${files++}.sqlite`);
    const raw = SqliteEventStore.open(path);
    const view = personalDataEventStore(raw, SqlitePersonKeys.open(join(dir, `keys-${files++}.sqlite`)));
    const events = everyPersonalField();
    expect(clearTexts(events)).toHaveLength(8);
    await view.append(STREAM, events, { expectedRevision: 'noStream' });

    const rows = raw.database.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events').all();
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(`${row.data}${row.metadata}`).not.toMatch(CLEAR);
    const bytes = Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])]).toString('latin1');
    expect(bytes).not.toContain('CLEAR');
    expect(bytes).toContain('Banlieues Sant'); // an organisation witness is no one's personal data

    expect(clearTexts(await view.readAll())).toEqual(clearTexts(events));
    expect(clearTexts(await view.readStreamForFold(STREAM))).toEqual(clearTexts(events));
    await view.close();
  });

  it('append seals before the adapter hashes: the stored event holds { $personal } and its hash covers the ciphertext', async () => {
    const raw = new InMemoryEventStore();
    const view = personalDataEventStore(raw, new InMemoryPersonKeys());
    const [designated] = everyPersonalField();
    await view.append(STREAM, [designated!], { expectedRevision: 'noStream' });
    const [stored] = await raw.readAll();
    expect(isSealedPersonalValue((stored!.data as Record<string, unknown>)['personName'])).toBe(true);
    expect(stored!.data).toMatchObject({ personId: MARIANNE, organisationId: 'org:cite-des-transitions', from: '2025' });
    expect(await verifyStore(raw)).toMatchObject({ ok: true, eventsChecked: 1 });
    const [read] = await view.readAll();
    expect(read).toEqual({ ...stored, data: designated!.data });
  });

  it('once the key is erased every value of that person reads « [donnée effacée] », others stay, and the chain still verifies', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    const view = personalDataEventStore(raw, keys);
    await view.append(STREAM, everyPersonalField(), { expectedRevision: 'noStream' });
    const before = await raw.readAll();
    keys.erase(MARIANNE, ERASED_AT);

    const [designated, signed, held, corrected] = await view.readAll();
    expect(designated!.data).toMatchObject({ personId: MARIANNE, personName: ERASED_PERSONAL_DATA, title: ERASED_PERSONAL_DATA });
    expect(signed!.data).toMatchObject({
      signatoryCapacity: ERASED_PERSONAL_DATA,
      witnesses: [{ personId: 'person:benoit-payan', name: 'CLEAR witness name', capacity: 'CLEAR witness capacity' }, { name: 'Banlieues Santé' }],
    });
    expect(held!.data).toMatchObject({ attendees: [{ seatId: 'seat:1' }, { guest: { capacity: 'CLEAR guest capacity' } }] });
    expect(corrected!.data).toMatchObject({ previousValue: ERASED_PERSONAL_DATA, correctedValue: ERASED_PERSONAL_DATA });
    expect(JSON.stringify((await view.readAll()).map((e) => e.data))).not.toContain('CLEAR representative');
    expect((await view.readStreamForFold(STREAM))[0]!.data).toMatchObject({ personName: ERASED_PERSONAL_DATA, title: ERASED_PERSONAL_DATA });

    expect(await raw.readAll()).toEqual(before);
    expect(await verifyStore(view)).toMatchObject({ ok: true, eventsChecked: 4, unchainedEvents: 0 });
  });

  it('asks the key store once per person per read, within one read of it, and the read after an erasure sees it', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    const asked: string[] = [];
    let reads = 0;
    let reading = false;
    const counted = Object.assign(Object.create(keys) as InMemoryPersonKeys, {
      existingKey: (personId: string) => (asked.push(reading ? personId : `${personId} (outside a read)`), keys.existingKey(personId)),
      inOneRead: <T>(read: () => T): T => {
        reads += 1;
        reading = true;
        try {
          return read();
        } finally {
          reading = false;
        }
      },
    });
    const view = personalDataEventStore(raw, counted);
    await view.append(STREAM, everyPersonalField(), { expectedRevision: 'noStream' });
    await view.append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 'any' });

    expect(clearTexts(await view.readStream(STREAM))).toContain('CLEAR representative name');
    expect([...asked].sort()).toEqual([MARIANNE, 'person:benoit-payan', 'person:elue'].sort());
    expect(reads).toBe(1);
    keys.erase(MARIANNE, ERASED_AT);
    asked.length = 0;
    const [designated] = await view.readAll();
    expect(designated!.data).toMatchObject({ personName: ERASED_PERSONAL_DATA });
    expect(asked.filter((personId) => personId === MARIANNE)).toEqual([MARIANNE]);
  });

  it('nothing personal is recorded again under an erased person’s id (PersonDataErased), and nothing is appended', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    keys.erase(MARIANNE, ERASED_AT);
    await expect(personalDataEventStore(raw, keys).append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(PersonDataErased);
    expect(await raw.readAll()).toEqual([]);
  });

  it('paired with a key store that lost the log’s erasures (the log restored or imported without it), it records nothing personal under an erased id', async () => {
    const raw = new InMemoryEventStore();
    await raw.append(GDPR_STREAM, [sampleEvent('PersonErased', { personId: MARIANNE, erasedAt: ERASED_AT, reason: 'Demande écrite' })], { expectedRevision: 'noStream' });
    const keys = new InMemoryPersonKeys();
    await expect(personalDataEventStore(raw, keys).append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(PersonDataErased);
    expect(await raw.readStream(STREAM)).toEqual([]);
    expect(keys.isErased(MARIANNE)).toBe(true);
  });

  it('a name keyed to no person and no organisation is refused: it could never be erased', async () => {
    const raw = new InMemoryEventStore();
    const signed = everyPersonalField()[1]!;
    const unkeyed = { ...signed, data: { ...signed.data, witnesses: [{ name: 'Quelqu’un', capacity: 'parrain' }] } };
    await expect(personalDataEventStore(raw, new InMemoryPersonKeys()).append(STREAM, [unkeyed], { expectedRevision: 'any' })).rejects.toEqual(
      new PersonalDataWithoutPerson(signed.eventId, 'CharterSigned', 'witnesses.*.name'),
    );
    expect(await raw.readAll()).toEqual([]);
  });

  it('a copy (preserveHashes: migrate, import) is stored verbatim: sealed stays sealed, and nothing is sealed twice', async () => {
    const source = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    await personalDataEventStore(source, keys).append(STREAM, everyPersonalField(), { expectedRevision: 'noStream' });
    const target = new InMemoryEventStore();
    await personalDataEventStore(target, keys).append(STREAM, await source.readAll(), { expectedRevision: 'noStream', preserveHashes: true });
    expect(await target.readAll()).toEqual(await source.readAll());
  });

  it('export carries the encrypted form; imported into a store without the keys, names read as erased', async () => {
    const source = new InMemoryEventStore();
    const view = personalDataEventStore(source, new InMemoryPersonKeys());
    await view.append(STREAM, everyPersonalField(), { expectedRevision: 'noStream' });
    let ndjson = '';
    for await (const chunk of exportLog(view)) ndjson += chunk;
    expect(ndjson).not.toMatch(CLEAR);
    expect(ndjson).toContain('"$personal"');

    const elsewhere = personalDataEventStore(new InMemoryEventStore(), new InMemoryPersonKeys());
    await importLog(elsewhere, async function* () {
      yield* ndjson.split('\n').slice(0, -1);
    });
    expect(await verifyStore(elsewhere)).toMatchObject({ ok: true, eventsChecked: 4 });
    expect((await elsewhere.readAll())[0]!.data).toMatchObject({ personName: ERASED_PERSONAL_DATA, title: ERASED_PERSONAL_DATA });
  });

  it('stacked under the upcaster, as in the API: decrypt, then upcast; the raw store is the adapter', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    const api = upcastingEventStore(personalDataEventStore(raw, keys), EVENT_SCHEMAS);
    const leadV1 = sampleEvent('RoleAssigned', { assignmentId: 'a', organisationId: 'org:x', role: 'Lead', period: { from: '2025' } }, 1);
    await raw.append(STREAM, [leadV1], { expectedRevision: 'noStream' });
    await api.append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 0 });
    const [lead, designated] = await api.readAll();
    expect(lead).toMatchObject({ schemaVersion: 2, data: { from: '2025' } });
    expect(designated!.data).toMatchObject({ personName: 'CLEAR representative name' });
    expect(rawEventStore(api)).toBe(raw);
  });

  it('readAllSync decrypts too', async () => {
    const raw = SqliteEventStore.open(':memory:');
    const view = personalDataEventStore(raw, new InMemoryPersonKeys());
    await view.append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 'noStream' });
    expect(view.readAllSync()[0]!.data).toMatchObject({ personName: 'CLEAR representative name' });
    await view.close();
  });
});

describe('sealedEventStore: the log as read models are built from it', () => {
  it('reads every personal value sealed, upcasts, and refuses an append (it would store a value unsealed), appending nothing', async () => {
    const raw = SqliteEventStore.open(':memory:');
    await personalDataEventStore(raw, new InMemoryPersonKeys()).append(STREAM, everyPersonalField(), { expectedRevision: 'noStream' });
    // A RoleAssigned of schema version 1, which an upcaster brings to the current version.
    await raw.append(STREAM, [{ ...sampleEvent('RoleAssigned', { organisationId: 'org:x', role: 'Lead', period: { from: '2025' } }), schemaVersion: 1 }], { expectedRevision: 'any' });
    const sealed = sealedEventStore(raw, EVENT_SCHEMAS);
    const read = [...(await sealed.readAll()), ...sealed.readAllSync()];
    expect(clearTexts(read)).toEqual([]);
    expect(JSON.stringify(read.map((e) => e.data))).toContain('$personal');
    expect(read.filter((e) => e.type === 'RoleAssigned').map((e) => [e.schemaVersion, e.data])).toEqual(Array(2).fill([2, { organisationId: 'org:x', role: 'Lead', from: '2025' }]));

    const before = await raw.readAll();
    await expect(sealed.append(STREAM, everyPersonalField().slice(0, 1), { expectedRevision: 'any' })).rejects.toThrow(/read only/);
    expect(await raw.readAll()).toEqual(before);
    await sealed.close();
  });
});

describe('personalDataEventStore: subscribeToAll', () => {
  const subscribe = subscriptionsClosedAfterEach();

  it('delivers stored and live events decrypted, and the marker once the key is erased', async () => {
    const keys = new InMemoryPersonKeys();
    const view = personalDataEventStore(new InMemoryEventStore(), keys);
    const [designated, , held] = everyPersonalField();
    await view.append(STREAM, [designated!], { expectedRevision: 'noStream' });
    const { seen } = subscribe(view);
    await waitFor(() => seen.length === 1);
    await view.append(STREAM, [held!], { expectedRevision: 0 });
    await waitFor(() => seen.length === 2);
    expect(seen[0]!.data).toMatchObject({ personName: 'CLEAR representative name' });
    expect(seen[1]!.data).toMatchObject({ attendees: [{ seatId: 'seat:1' }, { guest: { capacity: 'CLEAR guest capacity' } }] });

    keys.erase(MARIANNE, ERASED_AT);
    const { seen: replayed } = subscribe(view);
    await waitFor(() => replayed.length === 2);
    expect(replayed[0]!.data).toMatchObject({ personName: ERASED_PERSONAL_DATA });
  });
});
