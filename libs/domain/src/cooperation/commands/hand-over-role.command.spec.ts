import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { HandOverRole } from './hand-over-role.command.js';
import { assigned, citeesMembers, event, given, joined, when } from '../../testing/fixtures.js';

const wording = 'piloté la première année par la Cité des Transitions';
/** Scenario A, event 13: the Cité des Transitions leads from 2026-01-01. */
const ledByCite = [...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01', wording })];
const handOver = (data: Partial<HandOverRole['data']> = {}) =>
  when('HandOverRole', { role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', newAssignmentId: 'a-lead-2', effectiveOn: '2027-01-01', ...data });
const handedOver = event('RoleHandedOver', {
  role: 'Lead',
  fromOrganisationId: 'org:cite-des-transitions',
  toOrganisationId: 'org:inter-made',
  endedAssignmentId: 'a-lead',
  newAssignmentId: 'a-lead-2',
  effectiveOn: '2027-01-01',
  wording,
});

describe('HandOverRole', () => {
  it('the Lead passes from one holder to the next on the effective date (A2)', () => given(ledByCite).when(handOver()).then([handedOver]));

  it('after the hand-over the Lead still has a single holder for every period (A2)', () => {
    given([...ledByCite, handedOver])
      .when(when('AssignRole', { assignmentId: 'a-lead-3', organisationId: 'org:banlieues-sante', role: 'Lead', from: '2026-06' }))
      .thenThrows(Code.ExclusiveRoleAlreadyHeld, { heldBy: 'org:cite-des-transitions' });
    given([...ledByCite, handedOver])
      .when(when('AssignRole', { assignmentId: 'a-lead-3', organisationId: 'org:banlieues-sante', role: 'Lead', from: '2027-06' }))
      .thenThrows(Code.ExclusiveRoleAlreadyHeld, { heldBy: 'org:inter-made' });
  });

  it('a scoped role is handed over within its scope', () =>
    given([...citeesMembers(), assigned('a-fac', 'org:inter-made', 'Facilitator', { scope: 'territory', wording: 'anime la coopération' })])
      .when(handOver({ role: 'Facilitator', scope: 'territory', fromOrganisationId: 'org:inter-made', toOrganisationId: 'org:banlieues-sante', effectiveOn: '2026-09' }))
      .then([event('RoleHandedOver', { role: 'Facilitator', scope: 'territory', fromOrganisationId: 'org:inter-made', toOrganisationId: 'org:banlieues-sante', endedAssignmentId: 'a-fac', newAssignmentId: 'a-lead-2', effectiveOn: '2026-09', wording: 'anime la coopération' })]));

  it('a role is not handed over to its own holder', () =>
    given(ledByCite).when(handOver({ toOrganisationId: 'org:cite-des-transitions' })).thenThrows(Code.HandOverToSelf, { organisationId: 'org:cite-des-transitions' }));

  it('the new assignment id is used once', () =>
    given(ledByCite).when(handOver({ newAssignmentId: 'a-lead' })).thenThrows(Code.AssignmentAlreadyExists, { assignmentId: 'a-lead' }));

  it('a hand-over does not take effect before the current assignment began', () =>
    given(ledByCite).when(handOver({ effectiveOn: '2025-12' })).thenThrows(Code.EffectiveBeforeAssignmentStart, { effectiveOn: '2025-12', from: '2026-01-01' }));

  it('only the holder of the role on the effective date hands it over', () => {
    given(ledByCite).when(handOver({ fromOrganisationId: 'org:banlieues-sante' })).thenThrows(Code.RoleNotHeld, { organisationId: 'org:banlieues-sante', role: 'Lead' });
    given([...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01', to: '2026-12-31' })])
      .when(handOver({ effectiveOn: '2027-02' }))
      .thenThrows(Code.RoleNotHeld, { on: '2027-02' });
  });

  it('the role goes only to an active participant', () =>
    given(ledByCite).when(handOver({ toOrganisationId: 'org:onesight' })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' }));

  it('the Lead does not go to an institutional partner', () =>
    given([...ledByCite, joined('org:toulouse-metropole', 'institutionalPartner')])
      .when(handOver({ toOrganisationId: 'org:toulouse-metropole' }))
      .thenThrows(Code.RoleNotAllowedForMembershipType, { role: 'Lead', membershipType: 'institutionalPartner' }));

  it('the receiver does not get a role and scope it already holds', () =>
    given([...citeesMembers(), assigned('a-coord-cdt', 'org:cite-des-transitions', 'Coordinator'), assigned('a-coord-im', 'org:inter-made', 'Coordinator')])
      .when(handOver({ role: 'Coordinator', effectiveOn: '2026-03' }))
      .thenThrows(Code.DuplicateRoleAssignment, { organisationId: 'org:inter-made', existingAssignmentId: 'a-coord-im' }));

  it('the Lead is not handed over into a period another organisation already leads', () =>
    given([...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01', to: '2026-12-31' }), assigned('a-lead-bs', 'org:banlieues-sante', 'Lead', { from: '2028' })])
      .when(handOver({ effectiveOn: '2026-07' }))
      .thenThrows(Code.ExclusiveRoleAlreadyHeld, { heldBy: 'org:banlieues-sante' }));
});
