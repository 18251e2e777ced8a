import { Injectable, type DynamicModule, type ExecutionContext, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerException, ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { Principal } from '#domain';
import type { Response } from 'express';
import type { CarnetConfig } from '../config/env.js';
import { HealthController } from '../health/health.controller.js';

const MINUTE_MS = 60_000;

/** The names of Carnet's two limits, as counted by the throttler. */
export const RateLimitName = { perToken: 'token', perIp: 'ip' } as const;

/** A refused request: the ProblemFilter answers 429 TooManyRequests; the guard has already set `Retry-After`. */
export class RateLimited extends ThrottlerException {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: retry after ${retryAfterSeconds}s`);
  }
}

const principalOf = (context: ExecutionContext): Principal | undefined =>
  context.switchToHttp().getRequest<{ principal?: Principal }>().principal;

/**
 * Per token: counted by the verified principal's userId (so a token holder cannot escape it by changing address);
 * a request without a principal (a public route) is not counted here. Per IP: every request to a guarded route.
 * A limit of 0 is off. Both count every guarded route together over a sliding minute.
 */
export const rateLimitThrottlers = (limits: CarnetConfig['rateLimit']): ThrottlerOptions[] => [
  ...(limits.perTokenPerMinute > 0
    ? [
        {
          name: RateLimitName.perToken,
          ttl: MINUTE_MS,
          limit: limits.perTokenPerMinute,
          skipIf: (context: ExecutionContext) => context.getType() !== 'http' || principalOf(context)?.userId === undefined,
          getTracker: (_request: Record<string, unknown>, context: ExecutionContext) => principalOf(context)!.userId,
        },
      ]
    : []),
  // The IP tracker is the guard's own: the socket address (an IPv6 client's /64), not a header a client could forge.
  ...(limits.perIpPerMinute > 0 ? [{ name: RateLimitName.perIp, ttl: MINUTE_MS, limit: limits.perIpPerMinute }] : []),
];

/**
 * The throttler, with Carnet's rules: only HTTP routes (the live gateway is out of scope), never `/health`, one
 * count per limit across all routes (not per route), and a plain `Retry-After` with a 429 problem body.
 * It runs after the AuthGuard, so the per-token limit sees the verified principal.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || context.getClass() === HealthController || this.throttlers.length === 0;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new RateLimited(retryAfterSeconds);
  }
}

/** The throttler's settings and in-memory counters (per API node: each node counts its own requests). */
export const rateLimitModule = (config: CarnetConfig): DynamicModule =>
  ThrottlerModule.forRoot({
    throttlers: rateLimitThrottlers(config.rateLimit),
    // Only Retry-After, on refusals: no X-RateLimit-* headers suffixed per limit name.
    setHeaders: false,
  });

/** The global guard, listed in AppModule right after the AuthGuard's providers; none when both limits are off. */
export const rateLimitGuard = (config: CarnetConfig): Provider[] =>
  rateLimitThrottlers(config.rateLimit).length ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : [];
