import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '#domain';
import { ConcurrencyConflict, IdempotencyKeyReused, MaxAppendSizeExceeded, PersonDataErased } from '#event-store';
import type { Request, Response } from 'express';
import { isProblemCode, PROBLEM_CATALOG, type ProblemCode } from './problem-catalog.js';
import { ProblemException, type ProblemBody, type ValidationIssue } from './problem.js';

export type Language = 'fr' | 'en';

/** French first; English when the client prefers it. */
export const preferredLanguage = (acceptLanguage: string | undefined): Language =>
  acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'fr';

interface Classified {
  readonly code: ProblemCode;
  readonly params: Readonly<Record<string, unknown>>;
  readonly errors?: readonly ValidationIssue[];
}

/** Turns whatever was thrown into a stable code; anything unknown is an internal error, never a leak. */
export const classify = (exception: unknown): Classified => {
  if (exception instanceof ProblemException) {
    return { code: exception.code, params: exception.params, ...(exception.errors ? { errors: exception.errors } : {}) };
  }
  if (exception instanceof DomainError && isProblemCode(exception.code)) return { code: exception.code, params: exception.params };
  if (exception instanceof ConcurrencyConflict) {
    return { code: 'ConcurrencyConflict', params: { streamId: exception.streamId, expectedRevision: exception.expected, actualRevision: exception.actual } };
  }
  if (exception instanceof IdempotencyKeyReused) return { code: 'IdempotencyKeyReused', params: {} };
  if (exception instanceof MaxAppendSizeExceeded) return { code: 'MaxAppendSizeExceeded', params: { size: exception.size, limit: exception.limit } };
  if (exception instanceof PersonDataErased) return { code: 'PersonDataErased', params: { personId: exception.personId } };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === HttpStatus.NOT_FOUND) return { code: 'RouteNotFound', params: {} };
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return { code: 'PayloadTooLarge', params: {} };
    if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return { code: 'UnsupportedMediaType', params: {} };
    if (status === HttpStatus.BAD_REQUEST) return { code: 'MalformedJson', params: {} };
  }
  const bodyParserType = (exception as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.too.large') return { code: 'PayloadTooLarge', params: { limit: (exception as { limit?: number }).limit } };
  if (bodyParserType === 'entity.parse.failed') return { code: 'MalformedJson', params: {} };
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') return { code: 'UnsupportedMediaType', params: {} };
  return { code: 'InternalError', params: {} };
};

export const problemBody = (classified: Classified, language: Language, instance?: string): ProblemBody => {
  const entry = PROBLEM_CATALOG[classified.code];
  const title = entry.title[language];
  const shown = Object.entries(classified.params).filter(([, v]) => v !== undefined);
  return {
    type: `urn:carnet:problem:${classified.code}`,
    title,
    status: entry.status,
    detail: shown.length ? `${title} (${shown.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})` : title,
    code: classified.code,
    ...(instance ? { instance } : {}),
    ...(shown.length ? { params: Object.fromEntries(shown) } : {}),
    ...(classified.errors ? { errors: classified.errors } : {}),
  };
};

export const sendProblem = (response: Response, body: ProblemBody): void => {
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
};

/** Every error leaves as an RFC 7807 body through this one filter and the catalog's one table. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const classified = classify(exception);
    if (classified.code === 'InternalError') this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    sendProblem(http.getResponse<Response>(), problemBody(classified, preferredLanguage(request.headers['accept-language']), request.path));
  }
}
