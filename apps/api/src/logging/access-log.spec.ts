import { describe, expect, it } from '@jest/globals';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessLog, accessLogEntry, accessLogLevel, correlationIdOf, pathOf } from './access-log.js';
import { createRootLogger } from './logger.js';

describe('access log fields', () => {
  it('keeps the path and drops the query string', () => {
    expect(pathOf('/cooperations?q=Bouchra%20Rguibi&token=abc')).toBe('/cooperations');
    expect(pathOf('/cooperations/coop:citees/history')).toBe('/cooperations/coop:citees/history');
    expect(pathOf('/?x=1')).toBe('/');
    expect(pathOf('?only=query')).toBe('/');
    expect(pathOf(undefined)).toBe('/');
    expect(pathOf(`/${'a'.repeat(2000)}`)).toHaveLength(513);
  });

  it("takes the client's correlation id when it is a plain identifier, else a fresh one", () => {
    const fresh = () => 'fresh-id';
    expect(correlationIdOf('req-42', fresh)).toBe('req-42');
    expect(correlationIdOf(['first', 'second'], fresh)).toBe('first');
    expect(correlationIdOf(undefined, fresh)).toBe('fresh-id');
    expect(correlationIdOf('', fresh)).toBe('fresh-id');
    expect(correlationIdOf('line\nbreak', fresh)).toBe('fresh-id');
    expect(correlationIdOf('x'.repeat(201), fresh)).toBe('fresh-id');
    expect(correlationIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the principal by its userId only', () => {
    const request = { method: 'POST', url: '/cooperations?x=1', originalUrl: '/cooperations?x=1', principal: { userId: 'u-1', role: 'member', organisationId: 'org:a' } };
    expect(accessLogEntry(request as never, { statusCode: 201 } as ServerResponse, 12)).toEqual({ method: 'POST', path: '/cooperations', status: 201, durationMs: 12, userId: 'u-1' });
    expect(accessLogEntry({ method: 'GET', url: '/health' } as never, { statusCode: 200 } as ServerResponse, 1)).toEqual({ method: 'GET', path: '/health', status: 200, durationMs: 1 });
  });

  it('logs 5xx as errors and successful health probes at debug', () => {
    expect(accessLogLevel('/cooperations', 200, false)).toBe('info');
    expect(accessLogLevel('/cooperations', 404, false)).toBe('info');
    expect(accessLogLevel('/cooperations', 500, false)).toBe('error');
    expect(accessLogLevel('/cooperations', 200, true)).toBe('error');
    expect(accessLogLevel('/health', 200, false)).toBe('debug');
    expect(accessLogLevel('/health', 503, false)).toBe('error');
  });
});

describe('access log middleware', () => {
  it('writes one line per request without headers, query or body', async () => {
    const lines: Record<string, unknown>[] = [];
    const middleware = accessLog(createRootLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }));
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      middleware(request as never, response, () => {
        (request as { principal?: unknown }).principal = { userId: 'alice', role: 'admin' };
        request.resume();
        request.on('end', () => response.writeHead(201).end('{}'));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = JSON.stringify({ personName: 'Bouchra Rguibi' });
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/cooperations/coop:x/designate-representative?name=Rguibi',
          headers: { Authorization: 'Bearer eyJhbGciOi.secret.signature', Cookie: 'sid=s3cr3t', 'Content-Type': 'application/json', 'X-Correlation-Id': 'corr-7' },
        },
        (response) => response.resume().on('end', resolve),
      );
      request.on('error', reject);
      request.end(body);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, correlationId: 'corr-7', method: 'POST', path: '/cooperations/coop:x/designate-representative', status: 201, userId: 'alice', msg: 'request completed' });
    expect(typeof lines[0]!.durationMs).toBe('number');
    const text = JSON.stringify(lines);
    for (const secret of ['eyJhbGciOi', 's3cr3t', 'Rguibi', 'Bouchra', 'headers']) expect(text).not.toContain(secret);
  });
});
