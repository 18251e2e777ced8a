import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Bodies are validated against their DTO: unknown fields are refused, not silently dropped. */
export const carnetValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: problemOf,
  });
