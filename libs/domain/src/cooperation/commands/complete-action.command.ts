import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { ActionCompleted } from '../events/index.js';

export type CompleteAction = Command<'CompleteAction', ActionCompleted['data']>;

export const completeAction = (command: CompleteAction, state: CooperationState): ActionCompleted[] => {
  const { data } = command;
  const action = state.actions[data.actionId];
  ensure(action, Code.ActionNotFound, { actionId: data.actionId });
  ensure(action.status === 'launched', Code.ActionAlreadyCompleted, { actionId: data.actionId });
  ensure(!isDefinitelyBefore(data.completedOn, action.launchedOn), Code.CompletedBeforeLaunch, { completedOn: data.completedOn, launchedOn: action.launchedOn });
  return [{ type: 'ActionCompleted', data }];
};
