import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { classify } from './problem.filter.js';
import { duplicateKeyOf, verifyJsonBody } from './json-body.js';

const verify = (body: Buffer | string, encoding = 'utf-8') =>
  verifyJsonBody({} as IncomingMessage, {} as ServerResponse, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, encoding);

describe('duplicateKeyOf', () => {
  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"x":{"b":1,"c":{"d":[1,{"e":1,"e":2}]}}}', 'e'],
    ['{"name":"x","kind":"y","name":"z"}', 'name'],
  ])('%s repeats %s', (text, key) => expect(duplicateKeyOf(text)).toBe(key));

  it.each([
    '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}',
    '{"a":"\\"a\\":","b":"a"}',
    '{"a":["a","a"]}',
    '[{"a":1},{"a":2}]',
    '{"a":',
    '',
  ])('%s repeats nothing', (text) => expect(duplicateKeyOf(text)).toBeUndefined());

  it('walks 100 000 levels without recursion', () => {
    expect(duplicateKeyOf(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).toBeUndefined();
  });
});

describe('verifyJsonBody', () => {
  it('lets well-formed UTF-8 JSON through, French and emoji included', () => {
    expect(() => verify('{"name":"Habitant·e·s de l’Étang 🌿 مؤسسة"}')).not.toThrow();
  });

  it.each([
    [[0xc3, 0x28]],
    [[0xff]],
    [[0xed, 0xa0, 0x80]],
    [[0xc0, 0xaf]],
  ])('refuses the bytes %j as MalformedJson (400)', (bytes) => {
    const body = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('"}')]);
    let thrown: unknown;
    try {
      verify(body);
    } catch (error) {
      thrown = error;
    }
    expect(classify(thrown)).toEqual({ code: 'MalformedJson', params: {} });
  });

  it('refuses a repeated key as MalformedJson (400)', () => {
    expect(() => verify('{"name":"a","name":"b"}')).toThrow('appears twice');
  });
});
