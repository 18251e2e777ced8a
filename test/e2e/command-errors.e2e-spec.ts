import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** Every refusal answers with a problem body and appends nothing: the global event count proves it. */
describe('Refused commands leave the log unchanged', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet({ CARNET_BODY_LIMIT_BYTES: String(16 * 1024) });
    await runSteps(carnet, scenarioA().slice(0, 13)); // registries, CITÉES and its five members
  });
  afterAll(async () => carnet.close());

  const expectProblem = async (send: () => Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>, status: number, code: string) => {
    const before = await carnet.eventCount();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: `urn:carnet:problem:${code}` });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(await carnet.eventCount()).toBe(before);
    return response.body;
  };
  const admit = (body: object, headers: Record<string, string> = {}) =>
    carnet.http().post(`/cooperations/${CITEES}/admit-member`).set(headers).send(body);

  it('a refused command: 422 with its rule code', () =>
    expectProblem(() => admit({ organisationId: 'org:banlieues-sante', membershipType: 'member', joinedOn: '2025' }), 422, 'AlreadyParticipant'));

  it('a stale If-Match: 409 with expected and actual revisions', async () => {
    const { body: coop } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const problem = await expectProblem(
      () => carnet.http().post(`/cooperations/${CITEES}/change-phase`).set('If-Match', `"${coop.revision - 1}"`).send({ fromPhase: 'identification', toPhase: 'diagnostic' }),
      409,
      'ConcurrencyConflict',
    );
    expect(problem.params).toMatchObject({ expectedRevision: coop.revision - 1, actualRevision: coop.revision });
  });

  it('a matching If-Match appends and returns the new ETag', async () => {
    const { body: coop } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const response = await carnet.http().post(`/cooperations/${CITEES}/change-phase`).set('If-Match', `"${coop.revision}"`).send({ fromPhase: 'identification', toPhase: 'diagnostic' }).expect(200);
    expect(response.headers.etag).toBe(`"${coop.revision + 1}"`);
    expect(response.body).toMatchObject({ cooperationId: CITEES, revision: coop.revision + 1, events: [{ type: 'CooperationPhaseChanged' }] });
  });

  it('a read’s ETag is a write precondition, not a cache validator: a matching If-None-Match still gets the body, never stored', async () => {
    // The body also depends on today's date (current roles) and on erasures, which leave the revision as it is.
    const first = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await carnet.http().get(`/cooperations/${CITEES}`).set('If-None-Match', first.headers.etag!).expect(200);
    expect(again.body).toEqual(first.body);
  });

  it('a registry command answers with its stream’s revision as the ETag too, and takes If-Match', async () => {
    const registered = await carnet.http().post('/organisations').send({ organisationId: 'org:etag-test', name: 'Étiquette', kind: 'association' }).expect(201);
    expect([registered.headers.etag, registered.body.revision]).toEqual(['"0"', 0]);
    const stale = await carnet.http().post('/organisations').set('If-Match', '"5"').send({ organisationId: 'org:etag-test-2', name: 'Étiquette 2', kind: 'association' });
    expect(stale.status).toBe(409);
  });

  it('a malformed body: 400 MalformedJson', () =>
    expectProblem(() => carnet.http().post(`/cooperations/${CITEES}/admit-member`).set('Content-Type', 'application/json').send('{"organisationId": '), 400, 'MalformedJson'));

  it('a business date whose range ends before it starts: 400; one that ends after today: 422 BusinessDateInFuture', async () => {
    const body = { organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025' };
    const inverted = await expectProblem(() => admit({ ...body, occurredAt: { date: '2025-06', to: '2025-01' } }), 400, 'ValidationFailed');
    expect(inverted.errors).toEqual([{ field: 'occurredAt.to', messages: ['to must not be before date: a range ends on or after its start'] }]);
    const future = await expectProblem(() => admit({ ...body, occurredAt: { date: '2025', to: '2099' } }), 422, 'BusinessDateInFuture');
    expect(future.params).toEqual({ date: '2099' });
    // The last date included: « juin 2025 » ends a range from the 15th of June.
    await carnet.http().post('/organisations').send({ organisationId: 'org:relais-des-quartiers', name: 'Relais des quartiers', kind: 'association' }).expect(201);
    const accepted = await admit({ ...body, organisationId: 'org:relais-des-quartiers', occurredAt: { date: '2025-06-15', to: '2025-06' } });
    expect([accepted.status, accepted.body.code]).toEqual([200, undefined]);
  });

  it('an unknown field: 400 listing it', async () => {
    const problem = await expectProblem(() => admit({ organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025', isAdmin: true }), 400, 'ValidationFailed');
    expect(problem.errors).toEqual([{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }]);
  });

  it('a mistyped field: 400 naming the field it probably meant, as the contract spells it', async () => {
    const problem = await expectProblem(() => admit({ organisationId: 'org:onesight', membershiptype: 'member', joinedOn: '2025' }), 400, 'ValidationFailed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'membershiptype', messages: ['property membershiptype should not exist', 'did you mean membershipType?'] },
        expect.objectContaining({ field: 'membershipType' }),
      ]),
    );
    expect(problem.detail).toBe('La requête est invalide — champs en cause : membershiptype, membershipType');
    const joined = await expectProblem(() => admit({ organisationId: 'org:onesight', membershipType: 'member', joindOn: '2025' }), 400, 'ValidationFailed');
    expect(joined.errors).toEqual(expect.arrayContaining([{ field: 'joindOn', messages: ['property joindOn should not exist', 'did you mean joinedOn?'] }]));
    // Nothing is suggested for a short name (two edits turn `on` into `to`), nor a field the body already holds.
    const short = await expectProblem(() => admit({ organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025', on: '2025' }), 400, 'ValidationFailed');
    expect(short.errors).toEqual([{ field: 'on', messages: ['property on should not exist'] }]);
    const twice = await expectProblem(() => admit({ organisationId: 'org:onesight', membershipType: 'member', MembershipType: 'member', joinedOn: '2025' }), 400, 'ValidationFailed');
    expect(twice.errors).toEqual([{ field: 'MembershipType', messages: ['property MembershipType should not exist'] }]);
  });

  it('wrong types and bad dates: 400 naming each field', async () => {
    const problem = await expectProblem(() => admit({ organisationId: 'Not A Slug', membershipType: 'boss', joinedOn: '2025-02-30' }), 400, 'ValidationFailed');
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['joinedOn', 'membershipType', 'organisationId']);
  });

  it('an oversized body: 413', () =>
    expectProblem(() => admit({ organisationId: 'org:x', membershipType: 'member', joinedOn: '2025', exitTerms: 'x'.repeat(20 * 1024) }), 413, 'PayloadTooLarge'));

  it('a body that is not JSON: 415', () =>
    expectProblem(() => carnet.http().post(`/cooperations/${CITEES}/admit-member`).set('Content-Type', 'text/plain').send('organisationId=org:x'), 415, 'UnsupportedMediaType'));

  it('an unknown command: 404', () => expectProblem(() => carnet.http().post(`/cooperations/${CITEES}/become-king`).send({}), 404, 'RouteNotFound'));

  it('an unknown cooperation: 404', () =>
    expectProblem(() => carnet.http().post('/cooperations/coop:nowhere/admit-member').send({ organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025' }), 404, 'CooperationNotFound'));

  it('an unknown cooperation with If-Match: 404 too, not a conflict with a revision it never had', () =>
    expectProblem(
      () => carnet.http().post('/cooperations/coop:nowhere/admit-member').set('If-Match', '"3"').send({ organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2025' }),
      404,
      'CooperationNotFound',
    ));

  it('titles speak French first, English on request', async () => {
    const body = await expectProblem(() => admit({ organisationId: 'org:banlieues-sante', membershipType: 'member', joinedOn: '2025' }, { 'Accept-Language': 'en-GB,en;q=0.9' }), 422, 'AlreadyParticipant');
    expect(body.title).toBe('This organisation already takes part');
  });
});

describe('Idempotency-Key', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA().slice(0, 13));
  });
  afterAll(async () => carnet.close());

  const assign = (key: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/assign-role`).set('Idempotency-Key', key).send(body);

  it('a retry returns the first answer and appends nothing', async () => {
    const body = { organisationId: 'org:cite-des-transitions', role: 'Coordinator', from: '2025' };
    const first = await assign('retry-1', body).expect(200);
    const count = await carnet.eventCount();
    const second = await assign('retry-1', body).expect(200);
    expect(await carnet.eventCount()).toBe(count);
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect(second.body.ids.assignmentId).toBe(first.body.ids.assignmentId);
  });

  it('the same key with another body is refused', async () => {
    await assign('retry-2', { organisationId: 'org:inter-made', role: 'Coordinator', from: '2025' }).expect(200);
    const count = await carnet.eventCount();
    const { body } = await assign('retry-2', { organisationId: 'org:inter-made', role: 'SupportProvider', from: '2025' }).expect(422);
    expect(body.code).toBe('IdempotencyKeyReused');
    expect(await carnet.eventCount()).toBe(count);
  });

  it('creating a cooperation without an id, retried with the same key, creates it once', async () => {
    const body = { name: 'Coopération sans identifiant', purpose: 'Vérifier l’idempotence', territoryIds: ['territory:marseille'], form: 'collective', origin: 'institutional', initiatorOrganisationIds: ['org:fondation-macif'] };
    const first = await carnet.http().post('/cooperations').set('Idempotency-Key', 'create-1').send(body).expect(201);
    const second = await carnet.http().post('/cooperations').set('Idempotency-Key', 'create-1').send(body).expect(201);
    expect(second.body.cooperationId).toBe(first.body.cooperationId);
    expect(second.body.replayed).toBe(true);
  });

  it('the same key on a create route with another id (so for another stream) is refused too, not a 500, and appends nothing', async () => {
    const cooperation = (cooperationId: string) => ({
      cooperationId, name: `Coopération ${cooperationId}`, purpose: 'Vérifier l’idempotence', territoryIds: ['territory:marseille'], form: 'collective', origin: 'institutional', initiatorOrganisationIds: ['org:fondation-macif'],
    });
    await carnet.http().post('/cooperations').set('Idempotency-Key', 'create-2').send(cooperation('coop:premiere')).expect(201);
    await carnet.http().post('/organisations').set('Idempotency-Key', 'create-3').send({ organisationId: 'org:premiere', name: 'Première', kind: 'association' }).expect(201);
    const count = await carnet.eventCount();
    const refused = [
      await carnet.http().post('/cooperations').set('Idempotency-Key', 'create-2').send(cooperation('coop:seconde')),
      await carnet.http().post('/organisations').set('Idempotency-Key', 'create-3').send({ organisationId: 'org:seconde', name: 'Seconde', kind: 'association' }),
    ];
    for (const { status, body } of refused) expect([status, body.code]).toEqual([422, 'IdempotencyKeyReused']);
    expect(await carnet.eventCount()).toBe(count);
    await carnet.http().get('/cooperations/coop:seconde').expect(404);
  });
});

describe('Concurrency on the exclusive Lead', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA().slice(0, 13));
  });
  afterAll(async () => carnet.close());

  it('of 50 concurrent assign-role Lead requests exactly one is accepted and revisions stay contiguous', async () => {
    const members = ['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made', 'org:france-active-paca'];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        carnet.http().post(`/cooperations/${CITEES}/assign-role`).send({ organisationId: members[i % members.length], role: 'Lead', from: '2026-01-01' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 422)).toBe(true);
    for (const refused of responses.filter((r) => r.status !== 200)) expect(['ExclusiveRoleAlreadyHeld', 'DuplicateRoleAssignment', 'ConcurrencyConflict']).toContain(refused.body.code);
    const events = (await carnet.store.readStream(`cooperation-${CITEES}`)).map((e) => e.revision);
    expect(events).toEqual(events.map((_, i) => i));
    const leads = (await carnet.store.readStream(`cooperation-${CITEES}`)).filter((e) => e.type === 'RoleAssigned' && (e.data as { role: string }).role === 'Lead');
    expect(leads).toHaveLength(1);
  });

  it('of concurrent proposals of one name on one territory (a form sent twice), exactly one is recorded (E05)', async () => {
    const propose = (cooperationId: string) =>
      carnet.http().post('/cooperations').send({
        cooperationId, name: 'Cuisine partagée du Panier', purpose: 'Une cuisine pour le quartier', territoryIds: ['territory:marseille'], form: 'collective', origin: 'preExisting', initiatorOrganisationIds: ['org:fondation-macif'],
      });
    // Appends of proposals held at a gate: without one-at-a-time, every proposal would be decided (the name free) before any is recorded.
    const append = carnet.store.append.bind(carnet.store);
    let atGate = 0;
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    carnet.store.append = async (streamId, events, options) => {
      if (events.some((e) => e.type === 'CooperationProposed')) {
        atGate += 1;
        await gate;
      }
      return append(streamId, events, options);
    };
    try {
      const sent = Array.from({ length: 3 }, (_, i) => propose(`coop:cuisine-${i}`).then((r) => r));
      // The first proposal is at the gate; any other decided meanwhile would join it there within this wait.
      for (const deadline = Date.now() + 300; atGate < 3 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 5)));
      open();
      const responses = await Promise.all(sent);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 422, 422]);
      for (const refused of responses.filter((r) => r.status === 422)) expect(refused.body.code).toBe('CooperationNameAlreadyUsed');
    } finally {
      carnet.store.append = append;
    }
    const proposed = (await carnet.store.readAll({ types: ['CooperationProposed'] })).filter((e) => (e.data as { name: string }).name === 'Cuisine partagée du Panier');
    expect(proposed).toHaveLength(1);
  });
});

describe('Configuration', () => {
  it('a bad value stops the start with a clear message', async () => {
    await expect(startCarnet({ PORT: 'soixante' })).rejects.toThrow(/PORT="soixante"/);
    await expect(startCarnet({ CARNET_EVENT_STORE: 'postgres' })).rejects.toThrow(/CARNET_EVENT_STORE/);
  });
});

describe('Reading', () => {
  let carnet: TestCarnet;
  beforeAll(async () => {
    carnet = await startCarnet();
  });
  afterAll(async () => carnet.close());

  it('serves health, the OpenAPI document with every command route, and a 404 for an unknown cooperation', async () => {
    expect((await carnet.http().get('/health').expect(200)).body).toMatchObject({ status: 'ok', eventStore: { kind: 'sqlite', headPosition: null } });
    const { body: openapi } = await carnet.http().get('/docs-json').expect(200);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/cooperations/{id}/sign-charter', '/cooperations/{id}/hand-over-role', '/organisations']));
    expect(openapi.components.schemas.SignCharterDto.required).toEqual(expect.arrayContaining(['charterId', 'version', 'organisationId', 'signatoryPersonId', 'contentHash']));
    // Each query parameter of the feed is documented with its type.
    const feedParameters = openapi.paths['/events'].get.parameters as { name: string; schema: { type?: string } }[];
    expect(Object.fromEntries(feedParameters.map((p) => [p.name, p.schema.type]))).toEqual({
      after: 'string', limit: 'number', type: 'string', cooperationId: 'string', actor: 'string', from: 'string', to: 'string',
    });
    const metrics = await carnet.http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('carnet_event_store_head_position 0');
    expect(metrics.text).toContain('carnet_projection_lag_events{projection="cooperation-list"} 0');
    // Just booted on an empty log: each projection is in exactly one state, catching up or already live.
    expect(metrics.text.match(/carnet_projection_state\{projection="cooperation-timeline",state="\w+"\} 1/g)).toHaveLength(1);
    expect(metrics.text).toMatch(/carnet_projection_state\{projection="cooperation-timeline",state="(catchingUp|live)"\} 1/);
    const { body } = await carnet.http().get('/cooperations/coop:nowhere').expect(404);
    expect(body.code).toBe('CooperationNotFound');
  });
});
