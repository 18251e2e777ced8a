import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeInstances, loggedEvents, meetingsScheduledFrom, type CooperationState } from '../cooperation.state.js';
import type { GovernanceInstanceDissolved } from '../events/index.js';
import { activeInstance } from './active-instance.js';
import { actsSittingFrom, lifetimeOf } from './instance-acts.js';

export type DissolveGovernanceInstance = Command<'DissolveGovernanceInstance', GovernanceInstanceDissolved['data']>;

export const dissolveGovernanceInstance = (command: DissolveGovernanceInstance, state: CooperationState): GovernanceInstanceDissolved[] => {
  const { data } = command;
  const instance = activeInstance(state, data.instanceId);
  ensure(!isDefinitelyBefore(data.dissolvedOn, instance.createdOn), Code.DissolvedBeforeCreation, { dissolvedOn: data.dissolvedOn, createdOn: instance.createdOn });
  const upcoming = meetingsScheduledFrom(state, data.dissolvedOn, data.instanceId).map((m) => m.meetingId);
  ensure(upcoming.length === 0, Code.UpcomingMeetingsScheduled, { meetingIds: upcoming });
  // Its meetings held, decisions and adoptions on that date or after, or possibly so: a dissolved instance takes none of
  // these from its dissolution on (instanceSittingOn), so the order commands arrive in changes nothing.
  const acts = actsSittingFrom(lifetimeOf(loggedEvents(state), data.instanceId)!, data.dissolvedOn);
  ensure(acts.length === 0, Code.InstanceActedAfterDissolution, { dissolvedOn: data.dissolvedOn, acts });
  const prepared = activeInstances(state).find((i) => i.preparedByInstanceId === data.instanceId);
  ensure(!prepared, Code.InstanceStillPreparesAnother, { instanceId: prepared?.instanceId });
  if (data.successorInstanceId) activeInstance(state, data.successorInstanceId);
  return [{ type: 'GovernanceInstanceDissolved', data }];
};
