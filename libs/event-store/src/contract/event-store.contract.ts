import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import { ConcurrencyConflict, DuplicateEventId, HashChainBroken, MaxAppendSizeExceeded } from '../event-store.errors.js';
import type { EventStore, SubscribeToAllOptions, Subscription } from '../event-store.port.js';
import { chainHash, GENESIS_HASH, GENESIS_TIP, sealEvents, verifyChain } from '../integrity/hash-chain.js';

export interface ContractOptions {
  /** Run only when this environment variable is set (a server the suite needs), and say so otherwise. */
  readonly skipUnless?: string;
  /** The adapter numbers positions 1, 2, 3… (SQLite, in-memory); EventStoreDB's commit positions jump. */
  readonly consecutivePositions?: boolean;
}

export type EventStoreFactory = (options: { maxAppendBytes: number }) => EventStore | Promise<EventStore>;

const LIMIT = 64 * 1024;
/**
 * Event ids differ from one run to the next: a server kept between runs (EventStoreDB) still holds the last run's
 * events, and a read by id or over the whole log must not find those.
 */
const RUN = randomBytes(4).toString('hex');
let sequence = 0;

const newEvent = (type = 'Something', data: object = { n: sequence }): NewEvent => {
  sequence += 1;
  return {
    eventId: `${RUN}-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'user:auditeur', organisationId: 'org:labo-ess', capacity: 'auditor' },
      recordedAt: '2026-11-23T10:00:00.000Z',
      correlationId: 'correlation-1',
      causationId: 'cause-1',
      commandId: 'command-1',
    },
  };
};
const events = (n: number) => Array.from({ length: n }, () => newEvent());

let samples = 0;
/** A new event of `type` with a fresh id and fixed metadata: the specs of the views over the port (upcasting, decrypting). */
export const sampleEvent = (type: string, data: object, schemaVersion = 1): NewEvent => {
  samples += 1;
  return {
    eventId: `00000000-0000-4000-9000-${String(samples).padStart(12, '0')}`,
    type,
    schemaVersion,
    data,
    metadata: { actor: { userId: 'user:archiviste' }, recordedAt: '2025-04-01T09:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: `command-${samples}` },
  };
};

/** Polls until `condition` holds (a subscription delivered what was expected), failing after `timeoutMs`. */
export const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * For a describe block: `subscribe(store)` follows the whole log, gathering what it delivers in `seen`; every
 * subscription opened is closed after each test.
 */
export const subscriptionsClosedAfterEach = () => {
  const open: Subscription[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return (store: EventStore, options: Omit<SubscribeToAllOptions, 'onEvent'> = {}) => {
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ ...options, onEvent: (event) => void seen.push(event) });
    open.push(subscription);
    return { seen, subscription };
  };
};

/** The one behavioural contract of the EventStore port; each adapter binds it in one line. */
export const describeEventStoreContract = (name: string, factory: EventStoreFactory, options: ContractOptions = {}): void => {
  if (options.skipUnless && !process.env[options.skipUnless]) {
    describe(`EventStore contract: ${name}`, () => {
      it.skip(`skipped: set ${options.skipUnless} to run the contract against a real server`, () => undefined);
    });
    // Say it where a person reads the run, not only in the skipped-test count.
    console.warn(`[contract] ${name}: SKIPPED — ${options.skipUnless} is not set, so no server was tested.`);
    return;
  }

  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let stream: string;
    beforeEach(async () => {
      store = await factory({ maxAppendBytes: LIMIT });
      stream = `cooperation-contract-${sequence}-${Math.random().toString(36).slice(2)}`;
    });
    afterEach(async () => store.close());

    describe('append with an expected revision (0-based)', () => {
      it('noStream creates the stream and numbers its events from 0', async () => {
        const result = await store.append(stream, events(3), { expectedRevision: 'noStream' });
        expect(result.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('noStream on an existing stream is a conflict carrying expected and actual', async () => {
        await store.append(stream, events(2), { expectedRevision: 'noStream' });
        const error = await store.append(stream, events(1), { expectedRevision: 'noStream' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(error).toMatchObject({ streamId: stream, expected: 'noStream', actual: 1 });
      });

      it('an exact revision appends only while the stream is still there', async () => {
        await store.append(stream, events(2), { expectedRevision: 'noStream' });
        expect((await store.append(stream, events(1), { expectedRevision: 1 })).nextExpectedRevision).toBe(2);
        const stale = await store.append(stream, events(1), { expectedRevision: 1 }).catch((e: unknown) => e);
        expect(stale).toMatchObject({ code: 'ConcurrencyConflict', expected: 1, actual: 2 });
      });

      it('an exact revision on a missing stream is a conflict with actual noStream', async () => {
        const error = await store.append(stream, events(1), { expectedRevision: 0 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'ConcurrencyConflict', expected: 0, actual: 'noStream' });
      });

      it('streamExists requires the stream', async () => {
        const missing = await store.append(stream, events(1), { expectedRevision: 'streamExists' }).catch((e: unknown) => e);
        expect(missing).toMatchObject({ code: 'ConcurrencyConflict', expected: 'streamExists', actual: 'noStream' });
        await store.append(stream, events(1), { expectedRevision: 'noStream' });
        expect((await store.append(stream, events(1), { expectedRevision: 'streamExists' })).nextExpectedRevision).toBe(1);
      });

      it('any appends whatever the stream holds', async () => {
        await store.append(stream, events(1), { expectedRevision: 'any' });
        expect((await store.append(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(1);
      });

      it('of concurrent appends expecting the same revision exactly one wins', async () => {
        await store.append(stream, events(1), { expectedRevision: 'noStream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(stream, events(1), { expectedRevision: 0 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
        expect(verifyChain(await store.readStream(stream))).toMatchObject({ ok: true, eventsChecked: 2 });
      });

      it('a batch is all or nothing: a duplicate event id rejects it whole', async () => {
        const first = newEvent();
        await store.append(stream, [first], { expectedRevision: 'noStream' });
        const error = await store.append(stream, [newEvent(), first], { expectedRevision: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an append larger than the limit and writes nothing', async () => {
        const huge = newEvent('Huge', { text: 'é'.repeat(LIMIT) });
        const error = await store.append(stream, [huge], { expectedRevision: 'any' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MaxAppendSizeExceeded);
        expect(error).toMatchObject({ limit: LIMIT });
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('the envelope', () => {
      it('keeps type, schema version, data and metadata exactly (French text, emoji, right-to-left)', async () => {
        const event = newEvent('CharterSigned', { label: 'Habitant·e·s du quartier — l’atelier 🌱 مرحبا', n: 1.5, nested: { list: [1, 'deux'] } });
        await store.append(stream, [event], { expectedRevision: 'noStream' });
        const [stored] = await store.readStream(stream);
        expect(stored).toMatchObject({ ...event, streamId: stream, revision: 0 });
        expect(stored!.metadata).toEqual({ ...event.metadata, previousHash: GENESIS_HASH, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      });

      it('keeps stream ids and types with quotes, backslashes, control characters and accents, through every read', async () => {
        const odd = 'a"b\\c\u0001d’é🌱';
        const oddStream = `${stream}-${odd}`;
        const event = newEvent(`Type${odd}`); // event ids stay UUIDs: EventStoreDB takes no other
        const before = await store.headPosition();
        await store.append(oddStream, [event], { expectedRevision: 'noStream' });
        const expected = { eventId: event.eventId, type: event.type, streamId: oddStream, revision: 0 };
        expect((await store.readStream(oddStream))[0]).toMatchObject(expected);
        expect((await store.readStream(oddStream, { direction: 'backwards' }))[0]).toMatchObject(expected);
        expect((await store.readAll()).find((e) => e.eventId === event.eventId)).toMatchObject(expected);
        expect(await store.readAll({ ...(before === undefined ? {} : { after: before }), types: [event.type] })).toEqual([expect.objectContaining(expected)]);
      });
    });

    describe('the hash chain (tamper evidence)', () => {
      const hashes = (list: readonly RecordedEvent[]) => list.map((e) => [e.metadata.previousHash, e.metadata.hash]);

      it('every appended event carries previousHash and hash, chained per stream from 64 zeros', async () => {
        await store.append(stream, events(2), { expectedRevision: 'noStream' });
        await store.append(`${stream}-b`, events(1), { expectedRevision: 'noStream' });
        await store.append(stream, events(1), { expectedRevision: 1 });
        const [a, b] = [await store.readStream(stream), await store.readStream(`${stream}-b`)];
        expect(a.map((e) => e.metadata.previousHash)).toEqual([GENESIS_HASH, a[0]!.metadata.hash, a[1]!.metadata.hash]);
        expect(b[0]!.metadata.previousHash).toBe(GENESIS_HASH);
        for (const e of [...a, ...b]) expect(e.metadata.hash).toBe(chainHash(e));
        expect(new Set([...a, ...b].map((e) => e.metadata.hash)).size).toBe(4);
        expect(verifyChain(a)).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 1, unchainedEvents: 0 });
      });

      it('hashes are stable across reads: forwards, backwards, the global log', async () => {
        const before = await store.headPosition();
        await store.append(stream, events(3), { expectedRevision: 'noStream' });
        const forwards = await store.readStream(stream);
        expect(hashes(await store.readStream(stream))).toEqual(hashes(forwards));
        expect(hashes(await store.readStream(stream, { direction: 'backwards' })).reverse()).toEqual(hashes(forwards));
        const log = (await store.readAll(before === undefined ? {} : { after: before })).filter((e) => e.streamId === stream);
        expect(hashes(log)).toEqual(hashes(forwards));
      });

      it('the store makes the hashes: any a caller sends are replaced', async () => {
        const forged = newEvent();
        await store.append(stream, [{ ...forged, metadata: { ...forged.metadata, previousHash: 'f'.repeat(64), hash: 'f'.repeat(64) } }], { expectedRevision: 'noStream' });
        const [stored] = await store.readStream(stream);
        expect(stored!.metadata.previousHash).toBe(GENESIS_HASH);
        expect(stored!.metadata.hash).toBe(chainHash(stored!));
      });

      it('a copy (preserveHashes) keeps hashes verbatim, and refuses an event that does not chain, writing nothing', async () => {
        const copied = sealEvents(stream, GENESIS_TIP, 0, events(2));
        await store.append(stream, copied, { expectedRevision: 'noStream', preserveHashes: true });
        expect((await store.readStream(stream)).map((e) => e.metadata)).toEqual(copied.map((e) => e.metadata));
        const [next] = sealEvents(stream, { hash: copied[1]!.metadata.hash!, chained: true }, 2, events(1));
        const altered = { ...next!, data: { n: -1 } };
        const error = await store.append(stream, [altered], { expectedRevision: 1, preserveHashes: true }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HashChainBroken);
        expect(error).toMatchObject({ chainBreak: { streamId: stream, revision: 2, eventId: altered.eventId, reason: 'hashMismatch', found: next!.metadata.hash } });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('events recorded before the chain are copied without a hash; the next append chains from their computed hash', async () => {
        await store.append(stream, events(2), { expectedRevision: 'noStream', preserveHashes: true });
        await store.append(stream, events(1), { expectedRevision: 1 });
        const history = await store.readStream(stream);
        expect(history.map((e) => e.metadata.hash === undefined)).toEqual([true, true, false]);
        expect(history[2]!.metadata.previousHash).not.toBe(GENESIS_HASH);
        expect(verifyChain(history)).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 1, unchainedEvents: 2 });
        const unhashed = await store.append(stream, events(1), { expectedRevision: 2, preserveHashes: true }).catch((e: unknown) => e);
        expect(unhashed).toMatchObject({ code: 'HashChainBroken', chainBreak: { revision: 3, reason: 'missingHash', found: null } });
      });
    });

    describe('reading a stream', () => {
      it('reads forwards from a revision, with a count', async () => {
        await store.append(stream, events(5), { expectedRevision: 'noStream' });
        expect((await store.readStream(stream, { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3, 4]);
        expect((await store.readStream(stream, { fromRevision: 1, maxCount: 2 })).map((e) => e.revision)).toEqual([1, 2]);
      });

      it('reads backwards from a revision, with a count', async () => {
        await store.append(stream, events(5), { expectedRevision: 'noStream' });
        expect((await store.readStream(stream, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
        expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 })).map((e) => e.revision)).toEqual([3, 2]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(`${stream}-missing`)).toEqual([]);
        expect(await store.readStreamForFold(`${stream}-missing`)).toEqual([]);
      });

      it('reads for a fold what readStream reads forwards: ids, type, version, data, record time and command id', async () => {
        const stamped = (event: NewEvent, i: number): NewEvent => ({ ...event, metadata: { ...event.metadata, commandId: `command-${i}`, recordedAt: `2026-11-23T10:0${i}:00.000Z` } });
        await store.append(stream, [newEvent('Noted', { text: 'Réunion « plénière » 🌱', n: [1, 2] }), ...events(4)].map(stamped), { expectedRevision: 'noStream' });
        const asFolded = (e: RecordedEvent) => ({
          eventId: e.eventId,
          streamId: e.streamId,
          revision: e.revision,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: { recordedAt: e.metadata.recordedAt, commandId: e.metadata.commandId },
        });
        const narrowed = (read: readonly object[]) => read.map((e) => asFolded(e as RecordedEvent));
        expect(narrowed(await store.readStreamForFold(stream))).toEqual((await store.readStream(stream)).map(asFolded));
        expect(narrowed(await store.readStreamForFold(stream, { fromRevision: 1, maxCount: 2 }))).toEqual((await store.readStream(stream, { fromRevision: 1, maxCount: 2 })).map(asFolded));
        expect((await store.readStreamForFold(stream, { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4]);
        // A long read's page (`background`) may be read elsewhere than on the event loop; never read differently.
        expect(narrowed(await store.readStreamForFold(stream, { fromRevision: 1, maxCount: 3, background: true }))).toEqual((await store.readStream(stream, { fromRevision: 1, maxCount: 3 })).map(asFolded));
      });
    });

    describe('the global log', () => {
      it('orders every event of every stream, with increasing positions and no gaps', async () => {
        const before = await store.headPosition();
        await store.append(stream, events(2), { expectedRevision: 'noStream' });
        await store.append(`${stream}-b`, events(1), { expectedRevision: 'noStream' }).catch(() => undefined);
        await store.append(stream, events(1), { expectedRevision: 0 }).catch(() => undefined); // refused: no position used
        await store.append(stream, events(1), { expectedRevision: 1 });
        const log = await store.readAll(before === undefined ? {} : { after: before });
        expect(log.map((e) => `${e.streamId === stream ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2']);
        for (let i = 1; i < log.length; i++) {
          expect(store.comparePositions(log[i]!.position, log[i - 1]!.position)).toBeGreaterThan(0);
          // no gap: what follows a position is exactly the next event
          expect((await store.readAll({ after: log[i - 1]!.position, maxCount: 1 }))[0]!.eventId).toBe(log[i]!.eventId);
        }
        if (options.consecutivePositions) {
          expect(log.map((e) => Number(e.position) - Number(log[0]!.position))).toEqual([0, 1, 2, 3]);
        }
        expect(await store.headPosition()).toBe(log.at(-1)!.position);
      });

      it('reads after a position, with a count', async () => {
        const before = await store.headPosition();
        await store.append(stream, events(4), { expectedRevision: 'noStream' });
        const all = await store.readAll(before === undefined ? {} : { after: before });
        const page = await store.readAll({ after: all[0]!.position, maxCount: 2 });
        expect(page.map((e) => e.revision)).toEqual([1, 2]);
      });

      it('reads only the types asked for, in log order, with their positions, the count counting only them', async () => {
        const before = await store.headPosition();
        const after = before === undefined ? {} : { after: before };
        await store.append(stream, [newEvent('Kept'), newEvent('Other'), newEvent('AlsoKept'), newEvent('Other'), newEvent('Kept')], { expectedRevision: 'noStream' });
        const all = await store.readAll(after);
        const kept = await store.readAll({ ...after, types: ['Kept', 'AlsoKept'] });
        expect(kept).toEqual(all.filter((e) => e.type !== 'Other'));
        expect((await store.readAll({ ...after, types: ['Kept', 'AlsoKept'], maxCount: 2 })).map((e) => e.revision)).toEqual([0, 2]);
        expect((await store.readAll({ after: kept[1]!.position, types: ['Kept'] })).map((e) => e.revision)).toEqual([4]);
        expect(await store.readAll({ ...after, types: ['Missing'] })).toEqual([]);
      });

      it('reads only the streams asked for, interleaved in log order, with their positions, the count counting only them', async () => {
        const before = await store.headPosition();
        const after = before === undefined ? {} : { after: before };
        const [other, third] = [`${stream}-other`, `${stream}-third`];
        await store.append(stream, [newEvent('Kept')], { expectedRevision: 'noStream' });
        await store.append(other, [newEvent('Other')], { expectedRevision: 'noStream' });
        await store.append(third, [newEvent('Kept'), newEvent('Dropped')], { expectedRevision: 'noStream' });
        await store.append(stream, [newEvent('Dropped')], { expectedRevision: 0 });
        const all = await store.readAll(after);
        const asked = await store.readAll({ ...after, streamIds: [third, stream] });
        expect(asked).toEqual(all.filter((e) => e.streamId !== other));
        expect((await store.readAll({ ...after, streamIds: [third, stream], maxCount: 2 })).map((e) => [e.streamId, e.revision])).toEqual([[stream, 0], [third, 0]]);
        expect((await store.readAll({ after: asked[1]!.position, streamIds: [third, stream] })).map((e) => [e.streamId, e.revision])).toEqual([[third, 1], [stream, 1]]);
        expect((await store.readAll({ ...after, streamIds: [third, stream], types: ['Kept'] })).map((e) => [e.streamId, e.revision])).toEqual([[stream, 0], [third, 0]]);
        expect(await store.readAll({ ...after, streamIds: [`${stream}-missing`] })).toEqual([]);
        expect(await store.readAll({ ...after, streamIds: [] })).toEqual([]);
      });
    });

    describe('finding events (an auditor asks of one event)', () => {
      /** A new event under its own correlation. */
      const correlatedEvent = (correlationId: string): NewEvent => {
        const event = newEvent();
        return { ...event, metadata: { ...event.metadata, correlationId } };
      };

      it('finds an event by id in whichever stream, as every other read returns it; nothing for an unknown id', async () => {
        await store.append(stream, events(2), { expectedRevision: 'noStream' });
        await store.append(`${stream}-b`, events(3), { expectedRevision: 'noStream' });
        const [, second] = await store.readStream(`${stream}-b`);
        expect(await store.readEvent(second!.eventId)).toEqual(second);
        expect(await store.readEvent(`${RUN}-0000-4000-8000-ffffffffffff`)).toBeUndefined();
      });

      it('reads a correlation across streams, in log order, and nothing else', async () => {
        const correlation = `correlation-${stream}`;
        await store.append(stream, [correlatedEvent(correlation), newEvent(), correlatedEvent(correlation)], { expectedRevision: 'noStream' });
        await store.append(`${stream}-b`, [correlatedEvent(correlation)], { expectedRevision: 'noStream' });
        const correlated = await store.readCorrelated(correlation);
        expect(correlated.map((e) => `${e.streamId === stream ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a2', 'b0']);
        expect(correlated[0]).toEqual((await store.readStream(stream))[0]);
        expect(await store.readCorrelated(`${correlation}-none`)).toEqual([]);
      });
    });

    describe('subscribing to all', () => {
      it('catches up from a position, then delivers live appends in order', async () => {
        await store.append(stream, events(3), { expectedRevision: 'noStream' });
        const [first] = await store.readStream(stream);
        const seen: RecordedEvent[] = [];
        let caughtUp = false;
        const subscription = store.subscribeToAll({
          after: first!.position,
          onEvent: (e) => {
            if (e.streamId === stream) seen.push(e);
          },
          onCaughtUp: () => {
            caughtUp = true;
          },
        });
        await waitFor(() => caughtUp);
        expect(seen.map((e) => e.revision)).toEqual([1, 2]);
        expect(subscription.state).toBe('live');
        await store.append(stream, events(2), { expectedRevision: 2 });
        await waitFor(() => seen.length === 4);
        expect(seen.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
        await subscription.close();
        expect(subscription.state).toBe('stopped');
      });

      it('stops visibly on an event its handler cannot take (poison event), never skipping it', async () => {
        await store.append(stream, events(3), { expectedRevision: 'noStream' });
        const [, poison] = await store.readStream(stream);
        let failedOn: RecordedEvent | undefined;
        const seen: string[] = [];
        const subscription = store.subscribeToAll({
          onEvent: (e) => {
            if (e.eventId === poison!.eventId) throw new Error('cannot project');
            seen.push(e.eventId);
          },
          onError: (_error, event) => {
            failedOn = event;
          },
        });
        await waitFor(() => failedOn !== undefined);
        expect(failedOn!.eventId).toBe(poison!.eventId);
        expect(subscription.state).toBe('stopped');
        expect(seen).not.toContain(poison!.eventId);
        await subscription.close();
      });
    });
  });
};
