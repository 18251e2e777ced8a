import { describe, expect, it } from '@jest/globals';
import { GDPR_STREAM } from '#domain';
import { InMemoryEventStore } from '../adapters/in-memory.event-store.js';
import { PersonDataErased } from '../event-store.errors.js';
import { sampleEvent } from '../contract/event-store.contract.js';
import type { NewEvent } from '../envelope.js';
import { verifyStore } from '../integrity/verify-store.js';
import { erasePerson, ErasureRefused, restoreErasures } from './erase-person.js';
import { InMemoryPersonKeys } from './person-keys.js';
import { personalDataEventStore } from './personal-data.event-store.js';
import { ERASED_PERSONAL_DATA } from './personal-value.codec.js';

const STREAM = 'cooperation-coop:citees-marseille';
const MARIANNE = 'person:marianne-morini';
const request = { personId: MARIANNE, reason: 'Demande d’effacement (RGPD, art. 17)', erasedAt: '2026-03-01T10:00:00.000Z', actor: { userId: 'cli', capacity: 'operator' } };

const designation = (personId: string, personName: string): NewEvent =>
  sampleEvent('RepresentativeDesignated', { organisationId: 'org:cite-des-transitions', personId, personName, title: 'Responsable du développement', capacities: ['sit'], scope: 'cooperation', from: '2025' });

const citees = async () => {
  const raw = new InMemoryEventStore();
  const keys = new InMemoryPersonKeys();
  const store = personalDataEventStore(raw, keys);
  await store.append(STREAM, [designation(MARIANNE, 'Marianne Morini'), designation('person:yassine-ennomany', 'Yassine Ennomany')], { expectedRevision: 'noStream' });
  return { raw, keys, store };
};

describe('erasePerson (GDPR art. 17)', () => {
  it('deletes the key and records PersonErased in the gdpr stream, holding the person id, the time and the reason only', async () => {
    const { raw, keys, store } = await citees();
    const erasure = await erasePerson(store, keys, request);
    expect(erasure).toEqual({ personId: MARIANNE, hadKey: true, alreadyErased: false, recorded: { eventId: expect.any(String), position: '3' }, clearValues: 0 });
    const [trail] = await raw.readStream(GDPR_STREAM);
    expect(trail).toMatchObject({ eventId: erasure.recorded!.eventId, type: 'PersonErased', schemaVersion: 1, data: { personId: MARIANNE, erasedAt: request.erasedAt, reason: request.reason } });
    expect(trail!.metadata).toMatchObject({ actor: request.actor, recordedAt: request.erasedAt });
    expect(keys.existingKey(MARIANNE)).toBeUndefined();
  });

  it('afterwards her name and title read « [donnée effacée] », Yassine’s do not change, and the whole log still verifies', async () => {
    const { keys, store } = await citees();
    await erasePerson(store, keys, request);
    const [marianne, yassine] = await store.readStream(STREAM);
    expect(marianne!.data).toMatchObject({ personId: MARIANNE, personName: ERASED_PERSONAL_DATA, title: ERASED_PERSONAL_DATA });
    expect(yassine!.data).toMatchObject({ personName: 'Yassine Ennomany' });
    expect(await verifyStore(store)).toMatchObject({ ok: true, eventsChecked: 3, streamsChecked: 2 });
  });

  it('running it again records nothing twice and says the person was already erased', async () => {
    const { raw, keys, store } = await citees();
    await erasePerson(store, keys, request);
    expect(await erasePerson(store, keys, request)).toEqual({ personId: MARIANNE, hadKey: false, alreadyErased: true, clearValues: 0 });
    expect(await raw.readStream(GDPR_STREAM)).toHaveLength(1);
  });

  it('counts what a log recorded before encryption holds of the person in clear: the chain forbids rewriting it', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryPersonKeys();
    await raw.append(STREAM, [designation(MARIANNE, 'Marianne Morini')], { expectedRevision: 'noStream' });
    const erasure = await erasePerson(personalDataEventStore(raw, keys), keys, request);
    expect(erasure).toMatchObject({ hadKey: false, clearValues: 2 });
  });

  it('refuses an id that neither the key store nor the log knows (a typo): no block, no PersonErased, the real person still readable', async () => {
    const { raw, keys, store } = await citees();
    const typo = await erasePerson(store, keys, { ...request, personId: 'person:marianne-morinni' }).catch((error: unknown) => error);
    expect(typo).toBeInstanceOf(ErasureRefused);
    expect(typo).toMatchObject({ personId: 'person:marianne-morinni', reason: 'unknownPerson', sealedValues: 0 });
    expect(keys.isErased('person:marianne-morinni')).toBe(false);
    expect(await raw.readStream(GDPR_STREAM)).toEqual([]);
    expect((await store.readStream(STREAM))[0]!.data).toMatchObject({ personName: 'Marianne Morini' });
  });

  it('refuses, changing nothing, a key store without the key that sealed her values (not the server’s): no key, or another store’s key for her id', async () => {
    const { raw, store } = await citees();
    const anotherKey = new InMemoryPersonKeys();
    anotherKey.keyFor(MARIANNE);
    for (const elsewhere of [new InMemoryPersonKeys(), anotherKey]) {
      const refusal = await erasePerson(store, elsewhere, request).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ reason: 'keyNotInThisKeyStore', sealedValues: 2 });
      expect(elsewhere.isErased(MARIANNE)).toBe(false);
    }
    expect(anotherKey.existingKey(MARIANNE)).toBeDefined();
    expect(await raw.readStream(GDPR_STREAM)).toEqual([]);
  });

  it('a second run completes an erasure the first one stopped before recording (key gone, no PersonErased yet)', async () => {
    const { raw, keys, store } = await citees();
    keys.erase(MARIANNE, request.erasedAt);
    expect(await erasePerson(store, keys, request)).toMatchObject({ hadKey: false, alreadyErased: true, recorded: { eventId: expect.any(String) } });
    expect(await raw.readStream(GDPR_STREAM)).toHaveLength(1);
  });
});

describe('restoreErasures: the log’s PersonErased events blocked again in a key store that lost them', () => {
  it('blocks every person the gdpr stream says was erased, deleting a key left from an older key store; a second run writes nothing', async () => {
    const { keys, store } = await citees();
    await erasePerson(store, keys, request);
    const older = new InMemoryPersonKeys();
    older.keyFor(MARIANNE);
    older.keyFor('person:yassine-ennomany');
    expect(await restoreErasures(store, older)).toBe(1);
    expect(older.existingKey(MARIANNE)).toBeUndefined();
    expect(() => older.keyFor(MARIANNE)).toThrow(PersonDataErased);
    expect(older.existingKey('person:yassine-ennomany')).toBeDefined();
    expect(await restoreErasures(store, older)).toBe(0);
  });
});

