import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#domain';
import type { Request } from 'express';
import { ProblemException } from './problem.js';

/** What a command takes from its HTTP request besides the body. */
export interface CommandContext {
  readonly route: string;
  readonly expectedRevision?: number;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly actor: Actor;
  readonly now: string;
}

/** Until authentication lands, every command acts as the local operator (the security issue replaces this). */
const LOCAL_ACTOR: Actor = { userId: 'local', capacity: 'operator' };

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new ProblemException('InvalidIfMatch', { ifMatch: header });
  return Number(match[1]);
};

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 200 ? text : undefined;
};

export const commandContextOf = (request: Request, now: () => Date = () => new Date()): CommandContext => {
  const expectedRevision = parseIfMatch(header(request, 'if-match'));
  const idempotencyKey = header(request, 'idempotency-key');
  const correlationId = header(request, 'x-correlation-id');
  return {
    route: `${request.method} ${request.path}`,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(correlationId ? { correlationId } : {}),
    actor: LOCAL_ACTOR,
    now: now().toISOString(),
  };
};

export const RequestCommandContext = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext =>
  commandContextOf(ctx.switchToHttp().getRequest<Request>()),
);
