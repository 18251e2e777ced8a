import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Principal } from '#domain';

/** One line per request: what was asked and how it ended, by whom and in which correlation — never a header or a body. */
export interface AccessLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly userId?: string;
}

const MAX_PATH = 512;
export const CORRELATION_ID = /^[A-Za-z0-9._:@-]{1,200}$/;

/** The path alone: the query string may carry search terms or names, so it never reaches the logs. */
export const pathOf = (url: string | undefined): string => {
  const path = (url ?? '/').split(/[?#]/, 1)[0] || '/';
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
};

/** The client's X-Correlation-Id when it is a plain identifier (the one commands record), else a fresh one for this request. */
export const correlationIdOf = (header: string | string[] | undefined, fresh: () => string = randomUUID): string => {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : fresh();
};

type LoggedRequest = IncomingMessage & { originalUrl?: string; principal?: Principal };

/** Built when the response ends, so it sees the principal the AuthGuard set on the request. */
export const accessLogEntry = (request: LoggedRequest, response: ServerResponse, durationMs: number): AccessLogEntry => ({
  method: request.method ?? 'GET',
  path: pathOf(request.originalUrl ?? request.url),
  status: response.statusCode,
  durationMs,
  ...(request.principal?.userId ? { userId: request.principal.userId } : {}),
});

/** 5xx are errors; successful health probes are debug, so a load balancer's polling does not flood the log. */
export const accessLogLevel = (path: string, status: number, failed: boolean): Level => {
  if (failed || status >= 500) return 'error';
  if (path === '/health' && status < 400) return 'debug';
  return 'info';
};

/** The HTTP access log (pino-http), first middleware of the app so every answer is logged, refusals included. */
export const accessLog = (logger: Logger): HttpLogger<LoggedRequest> =>
  pinoHttp<LoggedRequest>({
    logger,
    genReqId: (request) => correlationIdOf(request.headers['x-correlation-id']),
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    // Only the correlation id is bound; the request and response objects (and so their headers) are never serialized.
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    customLogLevel: (request, response, error) => accessLogLevel(pathOf(request.originalUrl ?? request.url), response.statusCode, error !== undefined),
    customSuccessObject: (request, response, value: { durationMs: number }) => accessLogEntry(request, response, value.durationMs),
    customErrorObject: (request, response, _error, value: { durationMs: number }) => accessLogEntry(request, response, value.durationMs),
    customSuccessMessage: (_request, response) => (response.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
  });
