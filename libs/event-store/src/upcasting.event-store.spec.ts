import { describe, expect, it } from '@jest/globals';
import { EVENT_SCHEMAS, type EventSchemas } from '#domain';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import { SqliteEventStore } from './adapters/sqlite/sqlite.event-store.js';
import { describeEventStoreContract, sampleEvent, subscriptionsClosedAfterEach, waitFor } from './contract/event-store.contract.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { SchemaVersionNotCurrent, UnknownSchemaVersion, UpcastFailed } from './event-store.errors.js';
import type { AppendOptions, EventStore } from './event-store.port.js';
import { chainHash } from './integrity/hash-chain.js';
import { verifyStore } from './integrity/verify-store.js';
import { migrateEventStore, verifyMigration } from './migrate.js';
import { rawEventStore } from './event-store-view.js';
import { eventUpcaster, upcastingEventStore } from './upcasting.event-store.js';

describeEventStoreContract('upcasting view over in-memory', (options) => upcastingEventStore(new InMemoryEventStore(options), EVENT_SCHEMAS), {
  consecutivePositions: true,
});

const stored = (type: string, schemaVersion: number, data: object): NewEvent => sampleEvent(type, data, schemaVersion);

const STREAM = 'cooperation-coop:citees-marseille';
const leadV1 = () => stored('RoleAssigned', 1, { assignmentId: 'assignment:lead', organisationId: 'org:cite-des-transitions', role: 'Lead', period: { from: '2025-03', to: null } });
const leadV2 = { assignmentId: 'assignment:lead', organisationId: 'org:cite-des-transitions', role: 'Lead', from: '2025-03' };
const joined = () => stored('MemberJoined', 1, { organisationId: 'org:cite-des-transitions', membershipType: 'member', joinedOn: '2025' });

/** A type that went through two versions: v1 euros, v2 cents, v3 cents with a currency. */
const PLEDGES: EventSchemas = {
  currentVersions: { PledgeNoted: 3 },
  upcasters: [
    { type: 'PledgeNoted', fromVersion: 1, upcast: ({ euros, ...rest }) => ({ ...rest, cents: Math.round((euros as number) * 100) }) },
    { type: 'PledgeNoted', fromVersion: 2, upcast: (data) => ({ ...data, currency: 'EUR' }) },
  ],
};

/** Keeps what each append received, so "untouched" can be checked by identity. */
const recordingAppends = (store: EventStore) => {
  const appends: { events: readonly NewEvent[]; options: AppendOptions }[] = [];
  const append = store.append.bind(store);
  store.append = (streamId, events, options) => {
    appends.push({ events, options });
    return append(streamId, events, options);
  };
  return appends;
};

describe('upcastingEventStore: reads through the upcaster chain', () => {
  it('readStream and readAll hand over a v1 RoleAssigned at v2, flat, with the envelope as stored', async () => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [joined(), leadV1()], { expectedRevision: 'noStream' });
    const view = upcastingEventStore(raw, EVENT_SCHEMAS);

    const [asStored] = await raw.readStream(STREAM, { fromRevision: 1 });
    const [upcast] = await view.readStream(STREAM, { fromRevision: 1 });
    expect(upcast).toEqual({ ...asStored, schemaVersion: 2, data: leadV2 });
    expect((await view.readStreamForFold(STREAM, { fromRevision: 1 }))[0]).toMatchObject({ eventId: asStored!.eventId, schemaVersion: 2, data: leadV2 });
    expect((await view.readAll()).map((e) => [e.type, e.schemaVersion])).toEqual([['MemberJoined', 1], ['RoleAssigned', 2]]);
    expect((await view.readAll())[1]!.data).toEqual(leadV2);
  });

  it('readEvent and readCorrelated hand it over upcast too', async () => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [joined(), leadV1()], { expectedRevision: 'noStream' });
    const view = upcastingEventStore(raw, EVENT_SCHEMAS);
    const [asStored] = await raw.readStream(STREAM, { fromRevision: 1 });
    expect(await view.readEvent(asStored!.eventId)).toEqual({ ...asStored, schemaVersion: 2, data: leadV2 });
    expect((await view.readCorrelated(asStored!.metadata.correlationId)).find((e) => e.eventId === asStored!.eventId)).toEqual({ ...asStored, schemaVersion: 2, data: leadV2 });
  });

  it('runs every step in order, from the stored version only', async () => {
    const raw = new InMemoryEventStore();
    await raw.append('pledges', [stored('PledgeNoted', 1, { euros: 1250.5 }), stored('PledgeNoted', 2, { cents: 900 }), stored('PledgeNoted', 3, { cents: 7, currency: 'EUR' })], {
      expectedRevision: 'noStream',
    });
    const read = await upcastingEventStore(raw, PLEDGES).readStream('pledges');
    expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
      [3, { cents: 125050, currency: 'EUR' }],
      [3, { cents: 900, currency: 'EUR' }],
      [3, { cents: 7, currency: 'EUR' }],
    ]);
  });

  it('never rewrites what is stored: the raw read and the hashes still show v1', async () => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [leadV1()], { expectedRevision: 'noStream' });
    await upcastingEventStore(raw, EVENT_SCHEMAS).readAll();
    const [again] = await raw.readAll();
    expect(again).toMatchObject({ schemaVersion: 1, data: { period: { from: '2025-03', to: null } } });
    expect(chainHash(again!)).toBe(again!.metadata.hash);
  });

  it('readAllSync (the SQLite rebuild path) upcasts too', async () => {
    const raw = SqliteEventStore.open(':memory:');
    try {
      await raw.append(STREAM, [leadV1()], { expectedRevision: 'noStream' });
      const view = upcastingEventStore(raw, EVENT_SCHEMAS);
      expect(view.readAllSync().map((e) => [e.schemaVersion, e.data])).toEqual([[2, leadV2]]);
    } finally {
      await raw.close();
    }
  });
});

describe('upcastingEventStore: subscribeToAll', () => {
  const subscribe = subscriptionsClosedAfterEach();

  it('delivers stored and live events upcast, in order', async () => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [leadV1()], { expectedRevision: 'noStream' });
    const { seen } = subscribe(upcastingEventStore(raw, EVENT_SCHEMAS));
    await waitFor(() => seen.length === 1);
    const later = stored('RoleAssigned', 1, { assignmentId: 'assignment:later', organisationId: 'org:inter-made', role: 'Coordinator', period: { from: '2026' } });
    await raw.append(STREAM, [later], { expectedRevision: 0 });
    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => [e.revision, e.schemaVersion, e.data])).toEqual([
      [0, 2, leadV2],
      [1, 2, { assignmentId: 'assignment:later', organisationId: 'org:inter-made', role: 'Coordinator', from: '2026' }],
    ]);
  });

  it('stops on an event it cannot read, as on a poison event, naming it', async () => {
    const raw = new InMemoryEventStore();
    const future = stored('RoleAssigned', 3, { assignmentId: 'assignment:future', validity: { from: '2027' } });
    await raw.append(STREAM, [leadV1(), future, joined()], { expectedRevision: 'noStream' });
    const failures: { error: unknown; event?: RecordedEvent }[] = [];
    const { seen, subscription } = subscribe(upcastingEventStore(raw, EVENT_SCHEMAS), { onError: (error, event) => void failures.push({ error, event }) });
    await waitFor(() => failures.length === 1);
    expect(seen.map((e) => e.revision)).toEqual([0]);
    expect(subscription.state).toBe('stopped');
    expect(failures[0]!.error).toBeInstanceOf(UnknownSchemaVersion);
    expect(failures[0]!.event).toMatchObject({ eventId: future.eventId, revision: 1, schemaVersion: 3 });
  });
});

describe('upcastingEventStore: a stored event it cannot read is reported, never passed on', () => {
  it('a version newer than this build knows fails the read with UnknownSchemaVersion, saying where and what to do', async () => {
    const raw = new InMemoryEventStore();
    const future = stored('RoleAssigned', 3, { assignmentId: 'assignment:future' });
    await raw.append(STREAM, [joined(), future], { expectedRevision: 'noStream' });
    const view = upcastingEventStore(raw, EVENT_SCHEMAS);
    const failure = await view.readStream(STREAM).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnknownSchemaVersion);
    expect(failure).toMatchObject({ code: 'UnknownSchemaVersion', currentVersion: 2, event: { eventId: future.eventId, streamId: STREAM, revision: 1, type: 'RoleAssigned', schemaVersion: 3 } });
    expect((failure as Error).message).toBe(`RoleAssigned v3 (event ${future.eventId}, ${STREAM}@1) is newer than this Carnet reads (RoleAssigned up to v2): upgrade Carnet before reading this log`);
    await expect(view.readAll()).rejects.toBeInstanceOf(UnknownSchemaVersion);
  });

  it.each([0, -1, 1.5])('schema version %p is no version at all', async (schemaVersion) => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [stored('RoleAssigned', schemaVersion, leadV2)], { expectedRevision: 'noStream' });
    await expect(upcastingEventStore(raw, EVENT_SCHEMAS).readAll()).rejects.toThrow(/has no schema version this Carnet reads \(RoleAssigned is at v2\)/);
  });

  it('an upcaster that refuses the stored shape fails the read with UpcastFailed, its reason and the event', async () => {
    const raw = new InMemoryEventStore();
    const shapeless = stored('RoleAssigned', 1, { assignmentId: 'assignment:x', organisationId: 'org:x', role: 'Lead' });
    await raw.append(STREAM, [shapeless], { expectedRevision: 'noStream' });
    const failure = await upcastingEventStore(raw, EVENT_SCHEMAS).readAll().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpcastFailed);
    expect(failure).toMatchObject({ fromVersion: 1, event: { eventId: shapeless.eventId } });
    expect((failure as Error).message).toContain('upcasting from v1 failed: RoleAssigned v1 holds neither period.from nor from');
  });
});

describe('upcastingEventStore: appends go to the store untouched', () => {
  it('passes the very events and options through, and they are stored as sent', async () => {
    const raw = new InMemoryEventStore();
    const appends = recordingAppends(raw);
    const events = [stored('RoleAssigned', 2, leadV2), joined()];
    const options = { expectedRevision: 'noStream' as const };
    const result = await upcastingEventStore(raw, EVENT_SCHEMAS).append(STREAM, events, options);
    expect(appends).toHaveLength(1);
    expect(appends[0]!.events).toBe(events);
    expect(appends[0]!.options).toBe(options);
    expect(result.nextExpectedRevision).toBe(1);
    expect((await raw.readAll()).map((e) => [e.type, e.schemaVersion, e.data])).toEqual([['RoleAssigned', 2, leadV2], ['MemberJoined', 1, events[1]!.data]]);
  });

  it('refuses a new event below its type’s current version: it would be read through the wrong upcaster', async () => {
    const raw = new InMemoryEventStore();
    const stale = stored('RoleAssigned', 1, leadV2);
    await expect(upcastingEventStore(raw, EVENT_SCHEMAS).append(STREAM, [stale], { expectedRevision: 'any' })).rejects.toEqual(
      new SchemaVersionNotCurrent(stale.eventId, 'RoleAssigned', 1, 2),
    );
    expect(await raw.readAll()).toEqual([]);
  });

  it('a copy (preserveHashes) keeps its stored version', async () => {
    const source = new InMemoryEventStore();
    await source.append(STREAM, [leadV1()], { expectedRevision: 'noStream' });
    const target = new InMemoryEventStore();
    await upcastingEventStore(target, EVENT_SCHEMAS).append(STREAM, await source.readAll(), { expectedRevision: 'noStream', preserveHashes: true });
    expect(await target.readAll()).toEqual(await source.readAll());
  });
});

describe('what checks, copies and exports the log reads the stored form under an upcasting view', () => {
  const oldLog = async () => {
    const raw = new InMemoryEventStore();
    await raw.append(STREAM, [joined(), leadV1()], { expectedRevision: 'noStream' });
    return { raw, view: upcastingEventStore(raw, EVENT_SCHEMAS) };
  };

  it('rawEventStore unwraps the view (and a view of a view), and leaves a plain store as it is', async () => {
    const { raw, view } = await oldLog();
    expect(rawEventStore(view)).toBe(raw);
    expect(rawEventStore(upcastingEventStore(view, EVENT_SCHEMAS))).toBe(raw);
    expect(rawEventStore(raw)).toBe(raw);
  });

  it('verifyStore passes on the view, though the upcast event no longer matches its hash', async () => {
    const { view } = await oldLog();
    const [, upcast] = await view.readAll();
    expect(chainHash(upcast!)).not.toBe(upcast!.metadata.hash);
    expect(await verifyStore(view)).toMatchObject({ ok: true, eventsChecked: 2 });
    expect(await verifyStore(view, { streamId: STREAM })).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('migrateEventStore and verifyMigration copy and compare the v1 bytes', async () => {
    const { raw, view } = await oldLog();
    const target = new InMemoryEventStore();
    await migrateEventStore(view, upcastingEventStore(target, EVENT_SCHEMAS));
    expect(await target.readAll()).toEqual(await raw.readAll());
    expect(await verifyMigration(view, upcastingEventStore(target, EVENT_SCHEMAS))).toEqual({ events: 2, streams: 1 });
  });
});

describe('eventUpcaster checks its registry before reading anything', () => {
  it('the shipped registry is complete', () => expect(() => eventUpcaster(EVENT_SCHEMAS)).not.toThrow());

  it('a type above v1 without every step below is refused', () =>
    expect(() => eventUpcaster({ currentVersions: { PledgeNoted: 3 }, upcasters: [PLEDGES.upcasters[1]!] })).toThrow('PledgeNoted is at v3 but has no upcaster from v1'));

  it('a step at or past the current version is refused', () =>
    expect(() => eventUpcaster({ currentVersions: { PledgeNoted: 2 }, upcasters: PLEDGES.upcasters })).toThrow('Upcaster for PledgeNoted v2 leads past its current version v2'));

  it('two steps from one version are refused', () =>
    expect(() => eventUpcaster({ currentVersions: PLEDGES.currentVersions, upcasters: [...PLEDGES.upcasters, PLEDGES.upcasters[0]!] })).toThrow('Two upcasters for PledgeNoted v1'));
});
