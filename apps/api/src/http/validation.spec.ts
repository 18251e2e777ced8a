import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { isWellFormedText, NestedField, Optional, TextField } from './dto-fields.js';
import { ProblemException } from './problem.js';
import { bodyShapeIssue, carnetValidationPipe, MAX_BODY_DEPTH } from './validation.js';

class InnerDto {
  @TextField() label!: string;
}

class SampleDto {
  @TextField() name!: string;
  @TextField({ optional: true }) note?: string;
  @Optional() @NestedField(() => InnerDto) inner?: InnerDto;
}

const validate = async (body: unknown) => {
  try {
    await carnetValidationPipe().transform(body, { type: 'body', metatype: SampleDto });
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return error.errors?.map((issue) => issue.field);
  }
};

describe('bodyShapeIssue', () => {
  const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

  it('lets a body nested up to the limit through, and refuses one level more', () => {
    expect(bodyShapeIssue(nested(MAX_BODY_DEPTH))).toBeUndefined();
    expect(bodyShapeIssue(nested(MAX_BODY_DEPTH + 1))?.messages[0]).toContain(`deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it('walks 100 000 levels without overflowing', () => {
    expect(bodyShapeIssue(nested(100_000))).toBeDefined();
    expect(bodyShapeIssue(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBeDefined();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, at the top and nested', (key) => {
    expect(bodyShapeIssue(JSON.parse(`{"name":"x","${key}":{"polluted":true}}`))).toEqual({ field: key, messages: [`property ${key} should not exist`] });
    expect(bodyShapeIssue(JSON.parse(`{"list":[{"${key}":1}]}`))?.field).toBe(`list.0.${key}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets the same words through as values', () => {
    expect(bodyShapeIssue({ name: '__proto__', list: ['constructor', 'prototype'] })).toBeUndefined();
  });
});

describe('isWellFormedText', () => {
  it.each(['Habitant·e·s de l’Étang', "d'Aubagne", '« Bien vivre » 🌿', 'مؤسسة\u200f', 'Ligne 1\nLigne 2\tfin\r\n', '👩‍👩‍👧', 'E\u0301tang'])('accepts %j', (text) => {
    expect(isWellFormedText(text)).toBe(true);
  });

  it.each(['a\u0000b', '\u001b[31m', 'a\u0007', 'a\u007f', '\u009b31m', 'a\ud800', '\udc00a', '\udc00\ud800'])('refuses %j', (text) => {
    expect(isWellFormedText(text)).toBe(false);
  });
});

describe('carnetValidationPipe', () => {
  it('accepts a well-formed body', async () => {
    expect(await validate({ name: 'Fondation', inner: { label: 'x' } })).toBeUndefined();
  });

  it('refuses null in an optional field: optional means absent', async () => {
    expect(await validate({ name: 'Fondation', note: null })).toEqual(['note']);
    expect(await validate({ name: 'Fondation', inner: null })).toEqual(['inner']);
  });

  it('refuses an array where an object is expected', async () => {
    expect(await validate({ name: 'Fondation', inner: [{ label: 'x' }] })).toEqual(['inner']);
  });

  it('refuses control characters and lone surrogates in text', async () => {
    expect(await validate({ name: 'Fondation\u0000' })).toEqual(['name']);
    expect(await validate({ name: 'Fondation\ud800' })).toEqual(['name']);
  });
});
