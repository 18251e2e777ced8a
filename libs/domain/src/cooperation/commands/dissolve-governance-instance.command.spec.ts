import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const dissolve = { instanceId: 'instance:copil', dissolvedOn: '2026-06', reason: 'remplacé par l’assemblée' };
const operationalCell = event('GovernanceInstanceCreated', {
  instanceId: 'instance:cellule', ownerScope: 'cooperation', kind: 'operationalCell', label: 'Cellule opérationnelle', mandate: ['prepare'],
  frequency: { kind: 'monthly' }, chairingModel: 'none', createdOn: '2025-10', preparedByInstanceId: 'instance:copil',
});

describe('DissolveGovernanceInstance', () => {
  it('dissolves an instance', () =>
    given(seatedCommittee()).when(when('DissolveGovernanceInstance', dissolve)).then([event('GovernanceInstanceDissolved', dissolve)]));

  it('not twice', () =>
    given([...seatedCommittee(), event('GovernanceInstanceDissolved', dissolve)]).when(when('DissolveGovernanceInstance', dissolve)).thenThrows(Code.InstanceDissolved));

  it('not while meetings are scheduled from its dissolution on (E30 « future meetings »), or possibly so at their precision', () => {
    const ahead = [meetingScheduled('meeting:september', { scheduledFor: '2026-09-15' }), meetingScheduled('meeting:june', { scheduledFor: '2026-06' })];
    given([...seatedCommittee(), ...ahead])
      .when(when('DissolveGovernanceInstance', dissolve))
      .thenThrows(Code.UpcomingMeetingsScheduled, { meetingIds: ['meeting:september', 'meeting:june'] });
  });

  it('a meeting left scheduled before the dissolution, never recorded, does not hold it', () =>
    given([...seatedCommittee(), meetingScheduled('meeting:1', { scheduledFor: '2025-12-10' })])
      .when(when('DissolveGovernanceInstance', dissolve))
      .then([event('GovernanceInstanceDissolved', dissolve)]));

  it('not while another instance is prepared by it', () =>
    given([...seatedCommittee(), operationalCell]).when(when('DissolveGovernanceInstance', dissolve)).thenThrows(Code.InstanceStillPreparesAnother, { instanceId: 'instance:cellule' }));
});
