import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { pendingConveningRequests, type CooperationState } from '../cooperation.state.js';
import type { MeetingConveningRequested } from '../events/index.js';
import { activeInstance, ensureExistedOn } from './active-instance.js';

export type RequestMeetingConvening = Command<'RequestMeetingConvening', MeetingConveningRequested['data']>;

/** A seat asks for a meeting; the alerts count pending requests against the instance's convening threshold. */
export const requestMeetingConvening = (command: RequestMeetingConvening, state: CooperationState): MeetingConveningRequested[] => {
  const { data } = command;
  ensure(!state.conveningRequests[data.requestId], Code.ConveningRequestAlreadyExists, { requestId: data.requestId });
  ensureExistedOn(activeInstance(state, data.instanceId), data.requestedOn);
  const seat = state.seats[data.requestedBySeatId];
  ensure(seat?.active && seat.instanceId === data.instanceId, Code.RequesterNotSeated, { seatId: data.requestedBySeatId, instanceId: data.instanceId });
  const pending = pendingConveningRequests(state, data.instanceId).find((r) => r.requestedBySeatId === data.requestedBySeatId);
  ensure(!pending, Code.DuplicateConveningRequest, { seatId: data.requestedBySeatId, pendingRequestId: pending?.requestId });
  return [{ type: 'MeetingConveningRequested', data }];
};
