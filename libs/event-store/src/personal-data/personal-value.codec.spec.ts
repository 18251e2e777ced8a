import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ERASED_PERSONAL_DATA, isSealedPersonalValue, openPersonalValue, revealPersonalData, sealPersonalValue, type SealedPersonalValue } from './personal-value.codec.js';

const key = randomBytes(32);
const MARIANNE = 'person:marianne-morini';

describe('the personal value codec: AES-256-GCM under the person’s key', () => {
  it('seals a value into { $personal: { personId, iv, ciphertext, tag } } that does not contain it, and opens it back', () => {
    const sealed = sealPersonalValue(key, MARIANNE, 'Marianne Morini');
    expect(Object.keys(sealed.$personal).sort()).toEqual(['ciphertext', 'iv', 'personId', 'tag']);
    expect(sealed.$personal.personId).toBe(MARIANNE);
    expect(Buffer.from(sealed.$personal.iv, 'base64')).toHaveLength(12);
    expect(JSON.stringify(sealed)).not.toContain('Marianne');
    expect(openPersonalValue(key, sealed)).toBe('Marianne Morini');
  });

  it('keeps any JSON value (a corrected value may be an object) with its type', () => {
    for (const value of ['', 'Directrice', 42, null, true, { from: '2025', to: '2026' }, ['a', 'b']]) {
      expect(openPersonalValue(key, sealPersonalValue(key, MARIANNE, value))).toEqual(value);
    }
  });

  it('draws a fresh IV for every value: the same name twice gives two different ciphertexts', () => {
    const [a, b] = [sealPersonalValue(key, MARIANNE, 'Marianne Morini'), sealPersonalValue(key, MARIANNE, 'Marianne Morini')];
    expect(a.$personal.iv).not.toBe(b.$personal.iv);
    expect(a.$personal.ciphertext).not.toBe(b.$personal.ciphertext);
  });

  it('without the key, with another key, moved to another person or altered, the value reads « [donnée effacée] »', () => {
    const sealed = sealPersonalValue(key, MARIANNE, 'Marianne Morini');
    expect(ERASED_PERSONAL_DATA).toBe('[donnée effacée]');
    expect(openPersonalValue(undefined, sealed)).toBe(ERASED_PERSONAL_DATA);
    expect(openPersonalValue(randomBytes(32), sealed)).toBe(ERASED_PERSONAL_DATA);
    expect(openPersonalValue(key, { $personal: { ...sealed.$personal, personId: 'person:autre' } })).toBe(ERASED_PERSONAL_DATA);
    const bytes = Buffer.from(sealed.$personal.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(openPersonalValue(key, { $personal: { ...sealed.$personal, ciphertext: bytes.toString('base64') } })).toBe(ERASED_PERSONAL_DATA);
  });

  it('recognises only the exact stored shape', () => {
    const sealed = sealPersonalValue(key, MARIANNE, 'x');
    expect(isSealedPersonalValue(sealed)).toBe(true);
    expect(isSealedPersonalValue({ ...sealed, other: 1 })).toBe(false);
    expect(isSealedPersonalValue({ $personal: { ...sealed.$personal, tag: 3 } })).toBe(false);
    expect(isSealedPersonalValue({ $personal: null })).toBe(false);
    expect(isSealedPersonalValue('Marianne Morini')).toBe(false);
    expect(isSealedPersonalValue([sealed])).toBe(false);
  });
});

describe('revealPersonalData: opens sealed values wherever they sit, with no table', () => {
  const keys = new Map([[MARIANNE, key]]);
  const keyOf = (personId: string) => keys.get(personId);

  it('at any depth, leaving the rest, and the input, as they were', () => {
    const data = {
      personId: MARIANNE,
      personName: sealPersonalValue(key, MARIANNE, 'Marianne Morini'),
      witnesses: [{ personId: 'person:gone', name: sealPersonalValue(randomBytes(32), 'person:gone', 'Quelqu’un') }, { name: 'Banlieues Santé' }],
    };
    expect(revealPersonalData(data, keyOf)).toEqual({
      personId: MARIANNE,
      personName: 'Marianne Morini',
      witnesses: [{ personId: 'person:gone', name: ERASED_PERSONAL_DATA }, { name: 'Banlieues Santé' }],
    });
    expect(isSealedPersonalValue(data.personName)).toBe(true);
  });

  it('hands back the very same object when nothing is sealed (no copy per event read)', () => {
    const data = { organisationId: 'org:x', joinedOn: '2025', list: [{ a: 1 }] };
    expect(revealPersonalData(data, keyOf)).toBe(data);
  });

  it('as an item of a list, beside texts, numbers and nulls, leaving the stored list as it was', () => {
    const aliases = ['Marianne', sealPersonalValue(key, MARIANNE, 'Marianne Morini'), 3, null, [sealPersonalValue(key, MARIANNE, 'M. M.')]];
    expect(revealPersonalData({ aliases }, keyOf)).toEqual({ aliases: ['Marianne', 'Marianne Morini', 3, null, ['M. M.']] });
    expect(isSealedPersonalValue(aliases[1])).toBe(true);
    const plain = ['a', 1, null, [{ b: 2 }]];
    expect(revealPersonalData(plain, keyOf)).toBe(plain);
  });

  it('a top-level sealed value opens too', () => {
    const sealed: SealedPersonalValue = sealPersonalValue(key, MARIANNE, 'Marianne Morini');
    expect(revealPersonalData(sealed, keyOf)).toBe('Marianne Morini');
  });
});
