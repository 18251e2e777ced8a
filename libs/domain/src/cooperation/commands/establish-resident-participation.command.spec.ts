import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { EstablishResidentParticipation } from './establish-resident-participation.command.js';
import { event, given, joined, proposed, steeringCommittee, when } from '../../testing/fixtures.js';

const bafapatabor = [proposed({ origin: 'preExisting', form: 'collective' }), joined('org:e-graine-occitanie'), joined('org:habitants-bafapatabor'), steeringCommittee()];
const direct: EstablishResidentParticipation['data'] = {
  residentsGroupOrganisationId: 'org:habitants-bafapatabor',
  mode: 'directParticipation',
  description: 'directement associé·e·s au projet et à son pilotage',
  facilitatedByOrganisationId: 'org:e-graine-occitanie',
  reservedSeats: { instanceId: 'instance:copil', count: 2 },
};
const establish = (data: Partial<EstablishResidentParticipation['data']> = {}) => when('EstablishResidentParticipation', { ...direct, ...data });

describe('EstablishResidentParticipation', () => {
  it('records how the inhabitants take part (scenario B, event 7)', () =>
    given(bafapatabor).when(establish()).then([event('ResidentParticipationEstablished', direct)]));

  it('only a registered residents’ group takes part as inhabitants', () => {
    given(bafapatabor).when(establish({ residentsGroupOrganisationId: 'org:e-graine-occitanie' })).thenThrows(Code.NotAResidentsGroup, { organisationId: 'org:e-graine-occitanie' });
    given(bafapatabor).when(establish({ residentsGroupOrganisationId: 'org:unknown' })).thenThrows(Code.NotAResidentsGroup);
  });

  it('the group must be an active participant', () =>
    given(bafapatabor.filter((e) => !(e.type === 'MemberJoined' && e.data.organisationId === 'org:habitants-bafapatabor')))
      .when(establish())
      .thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:habitants-bafapatabor' }));

  it('the facilitator must be an active participant', () =>
    given(bafapatabor).when(establish({ facilitatedByOrganisationId: 'org:fondation-macif' })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:fondation-macif' }));

  it('reserved seats belong to an instance of the cooperation', () =>
    given(bafapatabor).when(establish({ reservedSeats: { instanceId: 'instance:unknown', count: 2 } })).thenThrows(Code.InstanceNotFound, { instanceId: 'instance:unknown' }));
});
