import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { performance } from 'node:perf_hooks';
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

/**
 * The HTTP access log, first middleware of the app so every answer is logged, refusals included. One line when the
 * response closes, written only if its level is enabled: no per-request child logger, nothing serialised otherwise.
 * The correlation id is set as `request.id`, which the problem filter echoes.
 */
export const accessLog =
  (logger: Logger) =>
  (request: LoggedRequest, response: ServerResponse, next: () => void): void => {
    const started = performance.now();
    const correlationId = correlationIdOf(request.headers['x-correlation-id']);
    (request as LoggedRequest & { id: string }).id = correlationId;
    let failure: Error | undefined;
    response.once('error', (error: Error) => (failure = error));
    response.once('close', () => {
      const durationMs = Math.round(performance.now() - started);
      const level = accessLogLevel(pathOf(request.originalUrl ?? request.url), response.statusCode, failure !== undefined);
      if (!logger.isLevelEnabled(level)) return;
      const message = failure ? 'request failed' : response.writableFinished ? 'request completed' : 'request aborted';
      logger[level]({ correlationId, ...accessLogEntry(request, response, durationMs) }, message);
    });
    next();
  };
