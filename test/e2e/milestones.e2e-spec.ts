import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

interface BoardMilestone {
  readonly milestoneId: string;
  readonly label: string;
  readonly status: string;
}

/** E46 `milestoneId?`: a milestone reached by its label alone is the one planned under that label. */
describe('milestones reached by their label', () => {
  let carnet: TestCarnet;
  const post = (command: string, body: object, key?: string) => {
    const request = carnet.http().post(`/cooperations/${CITEES}/${command}`);
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const milestones = async (): Promise<BoardMilestone[]> => (await carnet.http().get(`/cooperations/${CITEES}/actions`).expect(200)).body.milestones;

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('reaches « Rotation du pilotage », planned for 2026-12, and answers its id; a retry answers the same', async () => {
    const reached = { label: 'rotation du pilotage', kind: 'leadRotation', reachedOn: '2026-11' };
    const { body } = await post('record-milestone-reached', reached, 'rotation-reached').expect(200);
    expect(body.ids).toEqual({ milestoneId: 'milestone:citees-rotation' });
    const rotation = (await milestones()).filter((m) => m.label.toLowerCase() === 'rotation du pilotage');
    expect(rotation).toEqual([expect.objectContaining({ milestoneId: 'milestone:citees-rotation', status: 'reached' })]);
    const before = await carnet.eventCount();
    const retry = await post('record-milestone-reached', reached, 'rotation-reached').expect(200);
    expect([retry.body.replayed, retry.body.ids]).toEqual([true, { milestoneId: 'milestone:citees-rotation' }]);
    expect(await carnet.eventCount()).toBe(before);
  });

  it('once reached, the same label sent again without an id is that milestone, refused as reached; another of that name takes an id', async () => {
    const before = await carnet.eventCount();
    const again = { label: 'Rotation du pilotage', kind: 'leadRotation', reachedOn: '2026-11' };
    const { body } = await post('record-milestone-reached', again).expect(422);
    expect(body).toMatchObject({ code: 'MilestoneAlreadyReached', params: { milestoneId: 'milestone:citees-rotation' } });
    expect(await carnet.eventCount()).toBe(before);
    await post('record-milestone-reached', { ...again, milestoneId: 'milestone:citees-rotation-2027', reachedOn: '2026-12' }).expect(200);
    expect((await milestones()).filter((m) => m.label === 'Rotation du pilotage').map((m) => [m.milestoneId, m.status])).toEqual(
      expect.arrayContaining([['milestone:citees-rotation-2027', 'reached']]),
    );
  });
});
