import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, seat, steeringCommittee, when } from '../../testing/fixtures.js';

const seated = [...citeesMembers(), steeringCommittee(), seat('seat:im', 'org:inter-made')];
const vacate = (seatId: string) => when('VacateInstanceSeat', { seatId, effectiveOn: '2026-06', reason: 'changement de représentant' });

describe('VacateInstanceSeat', () => {
  it('ends an active seat in its instance', () =>
    given(seated).when(vacate('seat:im')).then([event('InstanceSeatVacated', { seatId: 'seat:im', instanceId: 'instance:copil', effectiveOn: '2026-06', reason: 'changement de représentant' })]));

  it('the seat must exist', () => given(seated).when(vacate('seat:unknown')).thenThrows(Code.SeatNotFound, { seatId: 'seat:unknown' }));

  it('a seat is vacated once', () =>
    given([...seated, event('InstanceSeatVacated', { seatId: 'seat:im', instanceId: 'instance:copil', effectiveOn: '2026-03', reason: 'départ' })])
      .when(vacate('seat:im'))
      .thenThrows(Code.SeatNotActive, { seatId: 'seat:im', endedOn: '2026-03' }));
});
