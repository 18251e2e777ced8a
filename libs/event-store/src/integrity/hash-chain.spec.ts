import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../canonical-json.js';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import { chainHash, GENESIS_HASH, GENESIS_TIP, sealEvents, verifyChain } from './hash-chain.js';

const A = 'cooperation-coop:citees-marseille';
const B = 'organisation-org:inter-made';

let n = 0;
const event = (type: string, data: object): NewEvent => {
  n += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'local', capacity: 'operator' },
      recordedAt: `2026-01-0${n % 9 + 1}T10:00:00.000Z`,
      correlationId: `correlation-${n}`,
      causationId: `command-${n}`,
      commandId: `command-${n}`,
      occurredAt: { date: '2025', precision: 'year' },
      source: { document: '000_0dc475c9d600a2f3.txt', lines: '524-632', confidence: 'stated' },
    },
  };
};

/** Events as a store records them: sealed on their stream, with a revision and a position. */
const recorded = (streamId: string, events: readonly NewEvent[]): RecordedEvent[] =>
  sealEvents(streamId, GENESIS_TIP, 0, events).map((e, revision) => ({ ...e, streamId, revision, position: '' }));

/** A global log interleaving two streams: a0 b0 a1 b1 a2, positions 1 to 5. */
const LOG = ((): RecordedEvent[] => {
  const [a0, a1, a2] = recorded(A, [
    event('CooperationProposed', { name: 'CITÉES Marseille' }),
    event('RepresentativeDesignated', { organisationId: 'org:inter-made', personName: 'Philippine Ménier' }),
    event('CooperationStarted', { launchLabel: 'Naissance du consortium CITÉES' }),
  ]);
  const [b0, b1] = recorded(B, [event('OrganisationRegistered', { name: 'Inter-Made' }), event('OrganisationRenamed', { name: 'InterMade' })]);
  return [a0!, b0!, a1!, b1!, a2!].map((e, i) => ({ ...e, position: String(i + 1) }));
})();
const log = (): RecordedEvent[] => structuredClone(LOG);

/** The log with its event at `index` replaced: tampering done on the stored row, the stored hashes left as they were. */
const tampered = (index: number, change: (e: RecordedEvent) => RecordedEvent): RecordedEvent[] => log().map((e, i) => (i === index ? change(e) : e));

const brokenAt = (events: RecordedEvent[]) => verifyChain(events).firstBreak;

describe('the hash chain', () => {
  it('is SHA-256 over the canonical JSON of id, stream, revision, type, schema version, data and metadata without its own hash', () => {
    const [e] = log();
    const { hash: _own, ...metadata } = e!.metadata;
    const expected = createHash('sha256')
      .update(canonicalJson({ eventId: e!.eventId, streamId: A, revision: 0, type: e!.type, schemaVersion: 1, data: e!.data, metadata }))
      .digest('hex');
    expect(e!.metadata.hash).toBe(expected);
    expect(e!.metadata.previousHash).toBe(GENESIS_HASH);
  });

  it('leaves out the position, which the store assigns: the same events elsewhere in the log still verify', () => {
    const moved = log().map((e, i) => ({ ...e, position: `C:${1000 + i}/P:${1000 + i}` }));
    expect(verifyChain(moved)).toEqual({ ok: true, eventsChecked: 5, streamsChecked: 2, unchainedEvents: 0 });
  });

  it('does not depend on the order of keys in the stored JSON', () => {
    const [, , a1] = log();
    const reordered = { ...a1!, data: { personName: 'Philippine Ménier', organisationId: 'org:inter-made' } };
    expect(chainHash(reordered)).toBe(a1!.metadata.hash);
  });

  it('an intact log verifies, every event and every stream', () => {
    expect(verifyChain(log())).toEqual({ ok: true, eventsChecked: 5, streamsChecked: 2, unchainedEvents: 0 });
  });

  it('one byte of data changed: names that event, with the recomputed hash against the stored one', () => {
    const altered = tampered(2, (e) => ({ ...e, data: { organisationId: 'org:inter-made', personName: 'Philippine Mùnier' } }));
    expect(brokenAt(altered)).toEqual({
      streamId: A,
      revision: 1,
      eventId: altered[2]!.eventId,
      position: '3',
      reason: 'hashMismatch',
      expected: chainHash(altered[2]!),
      found: log()[2]!.metadata.hash,
    });
    expect(verifyChain(altered)).toMatchObject({ ok: false, eventsChecked: 3 });
  });

  it('the type changed: names that event', () => {
    expect(brokenAt(tampered(3, (e) => ({ ...e, type: 'OrganisationRegistered' })))).toMatchObject({ streamId: B, revision: 1, reason: 'hashMismatch' });
  });

  it('the actor changed: names that event', () => {
    const altered = tampered(4, (e) => ({ ...e, metadata: { ...e.metadata, actor: { userId: 'intrus', capacity: 'operator' } } }));
    expect(brokenAt(altered)).toMatchObject({ streamId: A, revision: 2, eventId: altered[4]!.eventId, reason: 'hashMismatch' });
  });

  it('the business date changed: names that event', () => {
    const altered = tampered(1, (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: { date: '2024', precision: 'year' } } }));
    expect(brokenAt(altered)).toMatchObject({ streamId: B, revision: 0, reason: 'hashMismatch' });
  });

  it('the record time or the revision changed: names that event', () => {
    expect(brokenAt(tampered(0, (e) => ({ ...e, metadata: { ...e.metadata, recordedAt: '2027-01-01T00:00:00.000Z' } })))).toMatchObject({ streamId: A, revision: 0, reason: 'hashMismatch' });
    expect(brokenAt(tampered(0, (e) => ({ ...e, revision: 7 })))).toMatchObject({ streamId: A, revision: 7, reason: 'hashMismatch' });
  });

  it('two events of a stream swapped: names the first one out of place, whose previousHash is not its predecessor’s hash', () => {
    const [a0, b0, a1, b1, a2] = log();
    expect(brokenAt([a0!, b0!, a2!, b1!, a1!])).toEqual({
      streamId: A,
      revision: 2,
      eventId: a2!.eventId,
      position: a2!.position,
      reason: 'previousHashMismatch',
      expected: a0!.metadata.hash,
      found: a1!.metadata.hash,
    });
  });

  it('an event removed: names the one after it in its stream', () => {
    const [a0, b0, , b1, a2] = log();
    expect(brokenAt([a0!, b0!, b1!, a2!])).toMatchObject({ streamId: A, revision: 2, reason: 'previousHashMismatch' });
  });

  it('a forger who also rewrote the hash is caught by the next event of the stream', () => {
    const altered = tampered(0, (e) => {
      const forged = { ...e, data: { name: 'CITÉES Toulon' } };
      return { ...forged, metadata: { ...forged.metadata, hash: chainHash(forged) } };
    });
    expect(brokenAt(altered)).toMatchObject({ streamId: A, revision: 1, reason: 'previousHashMismatch', found: log()[0]!.metadata.hash, expected: altered[0]!.metadata.hash });
  });

  it('a hash stripped from a chained stream: missingHash, with the hash it should carry', () => {
    const original = log()[2]!;
    const altered = tampered(2, (e) => ({ ...e, metadata: { ...e.metadata, hash: undefined } }));
    expect(brokenAt(altered)).toMatchObject({ streamId: A, revision: 1, reason: 'missingHash', expected: original.metadata.hash, found: null });
  });

  it('events recorded before the chain are counted as unchained, and the first hashed event of their stream seals them', () => {
    const legacy = [event('CooperationProposed', { name: 'Ancien' }), event('MemberJoined', { organisationId: 'org:ancienne' })].map((e, revision) => ({ ...e, streamId: A, revision, position: String(revision + 1) }));
    const tipAfterLegacy = legacy.reduce((previousHash, e) => chainHash({ ...e, metadata: { ...e.metadata, previousHash } }), GENESIS_HASH);
    const [next] = sealEvents(A, { hash: tipAfterLegacy, chained: false }, 2, [event('CooperationStarted', {})]);
    const history = [...legacy, { ...next!, streamId: A, revision: 2, position: '3' }];
    expect(verifyChain(history)).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 1, unchainedEvents: 2 });

    const rewritten = [{ ...legacy[0]!, data: { name: 'Réécrit' } }, legacy[1]!, history[2]!];
    expect(verifyChain(rewritten).firstBreak).toMatchObject({ revision: 2, reason: 'previousHashMismatch' });
  });

  it('sealing replaces any hash a caller sent', () => {
    const sent = event('Forged', {});
    const [sealed] = sealEvents(A, GENESIS_TIP, 0, [{ ...sent, metadata: { ...sent.metadata, previousHash: 'x', hash: 'y' } }]);
    expect(sealed!.metadata.previousHash).toBe(GENESIS_HASH);
    expect(sealed!.metadata.hash).toBe(chainHash({ ...sealed!, streamId: A, revision: 0 }));
  });
});
