import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { AssignRole } from './assign-role.command.js';
import { assigned, citeesMembers, event, given, joined, proposed, when } from '../../testing/fixtures.js';

const assign = (data: AssignRole['data']) => when('AssignRole', data);
const coordination = 'assure la coordination et l’ingénierie de coopération';
/** BaFaPaTaBor's participants (scenario B, event 6). */
const bafapatabor = [
  proposed({ name: 'Un atelier de quartier pour BaFaPaTaBor en transition', origin: 'preExisting', form: 'collective' }),
  joined('org:e-graine-occitanie'),
  joined('org:fondation-macif'),
  joined('org:habitants-bafapatabor'),
  joined('org:toulouse-metropole', 'institutionalPartner'),
];
const leadOfCite = assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01', wording: 'piloté la première année par la Cité des Transitions' });

describe('AssignRole', () => {
  it('two Coordinators share the coordination (A1)', () =>
    given([...citeesMembers(), assigned('a-coord-cdt', 'org:cite-des-transitions', 'Coordinator', { wording: coordination })])
      .when(assign({ assignmentId: 'a-coord-im', organisationId: 'org:inter-made', role: 'Coordinator', from: '2025', wording: coordination }))
      .then([event('RoleAssigned', { assignmentId: 'a-coord-im', organisationId: 'org:inter-made', role: 'Coordinator', from: '2025', wording: coordination })]));

  it('an organisation holds several roles at once', () =>
    given([...citeesMembers(), assigned('a-convener', 'org:fondation-macif', 'Convener')])
      .when(assign({ assignmentId: 'a-funder', organisationId: 'org:fondation-macif', role: 'Funder', scope: 'cooperation', from: '2025' }))
      .then([event('RoleAssigned', { assignmentId: 'a-funder', organisationId: 'org:fondation-macif', role: 'Funder', scope: 'cooperation', from: '2025' })]));

  it('the same role under two scopes is accepted (B3)', () =>
    given([...bafapatabor, assigned('a-fac-coop', 'org:e-graine-occitanie', 'Facilitator', { scope: 'cooperation' })])
      .when(assign({ assignmentId: 'a-fac-habitat', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', from: '2025' }))
      .then([event('RoleAssigned', { assignmentId: 'a-fac-habitat', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', from: '2025' })]));

  it('the same role and scope is not held twice over overlapping periods (B3)', () =>
    given([...bafapatabor, assigned('a-fac-coop', 'org:e-graine-occitanie', 'Facilitator', { scope: 'cooperation' }), assigned('a-fac-habitat', 'org:e-graine-occitanie', 'Facilitator', { scope: 'habitat' })])
      .when(assign({ assignmentId: 'a-fac-habitat-2', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', from: '2026' }))
      .thenThrows(Code.DuplicateRoleAssignment, { organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', existingAssignmentId: 'a-fac-habitat' }));

  it('the same role and scope may follow once the first period is over', () =>
    given([...bafapatabor, assigned('a-fac', 'org:e-graine-occitanie', 'Facilitator', { from: '2025', to: '2025' })])
      .when(assign({ assignmentId: 'a-fac-2', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', from: '2026' }))
      .then([event('RoleAssigned', { assignmentId: 'a-fac-2', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', from: '2026' })]));

  it('the Lead is exclusive: no second holder over an overlapping period (A2)', () =>
    given([...citeesMembers(), leadOfCite])
      .when(assign({ assignmentId: 'a-lead-im', organisationId: 'org:inter-made', role: 'Lead', from: '2026-06-01' }))
      .thenThrows(Code.ExclusiveRoleAlreadyHeld, { role: 'Lead', heldBy: 'org:cite-des-transitions', existingAssignmentId: 'a-lead' }));

  it('the Lead may pass to another holder for a later period', () =>
    given([...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01', to: '2026-12-31' })])
      .when(assign({ assignmentId: 'a-lead-im', organisationId: 'org:inter-made', role: 'Lead', from: '2027-01-01' }))
      .then([event('RoleAssigned', { assignmentId: 'a-lead-im', organisationId: 'org:inter-made', role: 'Lead', from: '2027-01-01' })]));

  it('an assignment id is used once', () =>
    given([...citeesMembers(), leadOfCite]).when(assign({ assignmentId: 'a-lead', organisationId: 'org:inter-made', role: 'Mobiliser', from: '2025' })).thenThrows(Code.AssignmentAlreadyExists, { assignmentId: 'a-lead' }));

  it('only an active participant holds a role', () =>
    given(citeesMembers()).when(assign({ assignmentId: 'a-1', organisationId: 'org:onesight', role: 'ExpertiseProvider', from: '2026' })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' }));

  it('a period does not end before it starts', () =>
    given(citeesMembers()).when(assign({ assignmentId: 'a-1', organisationId: 'org:inter-made', role: 'SupportProvider', from: '2026', to: '2025-12' })).thenThrows(Code.InvalidPeriod, { from: '2026', to: '2025-12' }));

  it('ResidentRepresentative goes only to a residents’ group', () =>
    given(bafapatabor).when(assign({ assignmentId: 'a-1', organisationId: 'org:e-graine-occitanie', role: 'ResidentRepresentative', from: '2025' })).thenThrows(Code.ResidentRepresentativeRequiresResidentsGroup, { organisationId: 'org:e-graine-occitanie' }));

  it('a residents’ group represents the inhabitants', () =>
    given(bafapatabor)
      .when(assign({ assignmentId: 'a-rr', organisationId: 'org:habitants-bafapatabor', role: 'ResidentRepresentative', from: '2025' }))
      .then([event('RoleAssigned', { assignmentId: 'a-rr', organisationId: 'org:habitants-bafapatabor', role: 'ResidentRepresentative', from: '2025' })]));

  it('an institutional partner does not lead (B6)', () =>
    given(bafapatabor).when(assign({ assignmentId: 'a-lead', organisationId: 'org:toulouse-metropole', role: 'Lead', from: '2026' })).thenThrows(Code.RoleNotAllowedForMembershipType, { organisationId: 'org:toulouse-metropole', role: 'Lead', membershipType: 'institutionalPartner' }));

  it('an institutional partner may fund, host, sponsor, mentor or evaluate', () =>
    given(bafapatabor)
      .when(assign({ assignmentId: 'a-host', organisationId: 'org:toulouse-metropole', role: 'Host', from: '2026' }))
      .then([event('RoleAssigned', { assignmentId: 'a-host', organisationId: 'org:toulouse-metropole', role: 'Host', from: '2026' })]));
});
