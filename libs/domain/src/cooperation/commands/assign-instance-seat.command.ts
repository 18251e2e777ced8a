import type { Command } from '../../shared/decider.js';
import { periodsOverlap } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant, ensureValidPeriod } from '../cooperation.rules.js';
import { activeSeats, holdsRole, type CooperationState } from '../cooperation.state.js';
import type { InstanceSeatAssigned } from '../events/index.js';
import { activeInstance, ensureExistedOn } from './active-instance.js';

export type AssignInstanceSeat = Command<'AssignInstanceSeat', InstanceSeatAssigned['data']>;

export const assignInstanceSeat = (command: AssignInstanceSeat, state: CooperationState): InstanceSeatAssigned[] => {
  const { data } = command;
  ensure(!state.seats[data.seatId], Code.SeatAlreadyExists, { seatId: data.seatId });
  const instance = activeInstance(state, data.instanceId);
  ensureExistedOn(instance, data.from);
  ensureActiveParticipant(state, data.holderOrganisationId, Code.SeatHolderNotParticipant);
  ensureValidPeriod(data);
  const seated = Object.values(state.seats).find(
    (s) =>
      s.instanceId === data.instanceId &&
      s.holderOrganisationId === data.holderOrganisationId &&
      (s.personId ?? '') === (data.personId ?? '') &&
      periodsOverlap(s, data),
  );
  ensure(!seated, Code.SeatAlreadyHeld, { seatId: seated?.seatId, holderOrganisationId: data.holderOrganisationId });
  if (instance.chairingModel === 'single') {
    ensure(data.seatType !== 'coChair', Code.SeatTypeNotAllowedByChairing, { seatType: data.seatType, chairingModel: instance.chairingModel });
    const chair = activeSeats(state, data.instanceId).find((s) => s.seatType === 'chair' && periodsOverlap(s, data));
    ensure(!(data.seatType === 'chair' && chair), Code.ChairAlreadyTaken, { seatId: chair?.seatId });
  }
  if (instance.kind === 'fundersCommittee') {
    ensure(holdsRole(state, data.holderOrganisationId, 'Funder'), Code.FunderRoleRequired, { organisationId: data.holderOrganisationId });
  }
  return [{ type: 'InstanceSeatAssigned', data }];
};
