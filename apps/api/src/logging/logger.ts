import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger } from 'pino';
import type { CarnetConfig } from '../config/env.js';

/** What Nest's `logger` option accepts besides a service: the levels to print, or nothing. */
export type NestLogLevels = readonly LogLevel[] | false;

const PINO_LEVEL_OF: Readonly<Record<LogLevel, Level>> = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };
const VERBOSITY: readonly LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The pino level: the most verbose of Nest's levels when the caller chose them (tests pass `['error']`, the demo
 * `['error', 'warn']`), `silent` for `false`, else CARNET_LOG_LEVEL.
 */
export const pinoLevelOf = (nestLevels: NestLogLevels | undefined, configured: CarnetConfig['logLevel']): LevelWithSilent => {
  if (nestLevels === undefined) return configured;
  if (nestLevels === false || nestLevels.length === 0) return 'silent';
  return VERBOSITY[Math.min(...nestLevels.map((level) => VERBOSITY.indexOf(PINO_LEVEL_OF[level])))]!;
};

/** An error as logs show it: its kind, message and stack, never its other fields (body-parser errors carry the raw body). */
export const safeError = (error: unknown): { type: string; message: string; stack?: string } => {
  if (error === null || typeof error !== 'object') return { type: typeof error, message: String(error) };
  // An Error (of this realm or another), or an error already made safe: only these three strings are kept.
  const { name, type, message, stack } = error as { name?: unknown; type?: unknown; message?: unknown; stack?: unknown };
  const kind = error instanceof Error && typeof name === 'string' ? name : typeof type === 'string' ? type : typeof name === 'string' ? name : 'object';
  return { type: kind, message: typeof message === 'string' ? message : '', ...(typeof stack === 'string' ? { stack } : {}) };
};

/** Header values that would let a reader of the logs act as someone: removed wherever a request or response is logged. */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** The process's one pino logger: JSON lines on stdout (or `destination`, for tests), never a token or a cookie. */
export const createRootLogger = (options: { level: LevelWithSilent; destination?: DestinationStream }): Logger => {
  const settings = { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: safeError } };
  return options.destination ? pino(settings, options.destination) : pino(settings);
};

const STACK_LINE = /\n\s+at /;

/**
 * Nest's LoggerService on pino. Nest calls `log(message, context)` and `error(message, stack?, context)`; the
 * context becomes a field, a stack goes under `err`, an object message is merged as fields. Further parameters
 * are dropped: logs carry messages, not payloads.
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  setLogLevels(levels: LogLevel[]): void {
    this.pino.level = pinoLevelOf(levels, 'info');
  }

  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const last = rest.at(-1);
    const context = typeof last === 'string' && !STACK_LINE.test(last) ? (rest.pop() as string) : undefined;
    const stack = (level === 'error' || level === 'fatal') && typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: safeError(message) }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level]({ ...fields, ...(stack ? { err: { stack } } : {}) }, String(message));
    }
  }
}
