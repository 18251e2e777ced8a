import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { io, type Socket } from 'socket.io-client';
import type { LiveUpdate, SubscribeAck } from '../../apps/api/src/live/client-events.js';
import { BAFAPATABOR, CITEES, scenarioA, scenarioB } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, TEST_JWT_SECRET, tokenFor, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Scenario A up to its first signature: members, representatives and an adopted charter waiting for signatures. */
const citeesBeforeSignatures = () => {
  const steps = scenarioA();
  return steps.slice(0, steps.findIndex((s) => s.path.endsWith('/sign-charter')));
};
const signature = (organisationId: string, signatoryPersonId: string, signatoryCapacity: string) => ({
  charterId: 'charter:citees',
  version: 1,
  organisationId,
  signatoryPersonId,
  signatoryCapacity,
  signedOn: '2025-12',
  contentHash: (scenarioA().find((s) => s.path.endsWith('/sign-charter'))!.body as { contentHash: string }).contentHash,
});

describe('Security: tokens, roles and per-cooperation access', () => {
  let carnet: TestCarnet;
  let url: string;
  const sockets: Socket[] = [];
  // A plain member of CITÉES, a steward (Coordinator) of CITÉES, an auditor, and a member of BaFaPaTaBor.
  let santé: string;
  let interMade: string;
  let auditor: string;
  let amae: string;

  beforeAll(async () => {
    carnet = await startCarnet();
    await carnet.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(carnet.app.getHttpServer().address() as AddressInfo).port}`;
    await runSteps(carnet, [...citeesBeforeSignatures(), ...scenarioB()]);
    santé = await tokenFor({ sub: 'user:yassine', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] });
    interMade = await tokenFor({ sub: 'user:philippine', role: 'member', organisationId: 'org:inter-made', cooperationIds: [CITEES] });
    auditor = await tokenFor({ sub: 'user:auditrice', role: 'auditor' });
    amae = await tokenFor({ sub: 'user:amae', role: 'member', organisationId: 'org:amae', cooperationIds: [BAFAPATABOR] });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await carnet.close();
  });

  describe('authentication', () => {
    it('answers /health without a token, and 401 with a problem body everywhere else', async () => {
      await carnet.as(undefined).get('/health').expect(200);
      for (const path of ['/cooperations', `/cooperations/${CITEES}`, '/dashboard', '/events', '/organisations', '/me', '/metrics', '/audit/verify']) {
        const response = await carnet.as(undefined).get(path).expect(401);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(response.body).toMatchObject({ status: 401, code: 'Unauthenticated' });
      }
    });

    it('refuses expired, tampered, wrongly signed, alg none and role-less tokens with 401', async () => {
      const before = await carnet.eventCount();
      const valid = await tokenFor({ sub: 'user:yassine', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] });
      const [header, payload, signatureB64] = valid.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const now = Math.floor(Date.now() / 1000);
      const expired = await tokenFor({ sub: 'user:late', role: 'admin' }, '1s');
      await new Promise((r) => setTimeout(r, 1100));
      const otherSecret = new TextEncoder().encode('another-secret-that-is-long-enough-0123456789');
      const cases: [string, string, string][] = [
        ['expired', expired, 'TokenExpired'],
        ['tampered payload (member turned admin)', `${header}.${b64url({ ...claims, role: 'admin' })}.${signatureB64}`, 'Unauthenticated'],
        ['tampered signature', `${header}.${payload}.${signatureB64.slice(0, -2)}AA`, 'Unauthenticated'],
        ['alg none', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, role: 'admin' })}.`, 'Unauthenticated'],
        ['signed with another secret', await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('user:x').setIssuer('carnet').setAudience('carnet').setExpirationTime(now + 600).sign(otherSecret), 'Unauthenticated'],
        ['no expiry', await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('user:x').setIssuer('carnet').setAudience('carnet').sign(new TextEncoder().encode(TEST_JWT_SECRET)), 'Unauthenticated'],
        ['unknown role', await tokenFor({ sub: 'user:x', role: 'superuser' as 'admin' }), 'Unauthenticated'],
        ['not a JWT', 'bonjour', 'Unauthenticated'],
      ];
      for (const [what, token, code] of cases) {
        const response = await carnet.as(token).post('/organisations').send({ organisationId: 'org:intrus', name: 'Intrus', kind: 'association' });
        expect({ what, status: response.status, code: response.body.code }).toEqual({ what, status: 401, code });
      }
      await carnet.as(undefined).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      expect(await carnet.eventCount()).toBe(before);
    });

    it('the OpenAPI document (public, like the dashboard files) declares the bearer scheme on every operation but /health', async () => {
      const { body } = await carnet.as(undefined).get('/docs-json').expect(200);
      expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(body.security).toEqual([{ bearer: [] }]);
      expect(body.paths['/health'].get.security).toEqual([]);
      expect(body.paths['/me'].get.security).toBeUndefined();
    });

    it('GET /me returns the verified principal, never more than the token says', async () => {
      const { body } = await carnet.as(santé).get('/me').expect(200);
      expect(body).toEqual({ userId: 'user:yassine', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] });
    });
  });

  describe('a member reads only its cooperations', () => {
    it('gets 404, as for an unknown cooperation, on every route of another cooperation', async () => {
      const unknown = await carnet.as(amae).get('/cooperations/coop:nulle-part').expect(404);
      for (const suffix of ['', '/timeline', '/events', '/diff?from=2025&to=2026', '/commitments', '/decisions', '/decisions/decision:citees-charte', '/calendar', '/actions', '/alerts']) {
        const response = await carnet.as(amae).get(`/cooperations/${CITEES}${suffix}`).expect(404);
        expect(response.body.code).toBe(unknown.body.code);
      }
      await carnet.as(amae).get(`/cooperations/${BAFAPATABOR}`).expect(200);
    });

    it('is refused the other cooperation’s commands with 404, and nothing is appended', async () => {
      const before = await carnet.eventCount();
      const response = await carnet.as(amae).post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:amae', membershipType: 'member', joinedOn: '2025' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('CooperationNotFound');
      expect(await carnet.eventCount()).toBe(before);
    });

    it('sees only its cooperations in the list, the dashboard and the feed', async () => {
      const list = await carnet.as(amae).get('/cooperations').expect(200);
      expect(list.body.cooperations.map((c: { cooperationId: string }) => c.cooperationId)).toEqual([BAFAPATABOR]);
      const dashboard = await carnet.as(amae).get('/dashboard').expect(200);
      expect(dashboard.body.cooperations).toBe(1);
      const feed = await carnet.as(amae).get('/events?limit=1000').expect(200);
      expect(feed.body.events.length).toBeGreaterThan(0);
      expect(feed.body.events.every((e: { streamId: string }) => e.streamId === `cooperation-${BAFAPATABOR}`)).toBe(true);
      // Asking for its own cooperation gives the same events; another one is not found, as if it did not exist.
      const own = await carnet.as(amae).get('/events').query({ cooperationId: BAFAPATABOR, limit: 1000 }).expect(200);
      expect(own.body.events).toEqual(feed.body.events);
      expect((await carnet.as(amae).get('/events').query({ cooperationId: CITEES }).expect(404)).body.code).toBe('CooperationNotFound');
      const all = await carnet.http().get('/cooperations').expect(200);
      expect(all.body.cooperations.length).toBeGreaterThan(1);
    });

    it('may verify and export its own cooperation, not the whole log', async () => {
      await carnet.as(amae).get('/audit/verify').query({ streamId: `cooperation-${BAFAPATABOR}` }).expect(200);
      await carnet.as(amae).get('/events/export').query({ cooperationId: BAFAPATABOR }).expect(200);
      expect((await carnet.as(amae).get('/audit/verify').expect(403)).body.code).toBe('AuditorOrAdminOnly');
      expect((await carnet.as(amae).get('/events/export').expect(403)).body.code).toBe('AuditorOrAdminOnly');
      expect((await carnet.as(amae).get('/events/export').query({ cooperationId: CITEES }).expect(404)).body.code).toBe('CooperationNotFound');
      expect((await carnet.as(amae).get('/metrics').expect(403)).body.code).toBe('AuditorOrAdminOnly');
    });

    it('sees an event of its cooperation with its correlation less the other cooperation’s events, and not the other’s event', async () => {
      const correlation = 'security-one-request-two-cooperations';
      const sent = (path: string, body: object) => carnet.http().post(path).set('X-Correlation-Id', correlation).send(body);
      await sent('/organisations', { organisationId: 'org:partagee', name: 'Association partagée', kind: 'association' }).expect(201);
      const own = await sent(`/cooperations/${BAFAPATABOR}/admit-member`, { organisationId: 'org:partagee', membershipType: 'member', joinedOn: '2026-11' }).expect(200);
      const other = await sent(`/cooperations/${CITEES}/admit-member`, { organisationId: 'org:partagee', membershipType: 'member', joinedOn: '2026-11' }).expect(200);
      const streamsOf = (body: { correlation: { events: { streamId: string }[] } }) => body.correlation.events.map((e) => e.streamId);
      const asAdmin = await carnet.http().get(`/events/${own.body.events[0].eventId}`).expect(200);
      expect(streamsOf(asAdmin.body)).toContain(`cooperation-${CITEES}`);
      const asMember = await carnet.as(amae).get(`/events/${own.body.events[0].eventId}`).expect(200);
      expect(streamsOf(asMember.body)).toContain(`cooperation-${BAFAPATABOR}`);
      expect(streamsOf(asMember.body)).not.toContain(`cooperation-${CITEES}`);
      expect((await carnet.as(amae).get(`/events/${other.body.events[0].eventId}`).expect(404)).body.code).toBe('EventNotFound');
    });
  });

  describe('an auditor reads everything and writes nothing', () => {
    it('reads every cooperation, the feed, the export and the verification', async () => {
      for (const path of ['/cooperations', `/cooperations/${CITEES}`, `/cooperations/${BAFAPATABOR}/timeline`, '/events', '/events/export', '/audit/verify', '/metrics', '/dashboard']) {
        await carnet.as(auditor).get(path).expect(200);
      }
    });

    it('gets 403 AuditorsDoNotWrite on every kind of write, and nothing is appended', async () => {
      const before = await carnet.eventCount();
      const writes: [string, object][] = [
        ['/organisations', { organisationId: 'org:audit-test', name: 'Audit test', kind: 'association' }],
        ['/territories', { territoryId: 'territory:audit-test', name: 'Audit', kind: 'municipality' }],
        ['/cooperations', { name: 'Coopération d’audit', form: 'consortium', territoryIds: ['territory:marseille'], initiatorOrganisationIds: ['org:fondation-macif'], proposedOn: '2025' }],
        [`/cooperations/${CITEES}/sign-charter`, signature('org:banlieues-sante', 'person:yassine-ennomany', 'Directeur')],
        [`/cooperations/${CITEES}/change-phase`, { fromPhase: 'framing', toPhase: 'experimentation' }],
      ];
      for (const [path, body] of writes) {
        const response = await carnet.as(auditor).post(path).send(body);
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 403, code: 'AuditorsDoNotWrite' });
      }
      expect(await carnet.eventCount()).toBe(before);
    });
  });

  describe('a member acts only in its organisation’s name', () => {
    it('cannot sign for another organisation; signs for its own, recorded with its token’s identity', async () => {
      const before = await carnet.eventCount();
      const forged = await carnet.as(santé).post(`/cooperations/${CITEES}/sign-charter`).send(signature('org:fondation-macif', 'person:bouchra-rguibi', 'Chargée de domaine Fondation Macif & ESS, Régions PACA et Corse'));
      expect(forged.status).toBe(403);
      expect(forged.body.code).toBe('ActingForAnotherOrganisation');
      expect(await carnet.eventCount()).toBe(before);

      const signed = await carnet.as(santé).post(`/cooperations/${CITEES}/sign-charter`).send(signature('org:banlieues-sante', 'person:yassine-ennomany', 'Directeur')).expect(200);
      const { body } = await carnet.http().get(`/events/${signed.body.events[0].eventId}`).expect(200);
      expect(body.event.metadata.actor).toEqual({ userId: 'user:yassine', capacity: 'member', organisationId: 'org:banlieues-sante' });
    });

    it('a body that claims an actor is refused: the actor comes from the token only', async () => {
      const response = await carnet.as(santé).post(`/cooperations/${CITEES}/sign-charter`).send({ ...signature('org:banlieues-sante', 'person:yassine-ennomany', 'Directeur'), actor: { userId: 'user:admin' } });
      expect(response.status).toBe(400);
    });

    it('a member launches the actions it leads, not another’s, and records a milestone reached (domain.md §10.1)', async () => {
      const before = await carnet.eventCount();
      const action = (leadOrganisationId: string) => ({ title: 'Dépistage', description: 'Dépistage visuel', leadOrganisationId, contributingOrganisationIds: [], territoryIds: [], launchedOn: '2026' });
      const forged = await carnet.as(santé).post(`/cooperations/${CITEES}/launch-action`).send(action('org:inter-made'));
      expect([forged.status, forged.body.code]).toEqual([403, 'ActingForAnotherOrganisation']);
      // Its own: past the access policy, then the domain's rule (CITÉES has not started yet).
      const own = await carnet.as(santé).post(`/cooperations/${CITEES}/launch-action`).send(action('org:banlieues-sante'));
      expect([own.status, own.body.code]).toEqual([422, 'CooperationNotStarted']);
      expect(await carnet.eventCount()).toBe(before);
      await carnet.as(santé).post(`/cooperations/${CITEES}/record-milestone-reached`).send({ label: 'Premier comité de quartier', kind: 'other', reachedOn: '2025-11' }).expect(200);
    });

    it('a plain member of the steering committee neither schedules its meetings nor records its decisions: its chairs and the stewards do', async () => {
      const before = await carnet.eventCount();
      const refused = await carnet.as(santé).post(`/cooperations/${CITEES}/schedule-meeting`).send({ instanceId: 'instance:copil-citees', scheduledFor: '2027-03-12', location: 'Marseille', agenda: ['bilan'] });
      expect([refused.status, refused.body.code, refused.body.params]).toEqual([403, 'StewardOrChairOnly', { commandType: 'ScheduleMeeting', instanceId: 'instance:copil-citees' }]);
      expect(await carnet.eventCount()).toBe(before);
    });

    it('only the Lead or Coordinator admits members and assigns roles', async () => {
      await carnet.http().post('/organisations').send({ organisationId: 'org:nouvelle-asso', name: 'Nouvelle association', kind: 'association' }).expect(201);
      const before = await carnet.eventCount();
      const admission = { organisationId: 'org:nouvelle-asso', membershipType: 'member', joinedOn: '2025' };
      const refused = await carnet.as(santé).post(`/cooperations/${CITEES}/admit-member`).send(admission);
      expect([refused.status, refused.body.code]).toEqual([403, 'StewardOnly']);
      const roleRefused = await carnet.as(santé).post(`/cooperations/${CITEES}/assign-role`).send({ organisationId: 'org:banlieues-sante', role: 'Lead', from: '2025' });
      expect([roleRefused.status, roleRefused.body.code]).toEqual([403, 'StewardOnly']);
      expect(await carnet.eventCount()).toBe(before);

      const admitted = await carnet.as(interMade).post(`/cooperations/${CITEES}/admit-member`).send(admission).expect(200);
      const { body } = await carnet.http().get(`/events/${admitted.body.events[0].eventId}`).expect(200);
      expect(body.event.metadata.actor).toEqual({ userId: 'user:philippine', capacity: 'member', organisationId: 'org:inter-made' });
    });

    it('a member token without an organisation may read but not act', async () => {
      const observer = await tokenFor({ sub: 'user:observatrice', role: 'member', cooperationIds: [CITEES] });
      await carnet.as(observer).get(`/cooperations/${CITEES}`).expect(200);
      const response = await carnet.as(observer).post(`/cooperations/${CITEES}/sign-charter`).send(signature('org:inter-made', 'person:philippine-menier', 'Directrice écoute et animation du territoire'));
      expect([response.status, response.body.code]).toEqual([403, 'OrganisationRequired']);
    });

    it('registries and new cooperations are for platform staff', async () => {
      const response = await carnet.as(interMade).post('/organisations').send({ organisationId: 'org:par-un-membre', name: 'Par un membre', kind: 'association' });
      expect([response.status, response.body.code]).toEqual([403, 'AdminOnly']);
      await carnet.as(interMade).get('/organisations').expect(200);
    });
  });

  describe('the live feed', () => {
    const connect = (token: string | undefined) => {
      const socket = io(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token ? { auth: { token } } : {}) });
      sockets.push(socket);
      const updates: LiveUpdate[] = [];
      socket.on('update', (u: LiveUpdate) => updates.push(u));
      const connected = new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      return { socket, updates, connected, subscribe: (request: object) => socket.emitWithAck('subscribe', request) as Promise<SubscribeAck> };
    };
    const until = async (condition: () => boolean, what: string) => {
      const deadline = Date.now() + 5000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    it('refuses a handshake without a valid token', async () => {
      await expect(connect(undefined).connected).rejects.toMatchObject({ message: 'Unauthenticated' });
      await expect(connect('pas-un-jeton').connected).rejects.toMatchObject({ message: 'Unauthenticated' });
    });

    it('refuses the room of a cooperation the caller may not read, with a code', async () => {
      const client = connect(amae);
      await client.connected;
      expect(await client.subscribe({ scope: 'cooperation', cooperationId: CITEES })).toMatchObject({ ok: false, code: 'CooperationNotFound' });
      expect(await client.subscribe({ scope: 'cooperation', cooperationId: BAFAPATABOR })).toMatchObject({ ok: true });
    });

    it('a member’s dashboard scope carries only its cooperations’ updates', async () => {
      const member = connect(amae);
      const admin = connect(carnet.adminToken);
      await Promise.all([member.connected, admin.connected]);
      await member.subscribe({ scope: 'dashboard' });
      await admin.subscribe({ scope: 'dashboard' });
      await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: 'milestone:secret-citees', label: 'Jalon interne', kind: 'other', dueBy: '2027' }).expect(200);
      const ours = await carnet.http().post(`/cooperations/${BAFAPATABOR}/plan-milestone`).send({ milestoneId: 'milestone:bafa-visible', label: 'Jalon visible', kind: 'other', dueBy: '2027' }).expect(200);
      await until(() => admin.updates.length === 2 && member.updates.length === 1, 'both dashboards');
      expect(member.updates.map((u) => u.position)).toEqual([ours.body.events[0].position]);
    });

    it('closes the socket when its token expires, after saying so', async () => {
      const client = connect(await tokenFor({ sub: 'user:bref', role: 'auditor' }, '2s'));
      const expired = new Promise((resolve) => client.socket.on('session-expired', resolve));
      const closed = new Promise((resolve) => client.socket.on('disconnect', resolve));
      await client.connected;
      expect(await expired).toEqual({ code: 'TokenExpired' });
      expect(await closed).toBe('io server disconnect');
    });
  });

  describe('carnet token', () => {
    it('mints, with the data directory’s generated secret, a token the API accepts', async () => {
      const local = await startCarnet({ CARNET_JWT_SECRET: '' });
      try {
        const { stdout } = await exec(process.execPath, ['bin/carnet.js', 'token', '--data-dir', local.dataDir, '--sub', 'user:claire', '--name', 'Claire', '--role', 'member', '--organisation', 'org:amae', '--cooperation', BAFAPATABOR, '--cooperation', CITEES, '--ttl', '30m']);
        const token = stdout.trim();
        const { body } = await local.as(token).get('/me').expect(200);
        expect(body).toEqual({ userId: 'user:claire', role: 'member', organisationId: 'org:amae', cooperationIds: [BAFAPATABOR, CITEES] });
        const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
        expect(exp - iat).toBe(1800);
      } finally {
        await local.close();
      }
    });

    it('says what is wrong with its options and exits 2', async () => {
      const failure = await exec(process.execPath, ['bin/carnet.js', 'token', '--sub', 'user:x', '--role', 'chef', '--ttl', 'demain']).catch((e: { code: number; stderr: string }) => e);
      expect(failure).toMatchObject({ code: 2 });
      expect((failure as { stderr: string }).stderr).toMatch(/--role must be one of admin, auditor, member/);
      expect((failure as { stderr: string }).stderr).toMatch(/--ttl must be a duration/);
    });
  });
});

describe('Security: OpenID Connect provider (Keycloak-style)', () => {
  let provider: Server;
  let issuer: string;
  let carnet: TestCarnet;
  let sign: (claims: object, options?: { audience?: string; issuer?: string }) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    provider = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/realms/carnet/.well-known/openid-configuration') response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
      else if (request.url === '/realms/carnet/protocol/openid-connect/certs') response.end(JSON.stringify({ keys: [jwk] }));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/realms/carnet`;
    sign = (claims, options = {}) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? 'carnet-api')
        .setSubject('f1c2-keycloak-user')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    carnet = await startCarnet({ CARNET_OIDC_ISSUER: issuer, CARNET_OIDC_AUDIENCE: 'carnet-api' });
  });
  afterAll(async () => {
    await carnet.close();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('accepts the provider’s tokens, roles read from realm_access like Keycloak puts them', async () => {
    const token = await sign({ realm_access: { roles: ['offline_access', 'carnet-auditor'] } });
    expect((await carnet.as(token).get('/me').expect(200)).body).toEqual({ userId: 'f1c2-keycloak-user', role: 'auditor' });
    await carnet.as(await sign({ role: 'admin' })).get('/audit/verify').expect(200);
  });

  it('refuses another audience, a token without a Carnet role, and an HS256 token claiming the provider', async () => {
    expect((await carnet.as(await sign({ role: 'admin' }, { audience: 'autre-appli' })).get('/me')).status).toBe(401);
    expect((await carnet.as(await sign({ realm_access: { roles: ['offline_access'] } })).get('/me')).status).toBe(401);
    const confused = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(issuer).setAudience('carnet-api').setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await carnet.as(confused).get('/me')).status).toBe(401);
  });

  it('still accepts the local tokens of `carnet token` beside the provider’s', async () => {
    await carnet.http().get('/me').expect(200);
  });
});
