import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import {
  assigned,
  charterInForce,
  citeesCharterAdopted,
  CITEES,
  charterSigned,
  event,
  given,
  givenIn,
  joined,
  phase,
  programme,
  proposed,
  started,
  steeringCommittee,
  when,
} from '../../testing/fixtures.js';

const start = when('StartCooperation', { startedOn: '2026-01', launchLabel: 'Naissance du consortium CITÉES' });
const inFraming = [proposed(), joined('org:fondation-macif'), joined('org:cite-des-transitions'), phase('identification', 'framing')];
const facilitated = [...inFraming, steeringCommittee(), assigned('a-coord', 'org:cite-des-transitions', 'Coordinator')];
const strict = programme('programme:strict', { policies: { requireCharterBeforeStart: true, requireFacilitationBeforeStart: true, minSectorsForCoalition: 3 } });
const strictFraming = [proposed({ programmeId: 'programme:strict' }), ...inFraming.slice(1)];
const startedWith = (warnings: { code: 'NoDecidingInstance' | 'NoFacilitationRole' | 'NoCharterInForce' }[]) =>
  event('CooperationStarted', { startedOn: '2026-01', launchLabel: 'Naissance du consortium CITÉES', warnings });

describe('StartCooperation', () => {
  it('starts with no warning when a deciding instance, a coordinator and a charter in force exist', () =>
    given([...citeesCharterAdopted(), phase('identification', 'framing'), assigned('a-coord', 'org:cite-des-transitions', 'Coordinator'), ...CITEES.map((id) => charterSigned(id)), charterInForce(CITEES)])
      .when(start)
      .then([startedWith([])]));

  it('a late charter is allowed: the start is recorded with the warning NoCharterInForce (D3)', () =>
    given(facilitated).when(start).then([startedWith([{ code: 'NoCharterInForce' }])]));

  it('missing facilitation only warns by default', () =>
    given(inFraming).when(start).then([startedWith([{ code: 'NoDecidingInstance' }, { code: 'NoFacilitationRole' }, { code: 'NoCharterInForce' }])]));

  it('a cooperation starts once', () =>
    given([...facilitated, started()]).when(start).thenThrows(Code.CooperationAlreadyStarted, { startedOn: '2026-01' }));

  it('only a cooperation in framing starts', () =>
    given([proposed(), joined('org:fondation-macif'), joined('org:cite-des-transitions')]).when(start).thenThrows(Code.CooperationNotInFraming, { currentPhase: 'identification' }));

  it('at least two active members are needed', () =>
    given([proposed(), joined('org:fondation-macif'), joined('org:toulouse-metropole', 'institutionalPartner'), phase('identification', 'framing')])
      .when(start)
      .thenThrows(Code.NotEnoughActiveMembers, { required: 2, found: 1 }));

  it('a programme requiring facilitation refuses a start without a deciding instance', () =>
    givenIn(strict)(strictFraming).when(start).thenThrows(Code.NoDecidingInstance, { policy: 'hard', programmeId: 'programme:strict' }));

  it('a programme requiring facilitation refuses a start without a Facilitator or Coordinator', () =>
    givenIn(strict)([...strictFraming, steeringCommittee()]).when(start).thenThrows(Code.NoFacilitationRole, { policy: 'hard' }));

  it('a programme requiring a charter refuses a start without one in force', () =>
    givenIn(strict)([...strictFraming, steeringCommittee(), assigned('a-coord', 'org:cite-des-transitions', 'Coordinator')])
      .when(start)
      .thenThrows(Code.NoCharterInForce, { policy: 'hard' }));
});
