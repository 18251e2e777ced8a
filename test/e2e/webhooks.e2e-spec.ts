import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookRegistry } from '../../apps/api/src/webhooks/webhook-registry.js';
import { verifyWebhookSignature } from '../../apps/api/src/webhooks/webhook-signature.js';
import { runSteps, startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The receivers of these tests are on this machine: the default policy (public addresses only) would refuse them. */
const LOCAL_RECEIVERS = { CARNET_WEBHOOK_RECEIVERS: 'any' };

/** Webhooks (peers.md §5: an API and webhooks with event-type filters and signing) against a local receiver. */
describe('webhooks', () => {
  let carnet: TestCarnet;
  let receiver: Server;
  let base = '';
  const received: Received[] = [];
  const hanging: { closed: boolean }[] = [];
  /** What the receiver answers, by path: a status per call in turn (200 once the list runs out). */
  const answers = new Map<string, number[]>();
  const receivedOn = (path: string) => received.filter((r) => r.path === path);
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const register = (body: object) => carnet.http().post('/webhooks').send(body);
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/${command}`).send(body).expect(200);

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      if (request.url === '/hang') {
        // Never answers: the request stays in flight until the sender gives it up.
        hanging.push({ closed: false });
        const held = hanging.at(-1)!;
        request.resume();
        response.on('close', () => (held.closed = true));
        return;
      }
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        received.push({ path: request.url!, headers: request.headers, body });
        response.statusCode = answers.get(request.url!)?.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    carnet = await startCarnet(LOCAL_RECEIVERS, { webhookDispatch: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 2_000 } });
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => {
    await carnet.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('only platform staff manage them; a bad body is a 400, an unknown cooperation a 404, and nothing is registered', async () => {
    for (const role of ['auditor', 'member'] as const) {
      const token = await tokenFor({ sub: `user:${role}`, role, ...(role === 'member' ? { organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] } : {}) });
      const { body } = await carnet.as(token).post('/webhooks').send({ url: `${base}/x` });
      expect([role, body.status]).toEqual([role, 403]);
      expect((await carnet.as(token).get('/webhooks')).status).toBe(403);
    }
    expect((await register({ url: 'ftp://example.org/hook' }).expect(400)).body.code).toBe('ValidationFailed');
    // Credentials in a URL would travel with every attempt and show in the streak and the deliveries.
    expect((await register({ url: 'https://user:secret@example.org/hook' }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/${'x'.repeat(2100)}` }).expect(400)).body.code).toBe('ValidationFailed');
    // Forms IsUrl admits but the URL parser each delivery uses refuses: a zone id, a malformed punycode label.
    for (const url of ['http://[fe80::1%eth0]/hook', 'http://xn--a.com/hook']) expect((await register({ url }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/x`, eventTypes: ['MemberJoined', 'NoSuchEvent'] }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/x`, secret: 'mine' }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/x`, cooperationId: 'coop:inconnue' }).expect(404)).body).toMatchObject({ code: 'CooperationNotFound' });
    expect((await carnet.http().get('/webhooks').expect(200)).body.webhooks).toEqual([]);
  });

  it('delivers what its filter selects from its registration on, in log order, signed, without personal values', async () => {
    const { body: webhook } = await register({ url: `${base}/citees`, eventTypes: ['MemberJoined', 'RepresentativeDesignated'], cooperationId: CITEES, description: 'suivi CITÉES' }).expect(201);
    expect(webhook).toMatchObject({ webhookId: expect.stringMatching(/^webhook:/), eventTypes: ['MemberJoined', 'RepresentativeDesignated'], cooperationId: CITEES, secret: expect.any(String) });
    await carnet.http().post('/organisations').send({ organisationId: 'org:sante-nord', name: 'Collectif Santé Nord', kind: 'association' }).expect(201);
    // Left out: a selected type in another cooperation, and another type in this one.
    await carnet.http().post('/cooperations').send({
      cooperationId: 'coop:voisine', name: 'Coopération voisine', purpose: 'Vérifier le filtre', territoryIds: ['territory:marseille'],
      form: 'collective', origin: 'institutional', initiatorOrganisationIds: ['org:fondation-macif'],
    }).expect(201);
    await carnet.http().post('/cooperations/coop:voisine/admit-member').send({ organisationId: 'org:sante-nord', membershipType: 'member', joinedOn: '2026' }).expect(200);
    await post('plan-milestone', { label: 'Bilan à mi-parcours', kind: 'other', dueBy: '2027' });
    await post('admit-member', { organisationId: 'org:sante-nord', membershipType: 'associatedPartner', joinedOn: '2026' });
    await post('designate-representative', { organisationId: 'org:sante-nord', personId: 'person:lea-martin', personName: 'Léa Martin', title: 'Coordinatrice', capacities: ['speak'], from: '2026' });
    await until(() => receivedOn('/citees').length >= 2, 'two deliveries');
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing else comes: the scenario's events predate it, the registration is another stream
    const deliveries = receivedOn('/citees');
    expect(deliveries.map((d) => d.headers['carnet-event-type'])).toEqual(['MemberJoined', 'RepresentativeDesignated']);
    for (const delivery of deliveries) {
      expect(verifyWebhookSignature(webhook.secret, delivery.body, delivery.headers['carnet-signature'] as string)).toBe(true);
      expect(verifyWebhookSignature(webhook.secret, `${delivery.body} `, delivery.headers['carnet-signature'] as string)).toBe(false);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const [joined, designated] = deliveries.map((d) => JSON.parse(d.body) as { webhookId: string; attempt: number; event: { cooperationId: string; type: string; position: string; data: Record<string, unknown> } });
    expect(joined).toMatchObject({ webhookId: webhook.webhookId, attempt: 1, event: { cooperationId: CITEES, type: 'MemberJoined', visibility: 'consortium', data: { organisationId: 'org:sante-nord' } } });
    expect(BigInt(designated!.event.position)).toBeGreaterThan(BigInt(joined!.event.position));
    expect(designated!.event.data).toMatchObject({ organisationId: 'org:sante-nord', personId: 'person:lea-martin' });
    expect(deliveries[1]!.body).not.toMatch(/Léa Martin|Coordinatrice/);
    const listed = (await carnet.http().get('/webhooks').expect(200)).body.webhooks;
    expect(listed).toEqual([expect.objectContaining({ webhookId: webhook.webhookId, cursor: designated!.event.position })]);
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
  });

  it('retries a failing receiver with the same event until it takes it, shows the attempts, and stops once removed', async () => {
    answers.set('/flaky', [500, 503]);
    const { body: webhook } = await register({ url: `${base}/flaky`, eventTypes: ['OrganisationRegistered'] }).expect(201);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-nord', name: 'Atelier Nord', kind: 'association' }).expect(201);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-sud', name: 'Atelier Sud', kind: 'association' }).expect(201);
    await until(() => receivedOn('/flaky').length >= 4, 'three attempts and the next event');
    const names = receivedOn('/flaky').map((d) => [(JSON.parse(d.body) as { event: { data: { name: string } } }).event.data.name, d.headers['carnet-delivery-attempt']]);
    expect(names).toEqual([['Atelier Nord', '1'], ['Atelier Nord', '2'], ['Atelier Nord', '3'], ['Atelier Sud', '1']]);
    const { body } = await carnet.http().get(`/webhooks/${webhook.webhookId}/deliveries`).expect(200);
    expect(body.deliveries.map((d: { attempt: number; status: number; ok: boolean }) => [d.attempt, d.status, d.ok])).toEqual([[1, 200, true], [3, 200, true], [2, 503, false], [1, 500, false]]);
    // The list gives each webhook's latest attempts on request: one read for a page showing them all.
    const listed = (await carnet.http().get('/webhooks?deliveries=2').expect(200)).body.webhooks.find((w: { webhookId: string }) => w.webhookId === webhook.webhookId);
    expect(listed.latestDeliveries).toEqual(body.deliveries.slice(0, 2));
    expect((await carnet.http().get('/webhooks').expect(200)).body.webhooks.every((w: object) => !('latestDeliveries' in w))).toBe(true);
    for (const wrong of ['51', '-1', 'x', '1.5']) {
      expect((await carnet.http().get(`/webhooks?deliveries=${wrong}`).expect(400)).body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'deliveries' }] });
    }

    await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(204);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-est', name: 'Atelier Est', kind: 'association' }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedOn('/flaky')).toHaveLength(4);
    expect((await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(404)).body).toMatchObject({ code: 'WebhookNotFound' });
    expect((await carnet.http().get(`/webhooks/${webhook.webhookId}/deliveries`).expect(404)).body.code).toBe('WebhookNotFound');
  });

  it('a removal aborts the attempt in flight, and no further attempt starts', async () => {
    const { body: webhook } = await register({ url: `${base}/hang`, eventTypes: ['OrganisationRegistered'] }).expect(201);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-ouest', name: 'Atelier Ouest', kind: 'association' }).expect(201);
    await until(() => hanging.length === 1, 'the attempt to reach the receiver');
    expect(hanging[0]!.closed).toBe(false);
    await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(204);
    const deleted = Date.now();
    await until(() => hanging[0]!.closed, 'the attempt in flight to be aborted');
    // Aborted by the removal, not given up at its timeout (2 s here).
    expect(Date.now() - deleted).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hanging).toHaveLength(1);
  });

  it('by default, a receiver on this machine or a private network is refused (422, nothing registered), and one registered before is never posted to', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-webhooks-public-'));
    // As if registered under CARNET_WEBHOOK_RECEIVERS=any, or named by a host whose DNS answered a public address then.
    const registry = WebhookRegistry.open(join(dataDir, 'webhooks.sqlite'));
    const { webhook } = registry.create({ url: `${base.replace('127.0.0.1', 'localhost')}/guarded`, filter: { eventTypes: [] }, createdBy: 'user:admin', cursor: null, now: new Date().toISOString() });
    registry.close();
    const guarded = await startCarnet({}, { dataDir, webhookDispatch: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 2_000 } });
    try {
      for (const url of [`${base}/x`, `${base.replace('127.0.0.1', 'localhost')}/x`, 'http://10.0.0.7/hook', 'http://[::1]:8080/hook', 'http://169.254.169.254/latest']) {
        const { body } = await guarded.http().post('/webhooks').send({ url }).expect(422);
        expect(body).toMatchObject({ code: 'WebhookReceiverRefused', params: { url, reason: expect.stringMatching(/not a public address: refused \(CARNET_WEBHOOK_RECEIVERS=any/) } });
      }
      expect((await guarded.http().get('/webhooks').expect(200)).body.webhooks.map((w: { webhookId: string }) => w.webhookId)).toEqual([webhook.webhookId]);
      await guarded.http().post('/organisations').send({ organisationId: 'org:gardee', name: 'Gardée', kind: 'association' }).expect(201);
      let deliveries: { ok: boolean; status: number | null; error?: string }[] = [];
      for (const deadline = Date.now() + 10_000; deliveries.length === 0 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
        deliveries = (await guarded.http().get(`/webhooks/${webhook.webhookId}/deliveries`).expect(200)).body.deliveries;
      }
      expect(deliveries[0]).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/localhost is at (127\.0\.0\.1|::1), not a public address/) });
      expect(receivedOn('/guarded')).toEqual([]);
    } finally {
      await guarded.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('webhooks on a data directory used before', () => {
  it('the next process resumes from the stored cursor: nothing delivered twice, a failed event retried first, its attempts counted on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-webhooks-restart-'));
    const got: [name: string, attempt: string, status: number][] = [];
    let refuseNext = 0;
    const receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        response.statusCode = refuseNext-- > 0 ? 500 : 200;
        got.push([(JSON.parse(body) as { event: { data: { name: string } } }).event.data.name, request.headers['carnet-delivery-attempt'] as string, response.statusCode]);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    // A retry a minute away: the first process stops before it, and only the second one tries again.
    const webhookDispatch = { retryBaseMs: 60_000, retryMaxMs: 60_000, pollMs: 50, timeoutMs: 2_000 };
    const until = async (check: () => boolean) => {
      for (const deadline = Date.now() + 10_000; !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(got)}`);
      }
    };
    const register = (carnet: TestCarnet, organisationId: string, name: string) =>
      carnet.http().post('/organisations').send({ organisationId, name, kind: 'association' }).expect(201);
    try {
      const first = await startCarnet(LOCAL_RECEIVERS, { dataDir, webhookDispatch });
      const { body: webhook } = await first.http().post('/webhooks').send({ url, eventTypes: ['OrganisationRegistered'] }).expect(201);
      await register(first, 'org:premier', 'Premier');
      await until(() => got.length === 1);
      refuseNext = 1;
      await register(first, 'org:deuxieme', 'Deuxième');
      // The attempt is on record once its answer has come back to the dispatcher.
      let listed: { webhookId: string; failing?: object } | undefined;
      for (const deadline = Date.now() + 10_000; !listed?.failing && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
        listed = (await first.http().get('/webhooks').expect(200)).body.webhooks[0];
      }
      expect(listed).toMatchObject({ webhookId: webhook.webhookId, failing: { attempts: 1, lastError: 'HTTP 500' } });
      await first.close();

      const second = await startCarnet(LOCAL_RECEIVERS, { dataDir, webhookDispatch });
      try {
        await until(() => got.length === 3);
        await register(second, 'org:troisieme', 'Troisième');
        await until(() => got.length === 4);
        expect(got).toEqual([['Premier', '1', 200], ['Deuxième', '1', 500], ['Deuxième', '2', 200], ['Troisième', '1', 200]]);
        const [listed] = (await second.http().get('/webhooks').expect(200)).body.webhooks;
        expect(listed).toEqual(expect.objectContaining({ webhookId: webhook.webhookId, cursor: (await second.store.headPosition()) ?? null }));
        expect(listed.failing).toBeUndefined();
      } finally {
        await second.close();
      }
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a webhook whose cursor this engine cannot read (a data directory moved to another engine) shows why, and stops once removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-webhooks-engine-'));
    const registry = WebhookRegistry.open(join(dataDir, 'webhooks.sqlite'));
    const { webhook } = registry.create({ url: 'http://127.0.0.1:9/hook', filter: { eventTypes: [] }, createdBy: 'user:admin', cursor: 'C:123/P:123', now: new Date().toISOString() });
    registry.close();
    const carnet = await startCarnet({}, { dataDir, webhookDispatch: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 2_000 } });
    try {
      let listed: { failing?: { attempts: number; lastError: string } } | undefined;
      for (const deadline = Date.now() + 10_000; (listed?.failing?.attempts ?? 0) < 2 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
        listed = (await carnet.http().get('/webhooks').expect(200)).body.webhooks[0];
      }
      // Still trying (a streak of several), not stopped at the first error.
      expect(listed?.failing).toMatchObject({ attempts: expect.any(Number), lastError: expect.stringContaining('C:123/P:123 is no position of this event store') });
      expect(listed!.failing!.attempts).toBeGreaterThanOrEqual(2);
      await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(204);
      expect((await carnet.http().get('/webhooks').expect(200)).body.webhooks).toEqual([]);
    } finally {
      await carnet.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
