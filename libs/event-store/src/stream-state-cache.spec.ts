import { describe, expect, it } from '@jest/globals';
import { cooperationDecider, fold, type CooperationEvent, type CooperationState, type Decider, type DomainEvent } from '#domain';
import { InMemoryEventStore } from './adapters/in-memory.event-store.js';
import { eventIdFor } from './command-ids.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { ConcurrencyConflict } from './event-store.errors.js';
import type { EventStore } from './event-store.port.js';
import { eventStoreView } from './event-store-view.js';
import { handleCommand, IdempotencyKeyReused, toDomainEvent, type CommandMessage } from './handle-command.js';
import { InMemoryPersonKeys } from './personal-data/person-keys.js';
import { personalDataEventStore } from './personal-data/personal-data.event-store.js';
import { ERASED_PERSONAL_DATA } from './personal-data/personal-value.codec.js';
import { foldOf, StreamStateCache, type StreamFold } from './stream-state-cache.js';

/** A stream of notes: the state is every note so far, and how many times `evolve` ran (folds counted). */
type Note = DomainEvent<'Noted', { text: string }>;
type Add = { type: 'Add'; data: { text: string }; metadata: { now: string; today: string; actor: { userId: string } } };
interface Notes {
  readonly texts: readonly string[];
}
let evolved = 0;
const notes: Decider<Add, Note, Notes, unknown> = {
  initialState: () => ({ texts: [] }),
  evolve: (state, event) => {
    evolved += 1;
    return { texts: [...state.texts, event.data.text] };
  },
  decide: (command) => [{ type: 'Noted', data: { text: command.data.text } }],
  businessDateOf: () => undefined,
};
/** The fold of the whole prefix, uncounted: what every cached answer must equal. */
const fullFold = (events: readonly RecordedEvent[]): Notes => ({ texts: events.map((e) => (e.data as Note['data']).text) });

const STREAM = 'notes-1';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const noted = (n: number, recordedAt = at(n), commandId = `command-${n}`): NewEvent => ({
  eventId: eventIdFor(commandId, 0),
  type: 'Noted',
  schemaVersion: 1,
  data: { text: `note ${n}` },
  metadata: { actor: { userId: 'test' }, recordedAt, correlationId: commandId, causationId: commandId, commandId },
});
const appendNotes = async (store: EventStore, from: number, count: number, streamId = STREAM) => {
  for (let n = from; n < from + count; n++) await store.append(streamId, [noted(n, at(n), `${streamId}-${n}`)], { expectedRevision: 'any' });
};
const add = (text: string, commandId: string, extra: Partial<CommandMessage<Add>> = {}): CommandMessage<Add> => ({
  streamId: STREAM,
  command: { type: 'Add', data: { text }, metadata: { now: at(999), today: at(999).slice(0, 10), actor: { userId: 'test' } } },
  commandId,
  ...extra,
});

describe('StreamStateCache: folded states kept between calls, continued with the events appended since', () => {
  it('folds a stream once, then only what was appended after, and always equals the fold of the whole stream', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache(store, foldOf(notes));
    await appendNotes(store, 0, 30);
    evolved = 0;
    expect((await cache.head(STREAM)).state).toEqual(fullFold(await store.readStream(STREAM)));
    expect(evolved).toBe(30);
    await appendNotes(store, 30, 2);
    evolved = 0;
    const head = await cache.head(STREAM);
    expect(evolved).toBe(2);
    expect(head).toMatchObject({ revision: 31, recordedAt: at(31), state: fullFold(await store.readStream(STREAM)) });
    evolved = 0;
    await cache.head(STREAM);
    expect(evolved).toBe(0);
  });

  it('shares the first fold of a stream between concurrent callers', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 0, 50);
    const cache = new StreamStateCache(store, foldOf(notes));
    evolved = 0;
    const heads = await Promise.all([cache.head(STREAM), cache.head(STREAM), cache.atRevision(STREAM, 49)]);
    expect(heads.map((h) => h.revision)).toEqual([49, 49, 49]);
    expect(evolved).toBe(50);
  });

  it('answers a past revision and a past record time from the nearest snapshot, as the fold of that prefix would', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 0, 95);
    const cache = new StreamStateCache(store, foldOf(notes), { snapshotEvery: 10 });
    const events = await store.readStream(STREAM);
    await cache.head(STREAM);
    for (const revision of [0, 9, 10, 37, 89, 93, 94]) {
      evolved = 0;
      const folded = await cache.atRevision(STREAM, revision);
      expect(folded).toMatchObject({ revision, recordedAt: at(revision), state: fullFold(events.slice(0, revision + 1)) });
      expect(evolved).toBeLessThan(10);
    }
    for (const minute of [0, 5, 20, 55, 94, 500]) {
      const instant = new Date(Date.parse(at(minute)) + 30_000).toISOString();
      const folded = await cache.recordedBy(STREAM, instant);
      const known = events.filter((e) => e.metadata.recordedAt <= instant);
      expect(folded).toMatchObject({ revision: known.at(-1)!.revision, state: fullFold(known) });
    }
    expect((await cache.recordedBy(STREAM, '2025-12-31T00:00:00.000Z'))?.revision).toBe(-1);
  });

  it('reads a cold stream a page at a time, and finds each command by the first revision it recorded, before and after the first lookup', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 0, 25);
    const reads: string[] = [];
    const readStreamForFold = store.readStreamForFold.bind(store);
    store.readStreamForFold = async (streamId, options) => {
      // Each read as asked: from where, how many, whether in the background, and how many events were folded by then.
      reads.push(`${options?.fromRevision}+${options?.maxCount}${options?.background ? ' background' : ''} after ${evolved} folded`);
      return readStreamForFold(streamId, options);
    };
    const cache = new StreamStateCache(store, foldOf(notes), { snapshotEvery: 10 });
    evolved = 0;
    const head = await cache.head(STREAM);
    expect(head).toMatchObject({ revision: 24, state: fullFold(await store.readStream(STREAM)) });
    // The first page is read at once; once it comes back full, the two pages after it are asked for before it is
    // folded, so a store reading off the event loop reads them meanwhile (the last one, past the end, comes back empty).
    expect(reads).toEqual(['0+10 after 0 folded', '10+10 background after 0 folded', '20+10 background after 0 folded', '30+10 background after 10 folded']);
    expect(head.revisionOfCommand(`${STREAM}-3`)).toBe(3);
    expect(head.revisionOfCommand('never-sent')).toBeUndefined();
    // A command of two events, appended after the first lookup: its first revision; a warm tail is one read, at once.
    reads.length = 0;
    await store.append(STREAM, [noted(25, at(25), 'twice'), { ...noted(26, at(26), 'twice'), eventId: 'twice-second' }], { expectedRevision: 24 });
    expect((await cache.head(STREAM)).revisionOfCommand('twice')).toBe(25);
    expect(reads).toEqual(['25+10 after 25 folded']);
    // A tail longer than a page is a long read again, from its second page.
    reads.length = 0;
    await appendNotes(store, 27, 12);
    expect((await cache.head(STREAM)).state).toEqual(fullFold(await store.readStream(STREAM)));
    expect(reads).toEqual(['27+10 after 27 folded', '37+10 background after 27 folded', '47+10 background after 27 folded']);
  });

  it('leaves a stream whose record times go backwards (two nodes’ clocks) to the caller, who filters it whole', async () => {
    const store = new InMemoryEventStore();
    await store.append(STREAM, [noted(0, at(10)), noted(1, at(5), 'command-1')], { expectedRevision: 'noStream' });
    const cache = new StreamStateCache(store, foldOf(notes));
    expect(await cache.recordedBy(STREAM, at(7))).toBeUndefined();
    expect((await cache.head(STREAM)).revision).toBe(1);
  });

  it('keeps no entry for a stream that does not exist, and stays within its event budget, least recently used first', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache(store, foldOf(notes), { maxEvents: 25 });
    expect((await cache.head('notes-unknown')).revision).toBe(-1);
    expect(cache.size).toEqual({ streams: 0, events: 0 });
    for (const streamId of ['notes-a', 'notes-b', 'notes-c']) await appendNotes(store, 0, 10, streamId);
    await cache.head('notes-a');
    await cache.head('notes-b');
    expect(cache.size).toEqual({ streams: 2, events: 20 });
    await cache.head('notes-a');
    await cache.head('notes-c');
    expect(cache.size).toEqual({ streams: 2, events: 20 });
    evolved = 0;
    await cache.head('notes-a');
    expect(evolved).toBe(0); // kept: used more recently than notes-b, which went
    await appendNotes(store, 0, 30, 'notes-long');
    expect((await cache.head('notes-long')).state.texts).toHaveLength(30); // longer than the budget: answered, not kept
    expect(cache.size.events).toBeLessThanOrEqual(25);
  });

  it('drops every state when the epoch moves (a person erased): no decrypted value outlives its key', async () => {
    const keys = new InMemoryPersonKeys();
    const store = personalDataEventStore(new InMemoryEventStore(), keys);
    const cache = new StreamStateCache<CooperationState>(store, foldOf(cooperationDecider), { epoch: () => keys.erasures() });
    const coop = 'cooperation-coop:erasure';
    const designated = (personId: string, personName: string): NewEvent => ({
      eventId: eventIdFor(`designate-${personId}`, 0),
      type: 'RepresentativeDesignated',
      schemaVersion: 1,
      data: { organisationId: 'org:a', personId, personName, title: 'Présidente', capacities: ['sign'], scope: 'cooperation', from: '2025' },
      metadata: { actor: { userId: 'test' }, recordedAt: at(1), correlationId: 'c', causationId: 'c', commandId: `designate-${personId}` },
    });
    await store.append(coop, [designated('person:marianne', 'Marianne Morini'), designated('person:yassine', 'Yassine Ennomany')], { expectedRevision: 'noStream' });
    const names = async () => (await cache.head(coop)).state.representatives.map((r) => [r.personName, r.title]);
    expect(await names()).toEqual([['Marianne Morini', 'Présidente'], ['Yassine Ennomany', 'Présidente']]);
    keys.erase('person:marianne', at(2));
    expect(await names()).toEqual([[ERASED_PERSONAL_DATA, ERASED_PERSONAL_DATA], ['Yassine Ennomany', 'Présidente']]);
    expect(JSON.stringify((await cache.atRevision(coop, 0)).state)).not.toContain('Marianne Morini');
  });
});

describe('handleCommand with a cache: the same answers as folding the whole stream', () => {
  it('two nodes on one log, each with its own cache: each sees the other’s appends, and a lost race is decided again on fresh state', async () => {
    const store = new InMemoryEventStore();
    // Each node its own store object over the one log: commands take turns only within a process.
    const storeOf = new Map<StreamStateCache<Notes>, EventStore>();
    const node = (nodeStore: EventStore) => {
      const cache = new StreamStateCache(nodeStore, foldOf(notes));
      storeOf.set(cache, nodeStore);
      return cache;
    };
    const [nodeA, nodeB] = [node(store), node(eventStoreView(store, { read: (event) => event }))];
    const on = (cache: StreamStateCache<Notes>, message: CommandMessage<Add>) => handleCommand(storeOf.get(cache)!, notes, message, { context: () => undefined, cache });
    await on(nodeA, add('a1', 'a1'));
    await on(nodeB, add('b1', 'b1'));
    await on(nodeA, add('a2', 'a2'));
    // Concurrent writers on both nodes: every command lands once, in some order, and both caches agree with the log.
    await Promise.all([on(nodeA, add('a3', 'a3')), on(nodeB, add('b2', 'b2')), on(nodeA, add('a4', 'a4')), on(nodeB, add('b3', 'b3'))]);
    const log = await store.readStream(STREAM);
    expect(log).toHaveLength(7);
    for (const cache of [nodeA, nodeB]) expect((await cache.head(STREAM)).state).toEqual(fullFold(log));
    expect(fullFold(log).texts.slice(0, 3)).toEqual(['a1', 'b1', 'a2']);
    // With If-Match, a stale expectation is a conflict whatever the cache holds.
    await expect(on(nodeB, add('b4', 'b4', { expectedRevision: 2 }))).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('commands on one stream in one process take turns: none loses a race to another, even with a single attempt', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache(store, foldOf(notes));
    const texts = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const outcomes = await Promise.allSettled(texts.map((text) => handleCommand(store, notes, add(text, text), { context: () => undefined, cache, maxAttempts: 1 })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(texts.map(() => 'fulfilled'));
    expect(fullFold(await store.readStream(STREAM)).texts).toEqual(texts);
  });

  it('a command whose revision another process keeps winning is decided again on fresh state, ten times at most, then refused', async () => {
    /** Another node appends to the stream just before each of the command's first `wins` appends. */
    const againstRival = async (wins: number) => {
      const store = new InMemoryEventStore();
      let won = 0;
      const contested = eventStoreView(store, {
        read: (event) => event,
        append: async (streamId, events) => {
          if (won < wins) await store.append(streamId, [noted((won += 1))], { expectedRevision: 'any' });
          return events;
        },
      });
      const outcome = await handleCommand(contested, notes, add('mine', 'mine'), { context: () => undefined }).then(
        () => 'recorded',
        (error: unknown) => (error instanceof ConcurrencyConflict ? 'ConcurrencyConflict' : error),
      );
      return { outcome, log: fullFold(await store.readStream(STREAM)).texts };
    };
    const rivals = (count: number) => Array.from({ length: count }, (_, i) => `note ${i + 1}`);
    expect(await againstRival(9)).toEqual({ outcome: 'recorded', log: [...rivals(9), 'mine'] });
    expect(await againstRival(10)).toEqual({ outcome: 'ConcurrencyConflict', log: rivals(10) });
  });

  it('stamps who each event is shared with: the consortium unless the command says otherwise (domain.md §8.1)', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, notes, add('brouillon', 'c-1'), { context: () => undefined });
    await handleCommand(store, notes, add('bilan partagé', 'c-2', { visibility: 'funders' }), { context: () => undefined });
    expect((await store.readStream(STREAM)).map((e) => e.metadata.visibility)).toEqual(['consortium', 'funders']);
  });

  it('a command id whose events another stream already holds (a key reused for another stream) is refused as a reused key, at once, and appends nothing', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, notes, { ...add('elsewhere', 'reused'), streamId: 'notes-2' }, { context: () => undefined });
    await expect(handleCommand(store, notes, add('here', 'reused'), { context: () => undefined })).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.readStream(STREAM)).toEqual([]);
  });

  it('a retried command id replays its first answer from the log, and refuses another body under the same key', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache(store, foldOf(notes));
    const run = (message: CommandMessage<Add>) => handleCommand(store, notes, message, { context: () => undefined, cache });
    const first = await run(add('first', 'key-1', { commandHash: 'h1' }));
    await run(add('second', 'key-2', { commandHash: 'h2' }));
    const again = await run(add('first', 'key-1', { commandHash: 'h1' }));
    expect(again).toMatchObject({ replayed: true, revision: first.revision, events: first.events, recorded: [{ type: 'Noted', data: { text: 'first' } }] });
    await expect(run(add('other', 'key-1', { commandHash: 'h3' }))).rejects.toBeInstanceOf(IdempotencyKeyReused);
    // A node that never saw key-2 being recorded still knows it from the log.
    const otherNode = new StreamStateCache(store, foldOf(notes));
    expect(await handleCommand(store, notes, add('second', 'key-2', { commandHash: 'h2' }), { context: () => undefined, cache: otherNode })).toMatchObject({ replayed: true, revision: 1 });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('foldOf: a decider’s evolveAll is used for runs of events', () => {
  it('gives the state evolve gives one event at a time, and never changes the state it starts from', async () => {
    const store = new InMemoryEventStore();
    const stream = 'cooperation-coop:fold';
    const members = Array.from({ length: 40 }, (_, i) => `org:m${i}`);
    const events: NewEvent[] = [
      { type: 'CooperationProposed', data: { cooperationId: 'coop:fold', name: 'Pliage', purpose: 'Plier', levers: [], territoryIds: ['territory:x'], form: 'consortium', origin: 'preExisting', initiatorOrganisationIds: ['org:m0'], proposedOn: '2025' } },
      ...members.flatMap((organisationId, i) => [
        { type: 'MemberJoined', data: { organisationId, membershipType: 'member', joinedOn: '2025' } },
        { type: 'RoleAssigned', data: { assignmentId: `assignment:${i}`, organisationId, role: 'Funder', from: '2025' } },
        { type: 'MilestonePlanned', data: { milestoneId: `milestone:${i}`, label: `Jalon ${i}`, kind: 'other', dueBy: '2026', warnings: [] } },
        ...(i % 3 === 0 ? [{ type: 'MemberLeft', data: { organisationId, leftOn: '2025', reason: 'départ' } }] : []),
      ]),
    ].map((e, n) => ({ ...noted(n, at(n), `fold-${n}`), ...e }));
    await store.append(stream, events, { expectedRevision: 'noStream' });
    const recorded = await store.readStream(stream);
    const oneByOne = fold(cooperationDecider.evolve, cooperationDecider.initialState(), recorded.map((e) => toDomainEvent<CooperationEvent>(e)));
    const fold7: StreamFold<CooperationState> = foldOf(cooperationDecider);
    expect(fold7.evolveAll).toBeDefined();
    const cache = new StreamStateCache(store, fold7, { snapshotEvery: 7 });
    expect((await cache.head(stream)).state).toEqual(oneByOne);
    const middle = await cache.atRevision(stream, 60);
    expect(middle.state).toEqual(fold(cooperationDecider.evolve, cooperationDecider.initialState(), recorded.slice(0, 61).map((e) => toDomainEvent<CooperationEvent>(e))));
    // Folding on from a cached state (a snapshot, the head) leaves that state as it was.
    const snapshot = (await cache.atRevision(stream, 55)).state;
    const head = (await cache.head(stream)).state;
    const [snapshotBefore, headBefore] = [JSON.stringify(snapshot), JSON.stringify(head)];
    for (const revision of [56, 58, 61]) await cache.atRevision(stream, revision);
    await store.append(stream, [{ ...noted(999, at(999), 'fold-more'), type: 'MemberJoined', data: { organisationId: 'org:late', membershipType: 'member', joinedOn: '2025' } }], { expectedRevision: 'any' });
    expect((await cache.head(stream)).state.participants['org:late']).toBeDefined();
    expect([JSON.stringify(snapshot), JSON.stringify(head)]).toEqual([snapshotBefore, headBefore]);
  });
});
