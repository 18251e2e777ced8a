import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, proposed, when } from '../../testing/fixtures.js';

const admit = (organisationId: string, joinedOn = '2025-06') =>
  when('AdmitMember', { organisationId, membershipType: 'member', joinedOn });

describe('AdmitMember', () => {
  it('records a registered organisation joining', () =>
    given([proposed()]).when(admit('org:banlieues-sante')).then([event('MemberJoined', { organisationId: 'org:banlieues-sante', membershipType: 'member', joinedOn: '2025-06' })]));

  it('an organisation must be registered', () =>
    given([proposed()]).when(admit('org:unknown')).thenThrows(Code.OrganisationNotRegistered, { organisationId: 'org:unknown' }));

  it('a member cannot join twice (A6)', () =>
    given(citeesMembers()).when(admit('org:france-active-paca')).thenThrows(Code.AlreadyParticipant));

  it('a member who left may join again', () =>
    given([...citeesMembers(), event('MemberLeft', { organisationId: 'org:france-active-paca', leftOn: '2026', reason: 'fin' })])
      .when(admit('org:france-active-paca', '2026-06'))
      .then([event('MemberJoined', { organisationId: 'org:france-active-paca', membershipType: 'member', joinedOn: '2026-06' })]));

  it('nobody joins before the cooperation was proposed', () =>
    given([proposed({ proposedOn: '2025-06' })]).when(admit('org:banlieues-sante', '2024')).thenThrows(Code.JoinedBeforeProposal));

  it('an unknown cooperation admits nobody', () =>
    given([]).when(admit('org:banlieues-sante')).thenThrows(Code.CooperationNotFound));

  it('a fact dated in the future is refused', () =>
    given([proposed()]).when(admit('org:banlieues-sante', '2030')).thenThrows(Code.BusinessDateInFuture));
});
