import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { SqliteEventStore } from '#event-store';
import { scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { createApp } from '../../apps/api/src/app.factory.js';
import { mintLocalToken } from '../../apps/api/src/auth/tokens.js';
import { loadConfig } from '../../apps/api/src/config/env.js';
import { startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';

/** Issue 5, hardening: security headers, CORS, rate limits, error bodies and logs. */

const expectSecurityHeaders = (headers: Record<string, string>) => {
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  // Left to the TLS-terminating proxy: Carnet cannot know whether it is reached over https.
  expect(headers['strict-transport-security']).toBeUndefined();
};

describe('security headers', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet();
  });
  afterAll(() => carnet?.close());

  it('are sent with the dashboard, the API and its problems', async () => {
    const page = await carnet.http().get('/').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expectSecurityHeaders(page.headers);
    // The dashboard's own page: scripts and styles from this origin only, nothing inline.
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
    expectSecurityHeaders((await carnet.http().get('/cooperations').expect(200)).headers);
    expectSecurityHeaders((await carnet.http().get('/health').expect(200)).headers);
    const problem = await carnet.http().get('/cooperations/coop:nowhere').expect(404);
    expectSecurityHeaders(problem.headers);
  });

  it('let Swagger UI at /docs keep its inline styles, and only there', async () => {
    const docs = await carnet.http().get('/docs').expect(200);
    expectSecurityHeaders(docs.headers);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).not.toContain("'unsafe-eval'");
  });
});

describe('CORS', () => {
  const preflight = (carnet: TestCarnet, path: string, origin: string) =>
    carnet.http().options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');

  describe('by default', () => {
    let carnet: TestCarnet;
    beforeAll(async () => {
      carnet = await startCarnet();
    });
    afterAll(() => carnet?.close());

    it('is off: no Access-Control header for any origin, on the API or the live socket', async () => {
      const answer = await carnet.http().get('/cooperations').set('Origin', 'https://elsewhere.example').expect(200);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight(carnet, '/cooperations', 'https://elsewhere.example')).headers['access-control-allow-origin']).toBeUndefined();
      const socket = await carnet.http().get('/socket.io/?EIO=4&transport=polling').set('Origin', 'https://elsewhere.example');
      expect(socket.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('with CARNET_CORS_ORIGINS', () => {
    let carnet: TestCarnet;
    const allowed = 'https://carnet.example.org';
    beforeAll(async () => {
      carnet = await startCarnet({ CARNET_CORS_ORIGINS: `${allowed},http://localhost:5173` });
    });
    afterAll(() => carnet?.close());

    it('answers a listed origin, without credentials', async () => {
      const answer = await carnet.http().get('/cooperations').set('Origin', allowed).expect(200);
      expect(answer.headers['access-control-allow-origin']).toBe(allowed);
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      expect(answer.headers['access-control-expose-headers']).toContain('ETag');
      const check = await preflight(carnet, '/cooperations', allowed).expect(204);
      expect(check.headers['access-control-allow-origin']).toBe(allowed);
      expect(check.headers['access-control-allow-headers']).toMatch(/Authorization/i);
      expect(check.headers['access-control-allow-methods']).toContain('POST');
    });

    it('says nothing to another origin', async () => {
      const answer = await carnet.http().get('/cooperations').set('Origin', 'https://evil.example').expect(200);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight(carnet, '/cooperations', 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    });

    it('applies to the live socket too', async () => {
      const listed = await carnet.http().get('/socket.io/?EIO=4&transport=polling').set('Origin', allowed);
      expect(listed.headers['access-control-allow-origin']).toBe(allowed);
      const other = await carnet.http().get('/socket.io/?EIO=4&transport=polling').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('rate limits', () => {
  describe('per client IP', () => {
    let carnet: TestCarnet;
    beforeAll(async () => {
      carnet = await startCarnet({ CARNET_RATE_LIMIT_IP_PER_MINUTE: '5', CARNET_RATE_LIMIT_PER_MINUTE: '0' });
    });
    afterAll(() => carnet?.close());

    it('answers 429 TooManyRequests with Retry-After past the limit, across routes', async () => {
      for (const path of ['/cooperations', '/dashboard', '/cooperations', '/organisations', '/cooperations']) await carnet.http().get(path).expect(200);
      const refused = await carnet.http().get('/cooperations').set('Accept-Language', 'en').expect(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ status: 429, code: 'TooManyRequests', type: 'urn:carnet:problem:TooManyRequests', title: 'Too many requests: try again shortly', instance: '/cooperations' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(refused.body.params).toEqual({ retryAfterSeconds: retryAfter });
      expectSecurityHeaders(refused.headers);
      // Another route and another token share the same address: still refused.
      await carnet.http().post('/organisations').send({ organisationId: 'org:late', name: 'Late', kind: 'association' }).expect(429);
      await carnet.http().get('/organisations').set('Authorization', `Bearer ${await tokenFor({ sub: 'user:other', role: 'auditor' })}`).expect(429);
    });

    it('never throttles /health, nor the dashboard files', async () => {
      for (let i = 0; i < 10; i++) await carnet.http().get('/health').expect(200);
      await carnet.http().get('/').expect(200);
    });
  });

  describe('per token', () => {
    let carnet: TestCarnet;
    beforeAll(async () => {
      carnet = await startCarnet({ CARNET_RATE_LIMIT_PER_MINUTE: '3', CARNET_RATE_LIMIT_IP_PER_MINUTE: '0' });
    });
    afterAll(() => carnet?.close());

    it("counts each token's holder apart", async () => {
      for (let i = 0; i < 3; i++) await carnet.http().get('/cooperations').expect(200);
      const refused = await carnet.http().get('/cooperations').expect(429);
      expect(refused.body.code).toBe('TooManyRequests');
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      const auditor = `Bearer ${await tokenFor({ sub: 'user:auditor', role: 'auditor' })}`;
      await carnet.http().get('/cooperations').set('Authorization', auditor).expect(200);
    });
  });
});

describe('errors and logs', () => {
  const secret = 'hardening-e2e-secret-0123456789abcdef-0123';
  const lines: string[] = [];
  let dataDir: string;
  let store: SqliteEventStore;
  let app: NestExpressApplication;
  let authorization: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carnet-e2e-logs-'));
    const config = loadConfig({ CARNET_DATA_DIR: dataDir, CARNET_JWT_SECRET: secret, CARNET_LOG_LEVEL: 'info' });
    store = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
    app = await createApp(config, { eventStore: store, logDestination: { write: (line: string) => void lines.push(line) } });
    await app.init();
    authorization = `Bearer ${await mintLocalToken(new TextEncoder().encode(secret), { sub: 'user:log-reader', name: 'Hélène Journal', role: 'admin' })}`;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an unexpected error with a generic body: no message, stack or SQL', async () => {
    const failure = jest.spyOn(store, 'readAll').mockRejectedValueOnce(new Error('SQLITE_ERROR: no such column: secret_column in SELECT * FROM events WHERE stream_id = ?'));
    const answer = await http().get('/events?limit=5').set('Authorization', authorization).set('Accept-Language', 'en').expect(500);
    failure.mockRestore();
    expect(answer.body).toEqual({ type: 'urn:carnet:problem:InternalError', title: 'Internal error', status: 500, detail: 'Internal error', code: 'InternalError', instance: '/events' });
    expect(answer.text).not.toMatch(/SELECT|SQLITE|secret_column|\bat \S+ \(|\.ts:\d+/);
    // The stack is kept for the operator, in the log only.
    const logged = lines.map((line) => JSON.parse(line) as { context?: string; msg?: string; path?: string; err?: { stack?: string } }).find((entry) => entry.context === 'Problem');
    expect(logged).toMatchObject({ msg: 'internal error', path: '/events' });
    expect(logged?.err?.stack).toContain('secret_column');
  });

  it('log every request without its token, its query string or the personal data of its body', async () => {
    const steps = scenarioA();
    const upTo = steps.findIndex((step) => step.path.endsWith('/designate-representative'));
    const representative = steps[upTo]!.body as { personName: string; title: string };
    for (const step of steps.slice(0, upTo + 1)) {
      const answer = await http().post(step.path).set('Authorization', authorization).set('Cookie', 'session=cookie-value-42').send(step.body);
      expect(answer.status).toBeLessThan(300);
    }
    // A refused command and a failing one carry a name too.
    await http().post('/cooperations/coop:nowhere/designate-representative').set('Authorization', authorization).send({ ...representative, organisationId: 'org:x', personId: 'person:zoe', personName: 'Zoé Inconnue-Secrète', capacities: ['sit'], from: '2025' }).expect(404);
    const failure = jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('disk I/O error'));
    await http().post('/organisations').set('Authorization', authorization).send({ organisationId: 'org:marie-curie', name: 'Cabinet Marie Sklodowska', kind: 'association' }).expect(500);
    failure.mockRestore();
    await http().get('/organisations?name=Sklodowska').set('Authorization', authorization).set('X-Correlation-Id', 'corr-hardening-1').expect(200);

    const text = lines.join('');
    const token = authorization.slice('Bearer '.length);
    expect(text).not.toContain(token);
    for (const part of token.split('.')) expect(text).not.toContain(part);
    for (const leak of [representative.personName, ...representative.personName.split(' '), 'Zoé', 'Inconnue-Secrète', 'Sklodowska', 'Hélène', 'cookie-value-42', 'name=', 'Bearer']) {
      expect(text).not.toContain(leak);
    }
    const access = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request completed' || entry.msg === 'request failed');
    expect(access.find((entry) => entry.path === '/organisations' && entry.method === 'GET')).toMatchObject({
      method: 'GET',
      path: '/organisations',
      status: 200,
      userId: 'user:log-reader',
      correlationId: 'corr-hardening-1',
      durationMs: expect.any(Number),
    });
    expect(access.find((entry) => entry.status === 500 && entry.method === 'POST')).toMatchObject({ level: 50, path: '/organisations', userId: 'user:log-reader' });
    expect(access.find((entry) => String(entry.path).endsWith('/designate-representative') && entry.status === 200)).toBeDefined();
  });
});
