import { isDefinitelyBefore, type PartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, GovernanceInstance } from '../cooperation.state.js';

const existingInstance = (state: CooperationState, instanceId: string): GovernanceInstance => {
  const instance = state.instances[instanceId];
  ensure(instance, Code.InstanceNotFound, { instanceId });
  return instance;
};

/** Nothing the instance did is dated before its creation (at the precision of both dates). */
export const ensureExistedOn = (instance: GovernanceInstance, date: PartialDate): void =>
  ensure(!isDefinitelyBefore(date, instance.createdOn), Code.InstanceNotYetCreated, { instanceId: instance.instanceId, createdOn: instance.createdOn, date });

/** The instance, which must exist and not be dissolved. */
export const activeInstance = (state: CooperationState, instanceId: string): GovernanceInstance => {
  const instance = existingInstance(state, instanceId);
  ensure(instance.status === 'active', Code.InstanceDissolved, { instanceId });
  return instance;
};

/**
 * The instance as it sat on `date`: not before its creation, and a dissolved one still takes what happened definitely
 * before its dissolution (a meeting it held, a decision it took, recorded afterwards), nothing from that date on.
 */
export const instanceSittingOn = (state: CooperationState, instanceId: string, date: PartialDate): GovernanceInstance => {
  const instance = existingInstance(state, instanceId);
  ensureExistedOn(instance, date);
  const sat = instance.status === 'active' || (instance.dissolvedOn !== undefined && isDefinitelyBefore(date, instance.dissolvedOn));
  ensure(sat, Code.InstanceDissolved, { instanceId, dissolvedOn: instance.dissolvedOn });
  return instance;
};
