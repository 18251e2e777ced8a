import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeInstances, meetingsScheduledFrom, type CooperationState } from '../cooperation.state.js';
import type { GovernanceInstanceDissolved } from '../events/index.js';
import { activeInstance } from './active-instance.js';

export type DissolveGovernanceInstance = Command<'DissolveGovernanceInstance', GovernanceInstanceDissolved['data']>;

export const dissolveGovernanceInstance = (command: DissolveGovernanceInstance, state: CooperationState): GovernanceInstanceDissolved[] => {
  const { data } = command;
  activeInstance(state, data.instanceId);
  const upcoming = meetingsScheduledFrom(state, data.dissolvedOn, data.instanceId).map((m) => m.meetingId);
  ensure(upcoming.length === 0, Code.UpcomingMeetingsScheduled, { meetingIds: upcoming });
  const prepared = activeInstances(state).find((i) => i.preparedByInstanceId === data.instanceId);
  ensure(!prepared, Code.InstanceStillPreparesAnother, { instanceId: prepared?.instanceId });
  if (data.successorInstanceId) activeInstance(state, data.successorInstanceId);
  return [{ type: 'GovernanceInstanceDissolved', data }];
};
