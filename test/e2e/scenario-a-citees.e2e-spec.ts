import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, CITEES_CHARTER_TEXT, scenarioA, sha256 } from '../../apps/cli/src/demo/scenarios.js';

/** Scenario A of domain.md §9 over HTTP, steps 1–14, then its acceptance tests A1–A4 and A6. */
describe('Scenario A — CITÉES Marseille, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${CITEES}/${command}`).send(body);

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('records the cooperation through step 14: 5 members, roles, lead, steering committee, charter in force', async () => {
    const response = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const coop = response.body;
    expect(response.headers.etag).toBe(`"${coop.revision}"`);
    expect(coop.phase).toBe('implementation');
    expect(coop.startedOn).toBe('2026-01');
    expect(coop.startWarnings).toEqual([]);
    expect(coop.members.map((m: { name: string }) => m.name).sort()).toEqual(
      ['Banlieues Santé', 'Fondation Macif', 'France Active Provence-Alpes-Côte d’Azur', 'Inter-Made', 'La Cité des Transitions'].sort(),
    );
    expect(coop.lead.current).toMatchObject({ organisationId: 'org:cite-des-transitions', from: '2026-01-01' });
    const [copil] = coop.instances;
    expect(copil).toMatchObject({ label: 'Comité de pilotage CITÉES', kind: 'steeringCommittee', status: 'active' });
    expect(copil.seats).toHaveLength(5);
    const [charter] = coop.charters;
    expect(charter).toMatchObject({ title: 'Charte de coopération CITÉES', status: 'inForce', versionInForce: 1 });
    expect(charter.versions[0].signatures).toHaveLength(5);
    expect(charter.versions[0].signatureProgress).toEqual({ signed: 5, required: 5 });
    // The charter register (domain.md §10.1): who wrote the version and what it changed.
    expect(charter.versions[0].authorship).toEqual({
      contributedByOrganisationId: 'org:cite-des-transitions', contributedByName: 'La Cité des Transitions',
      summary: 'Première version co-écrite par les cinq membres', sectionsChanged: ['objet', 'membres et rôles', 'gouvernance'],
    });
  });

  it('A1 shared coordination: the overview lists two Coordinators', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const coordinators = body.roles.filter((r: { role: string }) => r.role === 'Coordinator').map((r: { organisationId: string }) => r.organisationId);
    expect(coordinators.sort()).toEqual(['org:cite-des-transitions', 'org:inter-made']);
  });

  it('A2 exclusive lead: a second Lead is refused, a hand-over on 2027-01-01 is accepted', async () => {
    const refused = await post('assign-role', { organisationId: 'org:inter-made', role: 'Lead', from: '2026-06-01' }).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'ExclusiveRoleAlreadyHeld', status: 422, params: { heldBy: 'org:cite-des-transitions' } });

    await post('hand-over-role', { role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', effectiveOn: '2027-01-01' }).expect(200);
    const { body } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    expect(body.lead.history).toEqual([
      expect.objectContaining({ organisationId: 'org:cite-des-transitions', from: '2026-01-01', endedOn: '2027-01-01' }),
      expect.objectContaining({ organisationId: 'org:inter-made', from: '2027-01-01' }),
    ]);
    // A term handed over from a later date has not begun: not current, upcoming (« à venir » on the dashboard).
    await post('hand-over-role', { role: 'Lead', fromOrganisationId: 'org:inter-made', toOrganisationId: 'org:france-active-paca', effectiveOn: '2099-01-01' }).expect(200);
    const later = (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body.lead.history.at(-1);
    expect(later).toMatchObject({ organisationId: 'org:france-active-paca', from: '2099-01-01', current: false, upcoming: true });
    // The Lead of today, whose term a hand-over ends on a later date, is the Pilote in the members' list too; the next ones are not yet.
    const { body: now } = await carnet.http().get(`/cooperations/${CITEES}`).expect(200);
    const today = new Date().toISOString().slice(0, 10);
    const leading = today < '2027-01-01' ? 'org:cite-des-transitions' : 'org:inter-made';
    expect(now.lead.current).toMatchObject({ organisationId: leading });
    const leadsListed = now.members.filter((m: { roles: { role: string }[] }) => m.roles.some((r) => r.role === 'Lead')).map((m: { organisationId: string }) => m.organisationId);
    expect(leadsListed).toEqual([leading]);
    const labels = async (lang: string) =>
      (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=${lang}`).expect(200)).body.items.map((i: { label: string }) => i.label);
    expect(await labels('fr')).toContain('Pilote : La Cité des Transitions (2026) → Inter-Made (2027–)');
    expect(await labels('en')).toContain('Lead: La Cité des Transitions (2026) → Inter-Made (2027–)');
  });

  it('A3 a non-member cannot sign', async () => {
    await carnet.http().post('/organisations').send({ organisationId: 'org:onesight', name: 'OneSight', kind: 'association' }).expect(201);
    const { body } = await post('sign-charter', {
      charterId: 'charter:citees', version: 1, organisationId: 'org:onesight', signatoryPersonId: 'person:x', signatoryCapacity: 'directeur', signedOn: '2026-02', contentHash: sha256(CITEES_CHARTER_TEXT),
    }).expect(422);
    expect(body.code).toBe('SignatoryNotParticipant');
  });

  it('A4 no double signature', async () => {
    const { body } = await post('sign-charter', {
      charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', signatoryPersonId: 'person:yassine-ennomany', signatoryCapacity: 'Directeur', signedOn: '2026-02', contentHash: sha256(CITEES_CHARTER_TEXT),
    }).expect(422);
    expect(body.code).toBe('AlreadySigned');
  });

  it('A5 undisclosed amounts: accepted, counted, labelled « montant non communiqué », left out of the totals', async () => {
    const ledger = async (lang: string) => (await carnet.http().get(`/cooperations/${CITEES}/commitments?lang=${lang}`).expect(200)).body;
    const fr = await ledger('fr');
    const grant = fr.commitments.find((c: { commitmentId: string }) => c.commitmentId === 'commitment:macif-structuration');
    expect(grant).toMatchObject({ organisationId: 'org:fondation-macif', kind: 'financialGrant', status: 'active', amount: { status: 'notDisclosed', cents: null, label: 'montant non communiqué' } });
    expect(fr.totals).toEqual({ statedCents: 0, estimatedCents: 0, disbursedCents: 0, undisclosed: 1 });

    await post('pledge-commitment', {
      commitmentId: 'commitment:france-active-amorcage', organisationId: 'org:france-active-paca', kind: 'loanOrGuarantee', purpose: 'action',
      amount: { cents: 1_500_000, currency: 'EUR' }, description: 'prêt d’amorçage aux initiatives identifiées', period: { from: '2026' },
    }).expect(200);
    const en = await ledger('en');
    expect(en.commitments.map((c: { amount: { label: string } | null }) => c.amount?.label ?? null)).toEqual(['amount not disclosed', null, '€15,000.00']);
    expect(en.totals).toEqual({ statedCents: 1_500_000, estimatedCents: 0, disbursedCents: 0, undisclosed: 1 });
    expect((await carnet.http().get('/cooperations/coop:nowhere/commitments').expect(404)).body.code).toBe('CooperationNotFound');
  });

  it('decision log of the comité de pilotage: the composition and attendance on the meeting’s date, kept when the seats change later', async () => {
    const logOf = async () => (await carnet.http().get(`/cooperations/${CITEES}/decisions`).expect(200)).body.instances.find((i: { instanceId: string }) => i.instanceId === 'instance:copil-citees');
    const expected = [
      ['Fondation Macif', 'person:bouchra-rguibi'],
      ['Banlieues Santé', 'person:yassine-ennomany'],
      ['La Cité des Transitions', 'person:marianne-morini'],
      ['Inter-Made', 'person:philippine-menier'],
      ['France Active Provence-Alpes-Côte d’Azur', 'person:representant-france-active-paca'],
    ].map(([holderName, personId]) => expect.objectContaining({ holderName, personId, seatType: 'member', present: true }));
    const [meeting] = (await logOf()).meetings;
    expect(meeting).toMatchObject({ meetingId: 'meeting:copil-citees-1', status: 'held', heldOn: '2025-12' });
    expect(meeting.composition).toEqual(expected);
    expect(meeting.decisions).toEqual([expect.objectContaining({ decisionId: 'decision:citees-charte', subjectType: 'charterAdoption', subjectRef: 'charter:citees', outcome: 'approved' })]);

    // France Active leaves the committee in 2026: today's composition changes, the 2025-12 meeting's does not.
    await post('vacate-instance-seat', { seatId: 'seat:copil-citees-5', effectiveOn: '2026-06', reason: 'remplacé·e par un autre membre' }).expect(200);
    expect((await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body.instances[0].seats).toHaveLength(4);
    expect((await logOf()).meetings[0].composition).toEqual(expected);
  });

  it('labels demo assumptions (source confidence D) in the decision log, the actions board and the ledger', async () => {
    const { body: log } = await carnet.http().get(`/cooperations/${CITEES}/decisions`).expect(200);
    const meeting = log.instances.flatMap((i: { meetings: { meetingId: string }[] }) => i.meetings).find((m: { meetingId: string }) => m.meetingId === 'meeting:copil-citees-1');
    expect(meeting).toMatchObject({ assumedForDemo: true, decisions: [{ decisionId: 'decision:citees-charte', assumedForDemo: false }] });
    const { body: board } = await carnet.http().get(`/cooperations/${CITEES}/actions`).expect(200);
    expect(board.actions.find((a: { actionId: string }) => a.actionId === 'action:citees-depistage')).toMatchObject({ assumedForDemo: true });
    expect(board.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'milestone:citees-rotation')).toMatchObject({ assumedForDemo: false });
    const { body: ledger } = await carnet.http().get(`/cooperations/${CITEES}/commitments`).expect(200);
    expect(ledger.commitments.find((c: { commitmentId: string }) => c.commitmentId === 'commitment:macif-structuration')).toMatchObject({ assumedForDemo: false });
  });

  it('A6 no double membership', async () => {
    const before = await carnet.eventCount();
    const { body } = await post('admit-member', { organisationId: 'org:france-active-paca', membershipType: 'member', joinedOn: '2026' }).expect(422);
    expect(body).toMatchObject({ code: 'AlreadyParticipant', title: 'Cette organisation est déjà partie prenante' });
    expect(await carnet.eventCount()).toBe(before);
  });

  it('keeps every event with its metadata, business date and provenance', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/events?limit=1`).expect(200);
    expect(body.events[0]).toMatchObject({
      type: 'CooperationProposed',
      revision: 0,
      metadata: { actor: { userId: 'user:test-admin', capacity: 'admin' }, occurredAt: { date: '2025', precision: 'year' }, source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'stated' } },
    });
    expect(body.nextFromRevision).toBe(1);
  });

  it('lists the cooperation from the cooperation-list read model, current with the writes', async () => {
    const { body } = await carnet.http().get('/cooperations').expect(200);
    expect(body.cooperations).toEqual([
      expect.objectContaining({
        cooperationId: CITEES,
        name: 'CITÉES Marseille',
        form: 'consortium',
        territories: [{ territoryId: 'territory:marseille', name: 'Marseille' }],
        membersCount: 5,
        charterStatus: 'inForce',
      }),
    ]);
    expect(body.cooperations[0].phase).toBe('implementation');
    expect((await carnet.http().get('/cooperations?phase=closed').expect(200)).body.cooperations).toEqual([]);
    expect((await carnet.http().get('/cooperations?phase=asleep').expect(400)).body.code).toBe('ValidationFailed');
  });

  it('filters the global feed by type, cooperation, actor and record time, as api.md says, and pages what it filtered', async () => {
    type FeedEvent = { eventId: string; streamId: string; type: string; position: string; metadata: { recordedAt: string; actor: { userId: string } } };
    const feed = async (query: string) => (await carnet.http().get(`/events?${query}`).expect(200)).body as { events: FeedEvent[]; next: string | null };
    const ids = (events: readonly FeedEvent[]) => events.map((e) => e.eventId);
    const all = (await feed('limit=1000')).events;
    expect(all.length).toBeGreaterThan(20);

    const admitted = all.filter((e) => e.type === 'MemberJoined');
    expect(admitted.length).toBeGreaterThan(2);
    const paged: FeedEvent[] = [];
    for (let next: string | null = ''; next !== null; ) {
      const page = await feed(`type=MemberJoined&limit=2${next ? `&after=${next}` : ''}`);
      paged.push(...page.events);
      next = page.next;
    }
    expect(ids(paged)).toEqual(ids(admitted));
    expect(ids((await feed('type=MemberJoined,OrganisationRegistered&limit=1000')).events)).toEqual(ids(all.filter((e) => ['MemberJoined', 'OrganisationRegistered'].includes(e.type))));

    const ofCitees = all.filter((e) => e.streamId === `cooperation-${CITEES}`);
    expect(ofCitees.length).toBeLessThan(all.length); // the registries' events are left out
    expect(ids((await feed(`cooperationId=${encodeURIComponent(CITEES)}&limit=1000`)).events)).toEqual(ids(ofCitees));

    const actor = all.at(-1)!.metadata.actor.userId;
    expect(ids((await feed(`actor=${encodeURIComponent(actor)}&limit=1000`)).events)).toEqual(ids(all.filter((e) => e.metadata.actor.userId === actor)));
    const [from, to] = [all[5]!.metadata.recordedAt, all[12]!.metadata.recordedAt];
    const window = all.filter((e) => e.metadata.recordedAt >= from && e.metadata.recordedAt <= to);
    expect(window.length).toBeGreaterThanOrEqual(8);
    expect(ids((await feed(`from=${from}&to=${to}&limit=1000`)).events)).toEqual(ids(window));
    expect(ids((await feed(`from=${from}&to=${to}&type=MemberJoined&limit=1000`)).events)).toEqual(ids(window.filter((e) => e.type === 'MemberJoined')));

    const refused = async (query: string, status: number) => (await carnet.http().get(`/events?${query}`).expect(status)).body;
    expect(await refused('type=MemberJoind', 400)).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'type' }] });
    expect((await refused('type=MemberJoined&type=RoleAssigned', 400)).errors).toEqual([{ field: 'type', messages: ['type must be given once'] }]);
    expect((await refused('actor=', 400)).errors).toEqual([{ field: 'actor', messages: ['actor must not be empty'] }]);
    expect((await refused(`from=${to}&to=${from}`, 400)).errors).toEqual([{ field: 'to', messages: ['to must not precede from'] }]);
    expect(await refused('cooperationId=coop:nowhere', 404)).toMatchObject({ code: 'CooperationNotFound' });
    // A misspelt filter is refused rather than answered with the whole log.
    expect((await refused('types=MemberJoined', 400)).errors).toEqual([
      { field: 'types', messages: ['types is not a parameter of GET /events (it takes after, limit, type, cooperationId, actor, from, to)'] },
    ]);
    // Every problem of the query at once, the record-time window's included.
    expect((await refused('limit=0&from=2026-13-45', 400)).errors.map((e: { field: string }) => e.field)).toEqual(['limit', 'from']);
  });

  it('pages the global feed by position, and health reports the projections live', async () => {
    const first = (await carnet.http().get('/events?limit=2').expect(200)).body;
    expect(first.events.map((e: { position: string }) => e.position)).toEqual(['1', '2']);
    const next = (await carnet.http().get(`/events?after=${first.next}&limit=2`).expect(200)).body;
    expect(next.events[0].position).toBe('3');
    expect((await carnet.http().get('/events?after=abc').expect(400)).body.code).toBe('ValidationFailed');
    const health = (await carnet.http().get('/health').expect(200)).body;
    expect(health).toMatchObject({
      status: 'ok',
      projections: [
        { name: 'cooperation-list', state: 'live', lagEvents: 0 },
        { name: 'cooperation-timeline', state: 'live', lagEvents: 0 },
        { name: 'dashboard', state: 'live', lagEvents: 0 },
        { name: 'commitment-ledger', state: 'live', lagEvents: 0 },
        { name: 'governance-log', state: 'live', lagEvents: 0 },
        { name: 'actions-board', state: 'live', lagEvents: 0 },
        { name: 'indicators', state: 'live', lagEvents: 0 },
      ],
    });
  });

  it('orders the timeline by business date, fuzzy dates after exact ones, demo assumptions marked', async () => {
    const { body } = await carnet.http().get(`/cooperations/${CITEES}/timeline`).expect(200);
    expect(body.lang).toBe('fr');
    const [first] = body.items;
    expect(first).toMatchObject({ type: 'CooperationProposed', label: 'Coopération proposée : CITÉES Marseille', date: { date: '2025', precision: 'year' }, source: { confidence: 'stated' } });
    const committee = body.items.find((i: { type: string }) => i.type === 'GovernanceInstanceCreated');
    expect(committee).toMatchObject({ label: 'Instance créée : Comité de pilotage CITÉES', assumedForDemo: true, date: { date: '2025-10', precision: 'month' } });
    // Without a stated date, a pledge sits at its period's start and a meeting at its planned date; a milestone is planned on the record day.
    type Item = { type: string; date: { date: string }; recordedAt: string };
    const datesOf = (type: string) => body.items.filter((i: Item) => i.type === type).map((i: Item) => i.date.date);
    expect(datesOf('CommitmentPledged')).toEqual(['2025', '2025', '2026']);
    expect(datesOf('MeetingScheduled')).toEqual(['2025-12']);
    const rotation = body.items.find((i: Item) => i.type === 'MilestonePlanned');
    expect(rotation.date.date).toBe(rotation.recordedAt.slice(0, 10));
    const days = body.items.map((i: { date: { date: string } }) => i.date.date.padEnd(10, '-01').slice(0, 10));
    expect(days).toEqual([...days].sort());
    expect(body.items.at(-1)).toMatchObject({ type: 'RoleHandedOver' });
    expect((await carnet.http().get('/cooperations/coop:nowhere/timeline').expect(404)).body.code).toBe('CooperationNotFound');
    expect((await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=de`).expect(400)).body.code).toBe('ValidationFailed');
  });

  it('resolves an organisation by any spelling of its name (Intermade, InterMade)', async () => {
    const { body } = await carnet.http().get('/organisations').query({ name: 'intermade' }).expect(200);
    expect(body.organisations.map((o: { organisationId: string }) => o.organisationId)).toEqual(['org:inter-made']);
  });
});
