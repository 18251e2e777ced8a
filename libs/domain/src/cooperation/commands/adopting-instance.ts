import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState, GovernanceInstance } from '../cooperation.state.js';
import { activeInstance } from './active-instance.js';

/** Charters and amendments are adopted by an active instance holding the `adoptCharter` mandate. */
export const ensureAdoptingInstance = (state: CooperationState, instanceId: string): GovernanceInstance => {
  const instance = activeInstance(state, instanceId);
  ensure(instance.mandate.includes('adoptCharter'), Code.InstanceLacksMandate, { instanceId, mandate: 'adoptCharter' });
  return instance;
};
