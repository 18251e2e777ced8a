import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { DesignateRepresentative } from './designate-representative.command.js';
import { citeesMembers, event, given, proposed, representative, steeringCommittee, when } from '../../testing/fixtures.js';

const morini: DesignateRepresentative['data'] = {
  organisationId: 'org:cite-des-transitions',
  personId: 'person:marianne-morini',
  title: 'Responsable du développement',
  capacities: ['sit', 'speak', 'sign'],
  scope: 'cooperation',
  from: '2025',
};
/** CITÉES as one of the programme's cooperations: programme scope means something there. */
const inProgramme = () => [proposed({ programmeId: 'programme:tec' }), ...citeesMembers().slice(1)];
const designate = (data: Partial<DesignateRepresentative['data']> = {}) => when('DesignateRepresentative', { ...morini, ...data });

describe('DesignateRepresentative', () => {
  it('records a person designated for a participant', () => given(citeesMembers()).when(designate()).then([event('RepresentativeDesignated', morini)]));

  it('a person may be designated for one instance', () =>
    given([...citeesMembers(), steeringCommittee()]).when(designate({ scope: 'instance:copil' })).then([event('RepresentativeDesignated', { ...morini, scope: 'instance:copil' })]));

  it('only an active participant designates representatives', () =>
    given(citeesMembers()).when(designate({ organisationId: 'org:onesight' })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' }));

  it('an instance scope must be an instance of the cooperation', () =>
    given(citeesMembers()).when(designate({ scope: 'instance:unknown' })).thenThrows(Code.InstanceNotFound, { instanceId: 'instance:unknown' }));

  it('a designation does not end before it starts', () =>
    given(citeesMembers()).when(designate({ from: '2026', to: '2025' })).thenThrows(Code.InvalidPeriod));

  it('the same person is not designated twice for the same scope over overlapping periods', () =>
    given([...citeesMembers(), representative('org:cite-des-transitions', 'person:marianne-morini', ['sit'])])
      .when(designate({ from: '2026' }))
      .thenThrows(Code.RepresentativeAlreadyDesignated, { personId: 'person:marianne-morini', scope: 'cooperation' }));

  it('at programme scope, a registered organisation that takes no part may be represented (E17, scenario C7)', () =>
    given(inProgramme())
      .when(designate({ organisationId: 'org:onesight', personId: 'person:directrice-onesight', scope: 'programme' }))
      .then([event('RepresentativeDesignated', { ...morini, organisationId: 'org:onesight', personId: 'person:directrice-onesight', scope: 'programme' })]));

  it('at programme scope, the organisation must be registered', () =>
    given(inProgramme()).when(designate({ organisationId: 'org:nobody', scope: 'programme' })).thenThrows(Code.OrganisationNotRegistered, { organisationId: 'org:nobody' }));

  it('programme scope needs a programme: a cooperation that belongs to none refuses it', () =>
    given(citeesMembers()).when(designate({ scope: 'programme' })).thenThrows(Code.NotInAProgramme, { scope: 'programme' }));

  it('a person designated for one organisation is not designated for another in the same scope and period', () =>
    given([...citeesMembers(), representative('org:cite-des-transitions', 'person:marianne-morini', ['sit'])])
      .when(designate({ organisationId: 'org:inter-made', from: '2026' }))
      .thenThrows(Code.RepresentativeAlreadyDesignated, { personId: 'person:marianne-morini', scope: 'cooperation' }));

  it('once the organisation that designated them has left, the person may be designated for another', () =>
    given([...citeesMembers(), representative('org:cite-des-transitions', 'person:marianne-morini', ['sit']), event('MemberLeft', { organisationId: 'org:cite-des-transitions', leftOn: '2026', reason: 'fin' })])
      .when(designate({ organisationId: 'org:inter-made', from: '2026' }))
      .then([event('RepresentativeDesignated', { ...morini, organisationId: 'org:inter-made', from: '2026' })]));

  it('the same person may be designated again once the first designation is over', () =>
    given([...citeesMembers(), event('RepresentativeDesignated', { ...morini, to: '2025' })])
      .when(designate({ from: '2026' }))
      .then([event('RepresentativeDesignated', { ...morini, from: '2026' })]));
});
