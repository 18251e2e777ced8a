import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '#domain';
import { ConcurrencyConflict, IdempotencyKeyReused, MaxAppendSizeExceeded, PersonDataErased } from '#event-store';
import type { Request, Response } from 'express';
import { correlationIdOf, pathOf } from '../logging/access-log.js';
import { safeError } from '../logging/logger.js';
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
  // @nestjs/throttler's ThrottlerException (RateLimited, from our guard, also says how long to wait).
  if (exception instanceof HttpException && exception.getStatus() === HttpStatus.TOO_MANY_REQUESTS) {
    const retryAfterSeconds = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return { code: 'TooManyRequests', params: typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {} };
  }
  // The router could not percent-decode a path segment (`/cooperations/%E0%A4%A`): Nest hands the router's URIError,
  // status 400, over as the cause of a BadRequestException. The request line is at fault, not a body; a URIError of
  // our own code (no such status) stays an internal error.
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  if (cause instanceof URIError && (cause as { status?: unknown }).status === HttpStatus.BAD_REQUEST) return { code: 'MalformedRequest', params: {} };
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
  // body-parser's other client errors carry only their status: a corrupt gzip stream was a 500.
  const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
  if ((exception as { expose?: unknown } | null)?.expose === true) {
    if (status === HttpStatus.BAD_REQUEST) return { code: 'MalformedJson', params: {} };
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return { code: 'PayloadTooLarge', params: {} };
    if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return { code: 'UnsupportedMediaType', params: {} };
  }
  return { code: 'InternalError', params: {} };
};

/** « champs en cause : joinedOn, membershiptype »: the detail names the fields, in the asked language; `errors` says why. */
const FIELDS_AT_FAULT: Record<Language, string> = { fr: 'champs en cause : ', en: 'fields at fault: ' };

export const problemBody = (classified: Classified, language: Language, instance?: string): ProblemBody => {
  const entry = PROBLEM_CATALOG[classified.code];
  const title = entry.title[language];
  const shown = Object.entries(classified.params).filter(([, v]) => v !== undefined);
  const fields = [...new Set(classified.errors?.map((issue) => issue.field).filter(Boolean))];
  const said = fields.length ? `${title} — ${FIELDS_AT_FAULT[language]}${fields.join(', ')}` : title;
  return {
    type: `urn:carnet:problem:${classified.code}`,
    title,
    status: entry.status,
    detail: shown.length ? `${said} (${shown.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})` : said,
    code: classified.code,
    ...(instance ? { instance } : {}),
    ...(shown.length ? { params: Object.fromEntries(shown) } : {}),
    ...(classified.errors ? { errors: classified.errors } : {}),
  };
};

export const sendProblem = (response: Response, body: ProblemBody): void => {
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
};

/**
 * The log line of an internal error: the error's kind, message and stack (for the operator), where it happened,
 * and nothing of the request's body, query or headers.
 */
export const internalErrorLog = (exception: unknown, request: Pick<Request, 'method' | 'originalUrl' | 'url' | 'headers'>): Record<string, unknown> => ({
  msg: 'internal error',
  method: request.method,
  path: pathOf(request.originalUrl ?? request.url),
  correlationId: (request as { id?: unknown }).id ?? correlationIdOf(request.headers['x-correlation-id']),
  err: safeError(exception),
});

/**
 * Every error leaves as an RFC 7807 body through this one filter and the catalog's one table. An unexpected error
 * answers the generic InternalError body (no message, stack or SQL); its stack goes to the log only.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const classified = classify(exception);
    if (classified.code === 'InternalError') this.logger.error(internalErrorLog(exception, request));
    sendProblem(http.getResponse<Response>(), problemBody(classified, preferredLanguage(request.headers['accept-language']), request.path));
  }
}
