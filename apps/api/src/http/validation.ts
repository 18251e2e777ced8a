import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { INCOMPLETE_BUSINESS_DATE } from './dto-fields.js';
import { ProblemException, type ValidationIssue } from './problem.js';

const flatten = (errors: readonly ValidationError[], prefix = ''): (ValidationIssue & { constraints: string[] })[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints), constraints: Object.keys(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** A body whose only fault is a date without its year is well-formed but incomplete: 422, not 400. */
const problemOf = (errors: readonly ValidationError[]): ProblemException => {
  const issues = flatten(errors);
  const onlyIncompleteDates = issues.every((issue) => issue.constraints.every((constraint) => constraint === INCOMPLETE_BUSINESS_DATE));
  return new ProblemException(
    onlyIncompleteDates ? 'IncompleteBusinessDate' : 'ValidationFailed',
    onlyIncompleteDates ? { fields: issues.map((issue) => issue.field) } : {},
    issues.map(({ field, messages }) => ({ field, messages })),
  );
};

/** Far deeper than any command (a correction's value nests 8 levels at most), far shallower than a stack. */
export const MAX_BODY_DEPTH = 32;
/** Keys no DTO has, which class-transformer drops silently instead of letting the whitelist refuse them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What a body must not hold before class-transformer sees it: nesting deeper than MAX_BODY_DEPTH (it recurses once
 * per level: 10,000 levels overflowed the stack, a 500) or a prototype key (dropped silently, so never refused).
 * Walked with an explicit stack, so that the check itself cannot overflow.
 */
export const bodyShapeIssue = (body: unknown): ValidationIssue | undefined => {
  const pending: { value: unknown; depth: number; field: string }[] = [{ value: body, depth: 0, field: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth, field } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { field, messages: [`${field} nests deeper than ${MAX_BODY_DEPTH} levels`] };
    for (const [key, child] of Object.entries(value)) {
      const path = field ? `${field}.${key}` : key;
      if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return { field: path, messages: [`property ${key} should not exist`] };
      pending.push({ value: child, depth: depth + 1, field: path });
    }
  }
  return undefined;
};

/** Edits (insert, delete, replace) from one name to another, letter case aside: `membershiptype` is 0 from `membershipType`. */
const editsBetween = (a: string, b: string): number => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
};

/**
 * The body's field a mistyped one most likely meant: the DTO's own, a third of its letters edited at most (two at most),
 * so that `id` or `on` suggests nothing, and none the body already holds.
 */
const meantField = (typed: string, fields: readonly string[]): string | undefined => {
  const allowed = Math.min(2, Math.floor(typed.length / 3));
  const [best] = fields.map((field) => ({ field, edits: editsBetween(typed, field) })).filter(({ edits }) => edits <= allowed).sort((p, q) => p.edits - q.edits);
  return best?.field;
};

/** An unknown top-level field says which one was probably meant (« membershiptype » for `membershipType`). */
const withSuggestions = (problem: ProblemException, dto: Function, body: unknown): ProblemException => {
  const given = new Set(typeof body === 'object' && body !== null ? Object.keys(body) : []);
  const fields = [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))].filter((field) => !given.has(field));
  const errors = problem.errors?.map((issue) => {
    const meant = issue.field.includes('.') ? undefined : meantField(issue.field, fields);
    const unknown = issue.messages.some((message) => message === `property ${issue.field} should not exist`);
    return meant && unknown ? { ...issue, messages: [...issue.messages, `did you mean ${meant}?`] } : issue;
  });
  return new ProblemException(problem.code, problem.params, errors);
};

class CarnetValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const issue = metadata.type === 'body' ? bodyShapeIssue(value) : undefined;
    if (issue) throw new ProblemException('ValidationFailed', {}, [issue]);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ProblemException && metadata.type === 'body' && metadata.metatype) throw withSuggestions(error, metadata.metatype, value);
      throw error;
    }
  }
}

/** Bodies are validated against their DTO: unknown fields are refused, not silently dropped. */
export const carnetValidationPipe = (): ValidationPipe =>
  new CarnetValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: problemOf,
  });
