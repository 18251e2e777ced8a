import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, ROYA_PLACEHOLDERS, scenarioA, scenarioC, scenarioCImplementation, TEC_ROYA, type Step } from '../../apps/cli/src/demo/scenarios.js';

const isCompletion = (step: Step) => step.path.endsWith('/complete-territorial-diagnostic');
const admits = (organisationId: string) => (step: Step) => step.path.endsWith('/admit-member') && step.body.organisationId === organisationId;

/** Scenario C of domain.md §9 over HTTP (on scenario A's registry), acceptance tests C1–C5, in the order the story runs. */
describe('Scenario C — TEC, Vallée de la Roya, over HTTP', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object) => carnet.http().post(`/cooperations/${TEC_ROYA}/${command}`).send(body);
  const cooperation = async () => (await carnet.http().get(`/cooperations/${TEC_ROYA}`).expect(200)).body;
  const steps = scenarioC();
  const completion = steps.findIndex(isCompletion);

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, [...scenarioA(), ...steps.slice(0, completion)]);
  });
  afterAll(async () => carnet.close());

  it('C1 portrait first: framing is refused while the portrait is not completed, accepted after it', async () => {
    expect((await cooperation()).phase).toBe('diagnostic');
    const before = await carnet.eventCount();
    const { body } = await post('change-phase', { fromPhase: 'diagnostic', toPhase: 'framing' }).expect(422);
    expect(body).toMatchObject({ code: 'DiagnosticNotCompleted', status: 422 });
    expect(await carnet.eventCount()).toBe(before);
    await runSteps(carnet, steps.slice(completion));
    expect((await cooperation()).phase).toBe('framing');
  });

  it('C2 coalition plurality: with associative and foundation members only, consolidation is refused; once a company joins it is accepted', async () => {
    // The seed's placeholders, minus the commune and the company: the coalition is not plural yet.
    const [commune, , company] = ROYA_PLACEHOLDERS;
    const implementation = scenarioCImplementation();
    await runSteps(carnet, implementation.filter((step) => !admits(commune)(step) && !admits(company)(step)));
    const started = await cooperation();
    expect(started).toMatchObject({ phase: 'implementation', startedOn: '2026' });
    const before = await carnet.eventCount();
    const { body } = await post('change-phase', { fromPhase: 'implementation', toPhase: 'consolidation', rationale: 'coalition territoriale' }).expect(422);
    expect(body).toMatchObject({ code: 'InsufficientSectorDiversity', params: { required: 3, found: ['associative', 'foundation'] } });
    expect(await carnet.eventCount()).toBe(before);

    await runSteps(carnet, implementation.filter(admits(company)));
    await post('change-phase', { fromPhase: 'implementation', toPhase: 'consolidation', rationale: 'coalition territoriale' }).expect(200);
    expect((await cooperation()).phase).toBe('consolidation');
  });

  it('C3 shared registry: Inter-Made is one record, in CITÉES and in TEC Roya, under two programmes', async () => {
    const { body } = await carnet.http().get('/cooperations').query({ organisationId: 'org:inter-made' }).expect(200);
    expect(body.cooperations.map((c: { cooperationId: string; programmeId: string }) => [c.cooperationId, c.programmeId]).sort()).toEqual([
      [CITEES, 'programme:macif-2024-2028'],
      [TEC_ROYA, 'programme:tec'],
    ]);
    const organisations = (await carnet.http().get('/organisations').query({ name: 'InterMade' }).expect(200)).body.organisations;
    expect(organisations).toEqual([expect.objectContaining({ organisationId: 'org:inter-made' })]);
    const tec = (await carnet.http().get('/cooperations').query({ programmeId: 'programme:tec' }).expect(200)).body.cooperations;
    expect(tec.map((c: { cooperationId: string }) => c.cooperationId).sort()).toEqual([TEC_ROYA]);
    const malformed = await carnet.http().get('/cooperations').query({ organisationId: 'Inter Made!' }).expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'organisationId' })]);
  });

  it('C4 programme horizon: a milestone due 2029-06 is accepted with the warning BeyondProgrammeHorizon', async () => {
    const { body } = await post('plan-milestone', { label: 'Bilan de la coalition', kind: 'other', dueBy: '2029-06' }).expect(200);
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'BeyondProgrammeHorizon', params: expect.objectContaining({ horizon: '2028-11-03', dueBy: '2029-06' }) })]);
    const board = (await carnet.http().get(`/cooperations/${TEC_ROYA}/actions`).expect(200)).body;
    expect(board.milestones.map((m: { label: string }) => m.label)).toEqual(expect.arrayContaining(['Bilan de la coalition', 'Coalition territoriale (passage en consolidation)']));
  });

  it('C5 the end of the accompaniment is not closure: Inter-Made and FdF Méditerranée relinquish their roles, the phase stays consolidation', async () => {
    const { roles } = await cooperation();
    const ending = roles.filter(
      (r: { organisationId: string; role: string }) =>
        (r.organisationId === 'org:inter-made' && r.role === 'SupportProvider') || (r.organisationId === 'org:fdf-mediterranee' && r.role === 'Convener'),
    );
    expect(ending).toHaveLength(2);
    for (const { assignmentId } of ending) {
      await post('relinquish-role', { assignmentId, effectiveOn: '2026-11', reason: 'fin de l’accompagnement TEC : la coalition continue' }).expect(200);
    }
    const after = await cooperation();
    expect(after.phase).toBe('consolidation');
    expect(after.closedOn).toBeUndefined();
    const current = after.members.flatMap((m: { organisationId: string; roles: { role: string }[] }) => m.roles.map((r) => `${m.organisationId} ${r.role}`));
    expect(current).not.toContain('org:inter-made SupportProvider');
    expect(current).not.toContain('org:fdf-mediterranee Convener');
    expect(current).toContain('org:inter-made Facilitator');
  });
});
