import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { CooperationState, GovernanceInstance } from '../cooperation.state.js';
import { instanceSittingOn } from './active-instance.js';

/**
 * Charters and amendments are adopted by an instance holding the `adoptCharter` mandate, sitting on the adoption date:
 * one dissolved since still records an adoption it made before (its decision may be recorded late too).
 */
export const ensureAdoptingInstance = (state: CooperationState, instanceId: string, adoptedOn: PartialDate): GovernanceInstance => {
  const instance = instanceSittingOn(state, instanceId, adoptedOn);
  ensure(instance.mandate.includes('adoptCharter'), Code.InstanceLacksMandate, { instanceId, mandate: 'adoptCharter' });
  return instance;
};
