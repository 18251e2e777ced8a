import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, GovernanceInstance } from '../cooperation.state.js';

/** The instance, which must exist and not be dissolved. */
export const activeInstance = (state: CooperationState, instanceId: string): GovernanceInstance => {
  const instance = state.instances[instanceId];
  ensure(instance, Code.InstanceNotFound, { instanceId });
  ensure(instance.status === 'active', Code.InstanceDissolved, { instanceId });
  return instance;
};
