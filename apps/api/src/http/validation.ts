import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type ValidationIssue } from './problem.js';

const flatten = (errors: readonly ValidationError[], prefix = ''): ValidationIssue[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Bodies are validated against their DTO: unknown fields are refused, not silently dropped. */
export const carnetValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ProblemException('ValidationFailed', {}, flatten(errors)),
  });
