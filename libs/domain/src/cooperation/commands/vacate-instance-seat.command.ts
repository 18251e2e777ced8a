import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { InstanceSeatVacated } from '../events/index.js';

export type VacateInstanceSeat = Command<'VacateInstanceSeat', Omit<InstanceSeatVacated['data'], 'instanceId'>>;

export const vacateInstanceSeat = (command: VacateInstanceSeat, state: CooperationState): InstanceSeatVacated[] => {
  const seat = state.seats[command.data.seatId];
  ensure(seat, Code.SeatNotFound, { seatId: command.data.seatId });
  ensure(seat.active, Code.SeatNotActive, { seatId: seat.seatId, endedOn: seat.endedOn });
  return [{ type: 'InstanceSeatVacated', data: { ...command.data, instanceId: seat.instanceId } }];
};
