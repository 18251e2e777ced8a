import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { normaliseName } from '../../shared/text.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeInstances, type CooperationState } from '../cooperation.state.js';
import { DEFAULT_MANDATES, type Mandate } from '../cooperation.vocabulary.js';
import type { GovernanceInstanceCreated } from '../events/index.js';

export type CreateGovernanceInstance = Command<
  'CreateGovernanceInstance',
  Omit<GovernanceInstanceCreated['data'], 'mandate' | 'ownerScope'> & {
    /** Defaults to the kind's mandates (domain.md §4.3). */
    mandate?: Mandate[];
    /** A monitoring committee only decides when this says so explicitly (Coop'Alpha, domain.md E27). */
    allowDecideOverride?: boolean;
  }
>;

export const createGovernanceInstance = (
  command: CreateGovernanceInstance,
  state: CooperationState,
): GovernanceInstanceCreated[] => {
  const { allowDecideOverride, ...data } = command.data;
  const mandate = [...(data.mandate ?? DEFAULT_MANDATES[data.kind])];
  ensure(!state.instances[data.instanceId], Code.InstanceAlreadyExists, { instanceId: data.instanceId });
  const homonym = activeInstances(state).find((i) => normaliseName(i.label) === normaliseName(data.label));
  ensure(!homonym, Code.InstanceLabelAlreadyUsed, { label: data.label, instanceId: homonym?.instanceId });
  if (data.preparedByInstanceId) {
    ensure(state.instances[data.preparedByInstanceId]?.status === 'active', Code.PreparingInstanceNotActive, {
      instanceId: data.preparedByInstanceId,
    });
  }
  ensure(!(data.kind === 'monitoringCommittee' && mandate.includes('decide') && !allowDecideOverride), Code.MonitoringInstanceCannotDecide);
  if (data.conveningThreshold !== undefined) {
    ensure(data.conveningThreshold > 0 && data.conveningThreshold <= 1, Code.InvalidConveningThreshold, {
      conveningThreshold: data.conveningThreshold,
    });
  }
  if (data.kind === 'steeringCommittee') {
    const existing = activeInstances(state).find((i) => i.kind === 'steeringCommittee');
    ensure(!existing, Code.SteeringCommitteeAlreadyExists, { instanceId: existing?.instanceId });
  }
  return [{ type: 'GovernanceInstanceCreated', data: { ...data, ownerScope: 'cooperation', mandate } }];
};
