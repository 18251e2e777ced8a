import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { decisionRecorded, meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

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

  it('not dated before what it is on record as doing: a meeting held, a decision taken on or after that date, or possibly so', () => {
    const march = [meetingScheduled('meeting:1', { scheduledFor: '2026-03-10' }), meetingHeld('meeting:1', ['seat:1', 'seat:2', 'seat:3'], '2026-03-10')];
    given([...seatedCommittee(), ...march, decisionRecorded('decision:mars', { decidedOn: '2026-03-10' })])
      .when(when('DissolveGovernanceInstance', { ...dissolve, dissolvedOn: '2026-01' }))
      .thenThrows(Code.InstanceActedAfterDissolution, { dissolvedOn: '2026-01', acts: ['meeting:1', 'decision:mars'] });
    given([...seatedCommittee(), ...march, decisionRecorded('decision:mars', { decidedOn: '2026-03-10' })])
      .when(when('DissolveGovernanceInstance', { ...dissolve, dissolvedOn: '2026' }))
      .thenThrows(Code.InstanceActedAfterDissolution, { acts: ['meeting:1', 'decision:mars'] });
    given([...seatedCommittee(), ...march, decisionRecorded('decision:mars', { decidedOn: '2026-03-10' })])
      .when(when('DissolveGovernanceInstance', dissolve))
      .then([event('GovernanceInstanceDissolved', dissolve)]);
  });

  it('nor before a charter or an amendment it adopted', () => {
    const adopted = event('CharterAdopted', { charterId: 'charter:1', version: 1, instanceId: 'instance:copil', adoptedOn: '2026-02', contentHash: 'sha256:1', requiredSignatoryOrganisationIds: [] });
    const amended = event('CharterAmended', {
      amendmentId: 'amendment:1', charterId: 'charter:1', newVersion: 2, instanceId: 'instance:copil', adoptedOn: '2026-04-02', contentHash: 'sha256:2',
      resignatureRequired: false, requiredSignatoryOrganisationIds: [],
    });
    given([...seatedCommittee(), adopted, amended])
      .when(when('DissolveGovernanceInstance', { ...dissolve, dissolvedOn: '2026-02-15' }))
      .thenThrows(Code.InstanceActedAfterDissolution, { acts: ['charter:1 v1', 'amendment:1'] });
  });

  it('not before it was created', () =>
    given(seatedCommittee())
      .when(when('DissolveGovernanceInstance', { ...dissolve, dissolvedOn: '2025-03' }))
      .thenThrows(Code.DissolvedBeforeCreation, { dissolvedOn: '2025-03', createdOn: '2025-10' }));

  it('not while another instance is prepared by it', () =>
    given([...seatedCommittee(), operationalCell]).when(when('DissolveGovernanceInstance', dissolve)).thenThrows(Code.InstanceStillPreparesAnother, { instanceId: 'instance:cellule' }));
});
