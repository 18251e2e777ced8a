import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CreateGovernanceInstance } from './create-governance-instance.command.js';
import { citeesMembers, event, given, steeringCommittee, when } from '../../testing/fixtures.js';

const copil: CreateGovernanceInstance['data'] = {
  instanceId: 'instance:copil',
  kind: 'steeringCommittee',
  label: 'Comité de pilotage CITÉES',
  frequency: { kind: 'timesPerYear', timesPerYear: 3 },
  chairingModel: 'coChairs',
  createdOn: '2025-10',
};
const create = (data: Partial<CreateGovernanceInstance['data']> = {}) => when('CreateGovernanceInstance', { ...copil, ...data });
const monitoring = { instanceId: 'instance:suivi', kind: 'monitoringCommittee' as const, label: 'Comité de suivi' };

describe('CreateGovernanceInstance', () => {
  it('an instance gets its kind’s mandates by default', () =>
    given(citeesMembers())
      .when(create())
      .then([event('GovernanceInstanceCreated', { ...copil, ownerScope: 'cooperation', mandate: ['decide', 'orient', 'evaluate', 'adoptCharter'] })]));

  it('a stated mandate replaces the default one', () =>
    given(citeesMembers())
      .when(create({ mandate: ['decide', 'orient', 'propose', 'evaluate', 'adoptCharter'], conveningThreshold: 1 / 3 }))
      .then([event('GovernanceInstanceCreated', { ...copil, ownerScope: 'cooperation', mandate: ['decide', 'orient', 'propose', 'evaluate', 'adoptCharter'], conveningThreshold: 1 / 3 })]));

  it('an instance may be prepared by an active instance', () =>
    given([...citeesMembers(), steeringCommittee()])
      .when(create({ instanceId: 'instance:cell', kind: 'operationalCell', label: 'Cellule opérationnelle', preparedByInstanceId: 'instance:copil' }))
      .then([event('GovernanceInstanceCreated', { ...copil, instanceId: 'instance:cell', kind: 'operationalCell', label: 'Cellule opérationnelle', preparedByInstanceId: 'instance:copil', ownerScope: 'cooperation', mandate: ['prepare', 'coordinate'] })]));

  it('an instance id is used once', () =>
    given([...citeesMembers(), steeringCommittee()]).when(create({ kind: 'thematicCommission', label: 'Commission santé' })).thenThrows(Code.InstanceAlreadyExists, { instanceId: 'instance:copil' }));

  it('a label is used by one active instance only', () =>
    given([...citeesMembers(), steeringCommittee()])
      .when(create({ instanceId: 'instance:bis', kind: 'thematicCommission', label: 'comité  de PILOTAGE' }))
      .thenThrows(Code.InstanceLabelAlreadyUsed, { instanceId: 'instance:copil' }));

  it('the preparing instance must be an active instance of the cooperation', () =>
    given(citeesMembers()).when(create({ preparedByInstanceId: 'instance:unknown' })).thenThrows(Code.PreparingInstanceNotActive, { instanceId: 'instance:unknown' }));

  it('a monitoring committee does not decide without an explicit override', () =>
    given(citeesMembers()).when(create({ ...monitoring, mandate: ['monitor', 'decide'] })).thenThrows(Code.MonitoringInstanceCannotDecide));

  it('a monitoring committee decides with an explicit override (Coop’Alpha)', () =>
    given(citeesMembers())
      .when(create({ ...monitoring, mandate: ['monitor', 'decide'], allowDecideOverride: true }))
      .then([event('GovernanceInstanceCreated', { ...copil, ...monitoring, ownerScope: 'cooperation', mandate: ['monitor', 'decide'] })]));

  it('a convening threshold lies in (0, 1]', () => {
    given(citeesMembers()).when(create({ conveningThreshold: 0 })).thenThrows(Code.InvalidConveningThreshold, { conveningThreshold: 0 });
    given(citeesMembers()).when(create({ conveningThreshold: 1.5 })).thenThrows(Code.InvalidConveningThreshold, { conveningThreshold: 1.5 });
  });

  it('a cooperation has one active steering committee', () =>
    given([...citeesMembers(), steeringCommittee()]).when(create({ instanceId: 'instance:copil-2', label: 'Groupe de pilotage' })).thenThrows(Code.SteeringCommitteeAlreadyExists, { instanceId: 'instance:copil' }));
});
