import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore, type PartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeInstances, loggedEvents, meetingsScheduledFrom, type CooperationState } from '../cooperation.state.js';
import type { GovernanceInstanceDissolved } from '../events/index.js';
import { activeInstance } from './active-instance.js';

export type DissolveGovernanceInstance = Command<'DissolveGovernanceInstance', GovernanceInstanceDissolved['data']>;

/**
 * What the instance is on record as doing on `date` or after it, or possibly so at their precision: meetings held,
 * decisions taken, charters and amendments adopted. A dissolved instance takes none of these from its dissolution on
 * (instanceSittingOn), so a dissolution dated before them is refused too: the order commands arrive in changes nothing.
 */
const actsFrom = (state: CooperationState, instanceId: string, date: PartialDate): string[] => {
  const from = (on: PartialDate) => !isDefinitelyBefore(on, date);
  const meetings = Object.values(state.meetings).filter((m) => m.instanceId === instanceId && m.heldOn !== undefined && from(m.heldOn));
  const decisionsAndAdoptions = loggedEvents(state).flatMap((event) => {
    switch (event.type) {
      case 'DecisionRecorded':
        return event.data.instanceId === instanceId && from(event.data.decidedOn) ? [event.data.decisionId] : [];
      case 'CharterAdopted':
        return event.data.instanceId === instanceId && from(event.data.adoptedOn) ? [`${event.data.charterId} v${event.data.version}`] : [];
      case 'CharterAmended':
        return event.data.instanceId === instanceId && from(event.data.adoptedOn) ? [event.data.amendmentId] : [];
      default:
        return [];
    }
  });
  return [...meetings.map((m) => m.meetingId), ...decisionsAndAdoptions];
};

export const dissolveGovernanceInstance = (command: DissolveGovernanceInstance, state: CooperationState): GovernanceInstanceDissolved[] => {
  const { data } = command;
  const instance = activeInstance(state, data.instanceId);
  ensure(!isDefinitelyBefore(data.dissolvedOn, instance.createdOn), Code.DissolvedBeforeCreation, { dissolvedOn: data.dissolvedOn, createdOn: instance.createdOn });
  const upcoming = meetingsScheduledFrom(state, data.dissolvedOn, data.instanceId).map((m) => m.meetingId);
  ensure(upcoming.length === 0, Code.UpcomingMeetingsScheduled, { meetingIds: upcoming });
  const acts = actsFrom(state, data.instanceId, data.dissolvedOn);
  ensure(acts.length === 0, Code.InstanceActedAfterDissolution, { dissolvedOn: data.dissolvedOn, acts });
  const prepared = activeInstances(state).find((i) => i.preparedByInstanceId === data.instanceId);
  ensure(!prepared, Code.InstanceStillPreparesAnother, { instanceId: prepared?.instanceId });
  if (data.successorInstanceId) activeInstance(state, data.successorInstanceId);
  return [{ type: 'GovernanceInstanceDissolved', data }];
};
