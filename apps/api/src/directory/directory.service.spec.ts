import { describe, expect, it } from '@jest/globals';
import { CURRENT_SCHEMA_VERSIONS, InMemoryDirectory, type Directory } from '#domain';
import { eventIdFor, InMemoryEventStore, SqliteEventStore, type EventStore, type NewEvent, type ReadAllOptions } from '#event-store';
import { DIRECTORY_EVENT_TYPES, DirectoryService } from './directory.service.js';

/** Everything a directory holds, comparable with toEqual. */
const contents = (directory: Directory) => ({
  organisations: [...directory.organisations()],
  territories: [...directory.territories()],
  programmes: [...directory.programmes()],
  cooperations: [...directory.cooperations()],
  byName: directory.findOrganisationsByName('Réseau Un'),
});

/** Data with every field any indexed event reads, so that an event type the directory indexes visibly changes it. */
const anyData = { organisationId: 'org:x', territoryId: 'territory:x', programmeId: 'programme:x', cooperationId: 'coop:x', name: 'X', aliases: [], territoryIds: [] };

let n = 0;
const recorded = (type: string, data: object): NewEvent => {
  n += 1;
  return {
    eventId: eventIdFor('directory-spec', n),
    type,
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type as keyof typeof CURRENT_SCHEMA_VERSIONS] ?? 1,
    data,
    metadata: { actor: { userId: 'spec' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `c${n}` },
  };
};

/** A log where the directory's facts are a few among many others, closing one of two cooperations. */
const fill = async (store: EventStore): Promise<void> => {
  await store.append('organisation-org:un', [recorded('OrganisationRegistered', { organisationId: 'org:un', name: 'Réseau Un', aliases: ['R1'], kind: 'association', networkMemberships: [] })], { expectedRevision: 'noStream' });
  await store.append('territory-territory:t', [recorded('TerritoryDefined', { territoryId: 'territory:t', name: 'T', kind: 'municipality', componentNames: [], parentTerritoryIds: [], isQpv: false })], { expectedRevision: 'noStream' });
  await store.append('programme-programme:p', [recorded('ProgrammeLaunched', { programmeId: 'programme:p', name: 'P', ownerOrganisationIds: ['org:un'], period: { from: '2025' } })], { expectedRevision: 'noStream' });
  for (const id of ['coop:a', 'coop:b']) {
    await store.append(`cooperation-${id}`, [
      recorded('CooperationProposed', { cooperationId: id, name: id, territoryIds: ['territory:t'], programmeId: 'programme:p' }),
      ...Array.from({ length: 30 }, (_, i) => recorded('MemberJoined', { organisationId: `org:${i}`, membershipType: 'member', joinedOn: '2025' })),
    ], { expectedRevision: 'noStream' });
  }
  await store.append('cooperation-coop:b', [recorded('CooperationClosed', { closedOn: '2026', reason: 'completed', fromPhase: 'implementation' })], { expectedRevision: 30 });
};

/** The directory as it was before it read only its own types: every event of the log applied in order. */
const foldedWhole = async (readAll: EventStore['readAll']): Promise<InMemoryDirectory> => {
  const directory = new InMemoryDirectory();
  for (const event of await readAll()) directory.apply(event);
  return directory;
};

describe('DirectoryService', () => {
  it('indexes exactly the types it reads: InMemoryDirectory changes for those and ignores every other event type', () => {
    const changing = Object.keys(CURRENT_SCHEMA_VERSIONS).filter((type) => {
      const directory = new InMemoryDirectory();
      directory.apply({ streamId: 'cooperation-coop:x', type: 'CooperationProposed', data: anyData });
      const before = JSON.stringify(contents(directory));
      directory.apply({ streamId: 'cooperation-coop:x', type, data: { ...anyData, name: 'Changed' } });
      return JSON.stringify(contents(directory)) !== before;
    });
    expect(changing.sort()).toEqual([...DIRECTORY_EVENT_TYPES].sort());
  });

  for (const [name, open] of [['in-memory', () => new InMemoryEventStore()], ['SQLite', () => SqliteEventStore.open(':memory:')]] as const) {
    it(`folds the same directory as the whole log, reading only the directory's events, and catches up with later ones (${name})`, async () => {
      const store: EventStore = open();
      await fill(store);
      const reads: ReadAllOptions[] = [];
      const readAll = store.readAll.bind(store);
      store.readAll = async (options) => {
        reads.push(options ?? {});
        const events = await readAll(options);
        expect(events.every((e) => DIRECTORY_EVENT_TYPES.includes(e.type))).toBe(true);
        return events;
      };
      const service = new DirectoryService(store);
      await service.onModuleInit();
      expect(contents(await service.current())).toEqual(contents(await foldedWhole(readAll)));
      expect((await service.current()).cooperation('coop:b')).toMatchObject({ closed: true });
      expect(reads.every((options) => options.types === DIRECTORY_EVENT_TYPES)).toBe(true);

      await store.append('cooperation-coop:c', [recorded('CooperationProposed', { cooperationId: 'coop:c', name: 'C', territoryIds: [] })], { expectedRevision: 'noStream' });
      expect((await service.current()).cooperation('coop:c')).toMatchObject({ name: 'C', closed: false });
      await store.close();
    });
  }
});
