import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../apps/api/src/webhooks/webhook-signature.js';
import { runSteps, startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Webhooks (peers.md §5: an API and webhooks with event-type filters and signing) against a local receiver. */
describe('webhooks', () => {
  let carnet: TestCarnet;
  let receiver: Server;
  let base = '';
  const received: Received[] = [];
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
    carnet = await startCarnet({}, { webhookDispatch: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 2_000 } });
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
    expect((await register({ url: `${base}/x`, eventTypes: ['MemberJoined', 'NoSuchEvent'] }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/x`, secret: 'mine' }).expect(400)).body.code).toBe('ValidationFailed');
    expect((await register({ url: `${base}/x`, cooperationId: 'coop:inconnue' }).expect(404)).body).toMatchObject({ code: 'CooperationNotFound' });
    expect((await carnet.http().get('/webhooks').expect(200)).body.webhooks).toEqual([]);
  });

  it('delivers what its filter selects from its registration on, in log order, signed, without personal values', async () => {
    const { body: webhook } = await register({ url: `${base}/citees`, eventTypes: ['MemberJoined', 'RepresentativeDesignated'], cooperationId: CITEES, description: 'suivi CITÉES' }).expect(201);
    expect(webhook).toMatchObject({ webhookId: expect.stringMatching(/^webhook:/), eventTypes: ['MemberJoined', 'RepresentativeDesignated'], cooperationId: CITEES, secret: expect.any(String) });
    await carnet.http().post('/organisations').send({ organisationId: 'org:sante-nord', name: 'Collectif Santé Nord', kind: 'association' }).expect(201);
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
    expect(joined).toMatchObject({ webhookId: webhook.webhookId, attempt: 1, event: { cooperationId: CITEES, type: 'MemberJoined', data: { organisationId: 'org:sante-nord' } } });
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

    await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(204);
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-est', name: 'Atelier Est', kind: 'association' }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedOn('/flaky')).toHaveLength(4);
    expect((await carnet.http().delete(`/webhooks/${webhook.webhookId}`).expect(404)).body).toMatchObject({ code: 'WebhookNotFound' });
    expect((await carnet.http().get(`/webhooks/${webhook.webhookId}/deliveries`).expect(404)).body.code).toBe('WebhookNotFound');
  });
});
