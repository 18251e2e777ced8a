import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PersonDataErased } from '../event-store.errors.js';
import { InMemoryPersonKeys, SqlitePersonKeys, type PersonKeys } from './person-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-person-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = () => join(dir, `keys-${files++}.sqlite`);

const MARIANNE = 'person:marianne-morini';
const ERASED_AT = '2026-03-01T10:00:00.000Z';

describe.each<[string, () => PersonKeys]>([
  ['sqlite', () => SqlitePersonKeys.open(fresh())],
  ['in-memory', () => new InMemoryPersonKeys()],
])('person keys (%s)', (_name, open) => {
  it('makes one 256-bit key per person on first use, then gives the same one', () => {
    const keys = open();
    const key = keys.keyFor(MARIANNE);
    expect(key).toHaveLength(32);
    expect(keys.keyFor(MARIANNE).equals(key)).toBe(true);
    expect(keys.existingKey(MARIANNE)?.equals(key)).toBe(true);
    expect(keys.keyFor('person:autre').equals(key)).toBe(false);
    expect(keys.existingKey('person:inconnue')).toBeUndefined();
    keys.close();
  });

  it('ensureKeys makes the missing keys ahead of keyFor, keeps the existing ones, and refuses an erased person', async () => {
    const keys = open();
    const existing = keys.keyFor(MARIANNE);
    keys.erase('person:effacee', ERASED_AT);
    await Promise.all([keys.ensureKeys([MARIANNE, 'person:nouvelle']), keys.ensureKeys(['person:nouvelle', 'person:autre'])]);
    expect(keys.existingKey(MARIANNE)?.equals(existing)).toBe(true);
    expect(keys.existingKey('person:nouvelle')).toHaveLength(32);
    expect(keys.existingKey('person:autre')).toHaveLength(32);
    await expect(keys.ensureKeys(['person:effacee'])).rejects.toThrow(PersonDataErased);
    expect(keys.existingKey('person:effacee')).toBeUndefined();
    keys.close();
  });

  it('erasing deletes the key for good: no key read, none made again (PersonDataErased), a second erasure says so', () => {
    const keys = open();
    keys.keyFor(MARIANNE);
    expect(keys.erase(MARIANNE, ERASED_AT)).toEqual({ hadKey: true, alreadyErased: false });
    expect(keys.existingKey(MARIANNE)).toBeUndefined();
    expect(() => keys.keyFor(MARIANNE)).toThrow(PersonDataErased);
    expect(keys.erase(MARIANNE, ERASED_AT)).toEqual({ hadKey: false, alreadyErased: true });
    expect(keys.erase('person:jamais-vue', ERASED_AT)).toEqual({ hadKey: false, alreadyErased: false });
    expect(() => keys.keyFor('person:jamais-vue')).toThrow(PersonDataErased);
    keys.close();
  });

  it('recordErasures blocks the erasures it did not remember, deleting a key left, and counts only those', () => {
    const keys = open();
    keys.keyFor(MARIANNE);
    keys.keyFor('person:yassine-ennomany');
    keys.erase('person:effacee', ERASED_AT);
    expect(keys.recordErasures([{ personId: MARIANNE, erasedAt: ERASED_AT }, { personId: 'person:effacee', erasedAt: ERASED_AT }])).toBe(1);
    expect([keys.isErased(MARIANNE), keys.existingKey(MARIANNE)]).toEqual([true, undefined]);
    expect(() => keys.keyFor(MARIANNE)).toThrow(PersonDataErased);
    expect(keys.existingKey('person:yassine-ennomany')).toHaveLength(32);
    expect(keys.recordErasures([{ personId: MARIANNE, erasedAt: ERASED_AT }])).toBe(0);
    keys.close();
  });
});

describe('the SQLite key store file', () => {
  it('another process’s erasure is seen at once: keys are read from the file, never cached', () => {
    const path = fresh();
    const [api, cli] = [SqlitePersonKeys.open(path), SqlitePersonKeys.open(path)];
    const key = api.keyFor(MARIANNE);
    expect(cli.existingKey(MARIANNE)?.equals(key)).toBe(true);
    cli.erase(MARIANNE, ERASED_AT);
    expect(api.existingKey(MARIANNE)).toBeUndefined();
    expect(() => api.keyFor(MARIANNE)).toThrow(PersonDataErased);
    api.close();
    cli.close();
  });

  it('inOneRead looks keys up in one state of the file: a key made meanwhile by another process is seen by the next read', () => {
    const path = fresh();
    const [api, cli] = [SqlitePersonKeys.open(path), SqlitePersonKeys.open(path)];
    api.keyFor(MARIANNE);
    const seen = api.inOneRead(() => {
      const before = api.existingKey('person:nouvelle');
      cli.keyFor('person:nouvelle');
      return [api.existingKey(MARIANNE) !== undefined, before, api.existingKey('person:nouvelle')];
    });
    expect(seen).toEqual([true, undefined, undefined]);
    expect(api.existingKey('person:nouvelle')?.equals(cli.existingKey('person:nouvelle')!)).toBe(true);
    api.close();
    cli.close();
  });

  it('keeps keys across reopenings, and an erased key’s bytes are left neither in the file nor in its WAL', () => {
    const path = fresh();
    const first = SqlitePersonKeys.open(path);
    const key = first.keyFor(MARIANNE);
    const other = first.keyFor('person:yassine-ennomany');
    first.close();
    const keys = SqlitePersonKeys.open(path);
    expect(keys.existingKey(MARIANNE)?.equals(key)).toBe(true);
    const bytesOnDisk = () => Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])]);
    expect(bytesOnDisk().includes(key)).toBe(true);
    keys.erase(MARIANNE, ERASED_AT);
    expect(bytesOnDisk().includes(key)).toBe(false);
    expect(keys.existingKey('person:yassine-ennomany')?.equals(other)).toBe(true);
    keys.close();
  });
});
