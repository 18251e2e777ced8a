import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

class CarnetValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const issue = metadata.type === 'body' ? bodyShapeIssue(value) : undefined;
    if (issue) throw new ProblemException('ValidationFailed', {}, [issue]);
    return super.transform(value, metadata);
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
