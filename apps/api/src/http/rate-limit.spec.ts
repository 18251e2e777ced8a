import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { classify, problemBody } from './problem.filter.js';
import { RateLimited, rateLimitThrottlers } from './rate-limit.js';

const httpContext = (request: object): ExecutionContext =>
  ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

describe('rate limits from the configuration', () => {
  it('counts per token and per IP, over a minute', () => {
    const throttlers = rateLimitThrottlers({ perTokenPerMinute: 600, perIpPerMinute: 1200 });
    expect(throttlers.map(({ name, ttl, limit }) => ({ name, ttl, limit }))).toEqual([
      { name: 'token', ttl: 60_000, limit: 600 },
      { name: 'ip', ttl: 60_000, limit: 1200 },
    ]);
  });

  it('turns a limit of 0 off', () => {
    expect(rateLimitThrottlers({ perTokenPerMinute: 0, perIpPerMinute: 5 }).map((t) => t.name)).toEqual(['ip']);
    expect(rateLimitThrottlers({ perTokenPerMinute: 3, perIpPerMinute: 0 }).map((t) => t.name)).toEqual(['token']);
    expect(rateLimitThrottlers({ perTokenPerMinute: 0, perIpPerMinute: 0 })).toEqual([]);
  });

  it("tracks the per-token limit by the verified principal's userId, and skips it without one", async () => {
    const [perToken] = rateLimitThrottlers({ perTokenPerMinute: 10, perIpPerMinute: 0 });
    const signedIn = httpContext({ principal: { userId: 'alice', role: 'member' }, ip: '10.0.0.1' });
    const anonymous = httpContext({ ip: '10.0.0.1' });
    expect(perToken!.skipIf!(signedIn)).toBe(false);
    expect(perToken!.skipIf!(anonymous)).toBe(true);
    expect(await perToken!.getTracker!({}, signedIn)).toBe('alice');
    const socket = { getType: () => 'ws' } as unknown as ExecutionContext;
    expect(perToken!.skipIf!(socket)).toBe(true);
  });

  it('leaves the per-IP tracker to the guard (the socket address, not a forgeable header)', () => {
    const [perIp] = rateLimitThrottlers({ perTokenPerMinute: 0, perIpPerMinute: 10 });
    expect(perIp!.getTracker).toBeUndefined();
  });
});

describe('a refused request', () => {
  it('answers 429 TooManyRequests with the delay to wait', () => {
    const body = problemBody(classify(new RateLimited(42)), 'en', '/cooperations');
    expect(body).toMatchObject({ status: 429, code: 'TooManyRequests', params: { retryAfterSeconds: 42 }, instance: '/cooperations' });
    expect(problemBody(classify(new ThrottlerException()), 'fr')).toMatchObject({ status: 429, code: 'TooManyRequests' });
    expect(problemBody(classify(new ThrottlerException()), 'fr').params).toBeUndefined();
  });

  it('never shows an unexpected error, its message or its SQL', () => {
    const error = new Error('SQLITE_ERROR: near "DROP": syntax error in SELECT * FROM events WHERE stream_id = ?');
    const body = problemBody(classify(error), 'en', '/cooperations');
    expect(body).toEqual({ type: 'urn:carnet:problem:InternalError', title: 'Internal error', status: 500, detail: 'Internal error', code: 'InternalError', instance: '/cooperations' });
  });
});
