import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#domain';
import type { Request } from 'express';
import { principalOfRequest } from '../auth/current-principal.js';
import { CORRELATION_ID } from '../logging/access-log.js';
import { ProblemException } from './problem.js';

/** What a command takes from its HTTP request besides the body. */
export interface CommandContext {
  readonly route: string;
  readonly expectedRevision?: number;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  /** The verified caller: the access policy judges the command by it; the events record its `actorOf`. */
  readonly principal: Principal;
  readonly now: string;
}

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new ProblemException('InvalidIfMatch', { ifMatch: header.length > 200 ? `${header.slice(0, 200)}…` : header });
  return Number(match[1]);
};

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Printable ASCII, as an HTTP token-ish key; the correlation id in the shape the access log keeps. */
const IDEMPOTENCY_KEY = /^[\x20-\x7E]{1,200}$/;

/**
 * A command header that does not fit its shape is refused (400), not ignored: a dropped If-Match or Idempotency-Key
 * let the command through without the protection the client asked for, and the event kept any correlation id.
 */
const shapedHeader = (request: Request, name: string, shape: RegExp, rule: string): string | undefined => {
  const value = header(request, name);
  if (value !== undefined && !shape.test(value)) throw new ProblemException('ValidationFailed', {}, [{ field: name, messages: [`${name} must be ${rule}`] }]);
  return value;
};

export const commandContextOf = (request: Request, now: () => Date = () => new Date()): CommandContext => {
  const expectedRevision = parseIfMatch(header(request, 'if-match'));
  const idempotencyKey = shapedHeader(request, 'idempotency-key', IDEMPOTENCY_KEY, '1 to 200 printable ASCII characters');
  const correlationId = shapedHeader(request, 'x-correlation-id', CORRELATION_ID, '1 to 200 letters, digits and . _ : @ -');
  const principal = principalOfRequest(request);
  return {
    route: `${request.method} ${request.path}`,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(correlationId ? { correlationId } : {}),
    principal,
    now: now().toISOString(),
  };
};

export const RequestCommandContext = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext =>
  commandContextOf(ctx.switchToHttp().getRequest<Request>()),
);
