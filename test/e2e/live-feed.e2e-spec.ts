import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { calendarDay, cooperationStream } from '#domain';
import { eventIdFor, type NewEvent } from '#event-store';
import { ProjectionRunner } from '#projections';
import type { LiveUpdate, SubscribeAck } from '../../apps/api/src/live/client-events.js';
import { LIVE_START_MAX_LAG } from '../../apps/api/src/live/dashboard.gateway.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** socket.io namespace /live (api.md): subscribe, catch up from a position, then live; no gap, no duplicate. */
describe('Live feed over socket.io', () => {
  let carnet: TestCarnet;
  let url: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    carnet = await startCarnet();
    await carnet.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(carnet.app.getHttpServer().address() as AddressInfo).port}/live`;
    await runSteps(carnet, scenarioA().slice(0, 13));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await carnet.close();
  });

  const connect = async () => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, auth: { token: carnet.adminToken } });
    sockets.push(socket);
    const updates: LiveUpdate[] = [];
    socket.on('update', (u: LiveUpdate) => updates.push(u));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const subscribe = (request: object) => socket.emitWithAck('subscribe', request) as Promise<SubscribeAck>;
    return { socket, updates, subscribe };
  };
  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for live updates');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('pushes a command’s update to the cooperation’s room, with its position, label and summary', async () => {
    const client = await connect();
    const ack = await client.subscribe({ scope: 'cooperation', cooperationId: CITEES });
    expect(ack).toMatchObject({ ok: true });
    const command = await carnet.http().post(`/cooperations/${CITEES}/assign-role`).send({ organisationId: 'org:inter-made', role: 'Coordinator', from: '2025' }).expect(200);
    await until(() => client.updates.length === 1);
    expect(client.updates[0]).toMatchObject({
      position: command.body.events[0].position,
      cooperationId: CITEES,
      type: 'RoleAssigned',
      // No business date stated: dated, as the timeline dates it, by when the assignment takes effect.
      timelineItem: { date: { date: '2025', precision: 'year', approximate: false }, label: { fr: 'Coordination : Inter-Made', en: 'Coordinator: Inter-Made' } },
      summary: { cooperationId: CITEES, membersCount: 5 },
    });
    const { items } = (await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200)).body;
    expect(items.find((i: { eventId: string }) => i.eventId === command.body.events[0].eventId).date).toEqual(client.updates[0]!.timelineItem.date);
    // The record day where the cooperations are (Paris by default), as the dashboard's recent activity gives it.
    const { recordedAt, recordedOn } = client.updates[0]!.timelineItem;
    expect(recordedOn).toBe(calendarDay(recordedAt, 'Europe/Paris'));
    const { recentActivity } = (await carnet.http().get('/dashboard').expect(200)).body;
    expect(recentActivity.find((i: { eventId: string }) => i.eventId === command.body.events[0].eventId)).toMatchObject({ recordedAt, recordedOn });
  });

  it('labels a hand-over as the timeline does, with the outgoing holder’s years: a reloaded page reads the same', async () => {
    const client = await connect();
    await client.subscribe({ scope: 'cooperation', cooperationId: CITEES });
    await carnet.http().post(`/cooperations/${CITEES}/assign-role`).send({ organisationId: 'org:banlieues-sante', role: 'Facilitator', from: '2024' }).expect(200);
    const handOver = await carnet
      .http()
      .post(`/cooperations/${CITEES}/hand-over-role`)
      .send({ role: 'Facilitator', fromOrganisationId: 'org:banlieues-sante', toOrganisationId: 'org:fondation-macif', effectiveOn: '2026-01-01' })
      .expect(200);
    await until(() => client.updates.some((u) => u.type === 'RoleHandedOver'));
    const live = client.updates.find((u) => u.type === 'RoleHandedOver')!.timelineItem;
    expect(live.label.fr).toContain('Banlieues Santé (2024–2025) → Fondation Macif (2026–)');
    const item = async (lang: string) =>
      (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=${lang}`).expect(200)).body.items.find((i: { eventId: string }) => i.eventId === handOver.body.events[0].eventId);
    expect(live).toMatchObject({ label: { fr: (await item('fr')).label, en: (await item('en')).label }, date: (await item('fr')).date });
  });

  it('resumes from the last position seen: what was missed first, in order, then live', async () => {
    const { body } = await carnet.http().get('/events?limit=1000').expect(200);
    const coopEvents = body.events.filter((e: { streamId: string }) => e.streamId === `cooperation-${CITEES}`);
    const resumeAfter = coopEvents[2].position;
    const missed = coopEvents.slice(3).map((e: { position: string }) => e.position);

    const client = await connect();
    expect(await client.subscribe({ scope: 'dashboard', after: resumeAfter })).toMatchObject({ ok: true });
    await until(() => client.updates.length === missed.length);
    const live = await carnet.http().post(`/cooperations/${CITEES}/change-phase`).send({ fromPhase: 'identification', toPhase: 'diagnostic' }).expect(200);
    await until(() => client.updates.length === missed.length + 1);
    const positions = client.updates.map((u) => u.position);
    expect(positions).toEqual([...missed, live.body.events[0].position]);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('a client that misses 100 updates and comes back with `after` gets exactly those 100, in order, then live ones', async () => {
    const first = await connect();
    await first.subscribe({ scope: 'cooperation', cooperationId: CITEES });
    await carnet.http().post(`/cooperations/${CITEES}/designate-representative`).send({ organisationId: 'org:inter-made', personId: 'person:p-0', title: 'Chargée de mission', capacities: ['speak'], from: '2025' }).expect(200);
    await until(() => first.updates.length === 1);
    const lastSeen = first.updates[0]!.position;
    first.socket.close();

    const missed: string[] = [];
    for (let i = 1; i <= 100; i++) {
      const { body } = await carnet.http().post(`/cooperations/${CITEES}/designate-representative`).send({ organisationId: 'org:inter-made', personId: `person:p-${i}`, title: 'Chargée de mission', capacities: ['speak'], from: '2025' }).expect(200);
      missed.push(body.events[0].position);
    }
    const back = await connect();
    await back.subscribe({ scope: 'cooperation', cooperationId: CITEES, after: lastSeen });
    await until(() => back.updates.length === 100);
    expect(back.updates.map((u) => u.position)).toEqual(missed);
    const live = await carnet.http().post(`/cooperations/${CITEES}/designate-representative`).send({ organisationId: 'org:inter-made', personId: 'person:p-live', title: 'Chargée de mission', capacities: ['speak'], from: '2025' }).expect(200);
    await until(() => back.updates.length === 101);
    expect(back.updates[100]!.position).toBe(live.body.events[0].position);
  });

  it('under random disconnect churn, a client that always resumes from its last position sees every update once, in order', async () => {
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31; // reproducible churn
    const received: string[] = [];
    let lastSeen: string | undefined = (await carnet.http().get('/health').expect(200)).body.eventStore.headPosition;
    let client = await connect();
    await client.subscribe({ scope: 'dashboard', after: lastSeen });
    const sent: string[] = [];
    for (let i = 0; i < 60; i++) {
      const { body } = await carnet.http().post(`/cooperations/${CITEES}/designate-representative`).send({ organisationId: 'org:banlieues-sante', personId: `person:churn-${i}`, title: 'Bénévole', capacities: ['speak'], from: '2025' }).expect(200);
      sent.push(body.events[0].position);
      if (next() < 0.25) {
        received.push(...client.updates.map((u) => u.position));
        lastSeen = received.at(-1) ?? lastSeen;
        client.socket.close();
        client = await connect();
        await client.subscribe({ scope: 'dashboard', ...(lastSeen ? { after: lastSeen } : {}) });
      }
    }
    await until(() => [...received, ...client.updates.map((u) => u.position)].length >= sent.length);
    const all = [...received, ...client.updates.map((u) => u.position)];
    expect(all).toEqual(sent);
  });

  it('refuses a subscription it cannot serve, with a code', async () => {
    const client = await connect();
    expect(await client.subscribe({ scope: 'cooperation', cooperationId: 'coop:nowhere' })).toMatchObject({ ok: false, code: 'CooperationNotFound' });
    expect(await client.subscribe({ scope: 'everything' })).toMatchObject({ ok: false, code: 'ValidationFailed' });
    expect(await client.subscribe({ scope: 'dashboard', after: 'yesterday' })).toMatchObject({ ok: false, code: 'ValidationFailed' });
  });

  describe('a subscription without `after` while the read models lag behind the log', () => {
    const runner = () => carnet.app.get(ProjectionRunner);
    /** Runs `during` with the read models held back, then lets them catch up. */
    const whileLagging = async (during: () => Promise<void>) => {
      await runner().stop();
      try {
        await during();
      } finally {
        runner().start();
        expect(await runner().waitUntilCaughtUp(undefined, 20_000)).toBe(true);
        // Caught up counts a read model stopped on a failure as done: none is.
        expect((await runner().status()).filter((projection) => projection.failure)).toEqual([]);
      }
    };
    /** A member admitted to CITÉES now: every subscriber of the dashboard or of CITÉES is sent it after what came before. */
    const admitNow = async (organisationId: string, name: string) => {
      await carnet.http().post('/organisations').send({ organisationId, name, kind: 'association' }).expect(201);
      return (await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId, membershipType: 'associatedPartner', joinedOn: '2026' }).expect(200)).body.events[0].position as string;
    };

    it('starts where the timeline is: what it applies next is pushed, though the log had it before the subscription', async () => {
      const client = await connect();
      let admitted = '';
      await whileLagging(async () => {
        admitted = await admitNow('org:lagging', 'Atelier en retard');
        const ack = await client.subscribe({ scope: 'cooperation', cooperationId: CITEES });
        if (!ack.ok) throw new Error(ack.message);
        // The timeline has not applied these events: the subscription starts before them, not at the log's head.
        expect(Number(ack.position)).toBeLessThan(Number(await carnet.store.headPosition()));
        expect(client.updates).toEqual([]);
      });
      await until(() => client.updates.length === 1);
      expect(client.updates[0]).toMatchObject({ position: admitted, type: 'MemberJoined', timelineItem: { label: { fr: 'Atelier en retard rejoint la coopération' } } });
      // Then only what follows: nothing sent twice.
      const next = await admitNow('org:after-lag', 'Atelier à l’heure');
      await until(() => client.updates.length === 2);
      expect(client.updates.map((u) => u.position)).toEqual([admitted, next]);
    });

    it('labels and dates an event a catch-up reads before the timeline has it from the event itself, with the directory’s names', async () => {
      const client = await connect();
      const ack = await client.subscribe({ scope: 'cooperation', cooperationId: CITEES });
      if (!ack.ok) throw new Error(ack.message);
      await whileLagging(async () => {
        const admitted = await admitNow('org:ahead', 'Atelier en avance');
        // A second subscription of the same socket resumes from the ack's position: its catch-up reads the log.
        expect(await client.subscribe({ scope: 'cooperation', cooperationId: CITEES, after: ack.position })).toMatchObject({ ok: true });
        await until(() => client.updates.some((u) => u.position === admitted));
        expect(client.updates.find((u) => u.position === admitted)).toMatchObject({
          type: 'MemberJoined',
          timelineItem: { date: { date: '2026', precision: 'year', approximate: false }, label: { fr: 'Atelier en avance rejoint la coopération', en: 'Atelier en avance joined' } },
        });
      });
    });

    it('starts at the log’s head when the timeline is too far behind (a replay): a dashboard is not sent the history', async () => {
      const client = await connect();
      const filler = 'coop:live-filler';
      const recordedAt = new Date().toISOString();
      const event = (n: number): NewEvent => ({
        eventId: eventIdFor('live-filler', n),
        type: n === 0 ? 'CooperationProposed' : n % 2 ? 'MemberJoined' : 'MemberLeft',
        schemaVersion: 1,
        data:
          n === 0
            ? { cooperationId: filler, name: 'Coopération de remplissage', purpose: 'Faire attendre la chronologie', levers: [], territoryIds: ['territory:marseille'], form: 'consortium', origin: 'preExisting', initiatorOrganisationIds: ['org:filler'], proposedOn: '2025' }
            : n % 2
              ? { organisationId: 'org:filler', membershipType: 'member', joinedOn: '2025' }
              : { organisationId: 'org:filler', leftOn: '2025', reason: 'rotation' },
        metadata: { actor: { userId: 'local' }, recordedAt, correlationId: 'live-filler', causationId: 'live-filler', commandId: `live-filler-${n}` },
      });
      await whileLagging(async () => {
        await carnet.store.append(cooperationStream(filler), Array.from({ length: LIVE_START_MAX_LAG + 1 }, (_, n) => event(n)), { expectedRevision: 'noStream' });
        const ack = await client.subscribe({ scope: 'dashboard' });
        expect(ack).toMatchObject({ ok: true, position: await carnet.store.headPosition() });
      });
      // The replay was applied; what follows it is sent, and none of it before.
      const next = await admitNow('org:after-replay', 'Atelier d’après');
      await until(() => client.updates.some((u) => u.position === next));
      expect(client.updates.map((u) => u.position)).toEqual([next]);
    });
  });
});
