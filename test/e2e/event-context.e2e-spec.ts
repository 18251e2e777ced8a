import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '#event-store';
import { commandHashKeyOf } from '../../apps/api/src/commands/command-hash.js';
import { runSteps, startCarnet, TEST_JWT_SECRET, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** "Who did it, under which command, and what came with it?" for any one event (GET /events/{eventId}). */
describe('an event’s decision context', () => {
  let carnet: TestCarnet;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('shows the command that recorded the charter’s entry into force: the fifth signature, same actor and time', async () => {
    const { body: history } = await carnet.http().get(`/cooperations/${CITEES}/events`).query({ limit: 1000 }).expect(200);
    const inForce = history.events.find((e: { type: string }) => e.type === 'CharterEnteredIntoForce');
    const { body } = await carnet.http().get(`/events/${encodeURIComponent(inForce.eventId)}`).expect(200);
    expect(body.event).toEqual(inForce);
    expect(body.command.events.map((e: { type: string }) => e.type)).toEqual(['CharterSigned', 'CharterEnteredIntoForce']);
    expect(body.command).toMatchObject({ commandId: inForce.metadata.commandId, actor: inForce.metadata.actor, recordedAt: inForce.metadata.recordedAt });
    expect(body.causation).toEqual({ causationId: inForce.metadata.commandId, causedByCommand: true, causedByEvent: null });
  });

  it('follows a correlation across requests that share X-Correlation-Id', async () => {
    const correlation = 'audit-review-2026-11';
    await carnet.http().post('/organisations').set('X-Correlation-Id', correlation).send({ organisationId: 'org:atis', name: 'ATIS', kind: 'supportNetwork' }).expect(201);
    const admitted = await carnet.http().post(`/cooperations/${CITEES}/admit-member`).set('X-Correlation-Id', correlation)
      .send({ organisationId: 'org:atis', membershipType: 'associatedPartner', joinedOn: '2026-11' }).expect(200);
    const { body: history } = await carnet.http().get(`/cooperations/${CITEES}/events`).query({ fromRevision: admitted.body.revision }).expect(200);
    const { body } = await carnet.http().get(`/events/${encodeURIComponent(history.events[0].eventId)}`).expect(200);
    expect(body.correlation.correlationId).toBe(correlation);
    expect(body.correlation.events.map((e: { type: string }) => e.type)).toEqual(['OrganisationRegistered', 'MemberJoined']);
  });

  it('says who each fact is shared with: the consortium unless the command body says `visibility` (domain.md §8.1)', async () => {
    const plan = (milestoneId: string, extra: object = {}) =>
      carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId, label: `Jalon ${milestoneId}`, kind: 'other', dueBy: '2030', ...extra });
    const kept = await plan('milestone:brouillon').expect(200);
    const shared = await plan('milestone:bilan-financeurs', { visibility: 'funders' }).expect(200);
    const { body: history } = await carnet.http().get(`/cooperations/${CITEES}/events`).query({ fromRevision: kept.body.revision }).expect(200);
    expect(history.events.map((e: { metadata: { visibility: string } }) => e.metadata.visibility)).toEqual(['consortium', 'funders']);
    expect(shared.body.revision).toBe(kept.body.revision + 1);
    const before = await carnet.eventCount();
    const { body } = await plan('milestone:secret', { visibility: 'private' }).expect(400);
    expect(body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'visibility' }] });
    expect(await carnet.eventCount()).toBe(before);
  });

  it('fingerprints a command body with a key of the node (its signing secret), never a plain hash a guessed name could be checked against', async () => {
    const body = { organisationId: 'org:atis', personId: 'person:claire-atis', personName: 'Claire Vidal', title: 'Directrice', capacities: ['speak'], from: '2026' };
    const path = `/cooperations/${CITEES}/designate-representative`;
    const { body: answer } = await carnet.http().post(path).send(body).expect(200);
    const { body: context } = await carnet.http().get(`/events/${encodeURIComponent(answer.events[0].eventId)}`).expect(200);
    const fingerprinted = `POST ${path}\n${canonicalJson({ type: 'DesignateRepresentative', body })}`;
    expect(context.command.commandHash).not.toBe(createHash('sha256').update(fingerprinted).digest('hex'));
    expect(context.command.commandHash).toBe(createHmac('sha256', commandHashKeyOf(new TextEncoder().encode(TEST_JWT_SECRET))).update(fingerprinted).digest('hex'));
  });

  it('answers 404 with a problem body for an unknown event', async () => {
    const { body } = await carnet.http().get('/events/no-such-event').expect(404);
    expect(body).toMatchObject({ code: 'EventNotFound', params: { eventId: 'no-such-event' } });
  });
});
