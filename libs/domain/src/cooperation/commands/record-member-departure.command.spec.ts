import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import {
  assigned,
  charterAdopted,
  charterDraftStarted,
  charterInForce,
  charterRevised,
  charterSigned,
  citeesCharterAdopted,
  citeesMembers,
  event,
  given,
  hashOf,
  joined,
  personOf,
  proposed,
  seat,
  steeringCommittee,
  when,
} from '../../testing/fixtures.js';

const leave = (organisationId: string, leftOn = '2026-03') => when('RecordMemberDeparture', { organisationId, leftOn, reason: 'fin de mission' });
const left = (organisationId: string, leftOn = '2026-03') => event('MemberLeft', { organisationId, leftOn, reason: 'fin de mission' });
const reason = "Départ de l'organisation : fin de mission";
/** Charter v1 awaits five signatures; all but France Active PACA's are given except those listed. */
const signedAllBut = (...missing: string[]) =>
  ['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made'].filter((id) => !missing.includes(id)).map((id) => charterSigned(id));

describe('RecordMemberDeparture', () => {
  it('records a participant leaving', () => given(citeesMembers()).when(leave('org:inter-made')).then([left('org:inter-made')]));

  it('the roles and seats of the leaver end on the day it leaves', () =>
    given([...citeesMembers(), steeringCommittee(), assigned('a-coord', 'org:inter-made', 'Coordinator'), assigned('a-support', 'org:inter-made', 'SupportProvider'), assigned('a-funder', 'org:fondation-macif', 'Funder'), seat('seat:im', 'org:inter-made'), seat('seat:fm', 'org:fondation-macif')])
      .when(leave('org:inter-made'))
      .then([
        left('org:inter-made'),
        event('RoleRelinquished', { assignmentId: 'a-coord', organisationId: 'org:inter-made', effectiveOn: '2026-03', reason }),
        event('RoleRelinquished', { assignmentId: 'a-support', organisationId: 'org:inter-made', effectiveOn: '2026-03', reason }),
        event('InstanceSeatVacated', { seatId: 'seat:im', instanceId: 'instance:copil', effectiveOn: '2026-03', reason }),
      ]));

  it('only an active participant leaves', () => {
    given(citeesMembers()).when(leave('org:onesight')).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' });
    given([...citeesMembers(), left('org:inter-made')]).when(leave('org:inter-made', '2026-06')).thenThrows(Code.NotAnActiveParticipant);
  });

  it('the holder of the Lead hands it over before leaving', () =>
    given([...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2026-01-01' })])
      .when(leave('org:cite-des-transitions'))
      .thenThrows(Code.LeadMustBeHandedOver, { organisationId: 'org:cite-des-transitions', role: 'Lead', assignmentId: 'a-lead' }));

  it('a Lead whose stated period is over no longer holds its former holder back', () =>
    given([...citeesMembers(), assigned('a-lead', 'org:cite-des-transitions', 'Lead', { from: '2025', to: '2025' })])
      .when(leave('org:cite-des-transitions'))
      .then([left('org:cite-des-transitions')]));

  it('the last member of a cooperation cannot leave', () =>
    given([proposed(), joined('org:fondation-macif'), joined('org:toulouse-metropole', 'institutionalPartner')])
      .when(leave('org:fondation-macif'))
      .thenThrows(Code.LastMemberCannotLeave, { organisationId: 'org:fondation-macif' }));

  it('a partner may leave the last member behind', () =>
    given([proposed(), joined('org:fondation-macif'), joined('org:toulouse-metropole', 'institutionalPartner')])
      .when(leave('org:toulouse-metropole'))
      .then([left('org:toulouse-metropole')]));

  it('nobody leaves before joining', () =>
    given(citeesMembers()).when(leave('org:inter-made', '2024-12')).thenThrows(Code.LeftBeforeJoining, { leftOn: '2024-12', joinedOn: '2025' }));

  it('a departure that completes the set of signatures puts the charter into force (D5)', () =>
    given([...citeesCharterAdopted(), ...signedAllBut()])
      .when(leave('org:france-active-paca', '2025-12'))
      .then([left('org:france-active-paca', '2025-12'), charterInForce(['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made'], 1, '2025-12')]));

  it('a version nobody is left to sign does not enter into force unsigned', () =>
    given([...citeesMembers(), steeringCommittee(), charterDraftStarted(), charterRevised(1), charterAdopted(['org:france-active-paca'])])
      .when(leave('org:france-active-paca', '2025-12'))
      .then([left('org:france-active-paca', '2025-12')]));

  it('an agreement signed by all its other parties enters into force when the last one leaves (D5, E21: adopted by signature)', () => {
    const parties = ['org:fondation-macif', 'org:banlieues-sante', 'org:inter-made'];
    const agreement = charterDraftStarted({ kind: 'partnershipAgreement', title: 'Convention', draftingOrganisationIds: parties, plannedSignatoryOrganisationIds: parties });
    return given([proposed(), ...parties.map((id) => joined(id)), agreement, charterRevised(1), charterSigned('org:fondation-macif'), charterSigned('org:banlieues-sante')])
      .when(leave('org:inter-made', '2025-12'))
      .then([left('org:inter-made', '2025-12'), charterInForce(['org:fondation-macif', 'org:banlieues-sante'], 1, '2025-12')]);
  });

  it('a member that signed a version still awaiting others takes its signature with it (§8.9, E26); a version in force keeps it', () => {
    const withdrawn = event('CharterSignatureWithdrawn', { charterId: 'charter:citees', version: 1, organisationId: 'org:inter-made', reason, withdrawnOn: '2025-12' });
    given([...citeesCharterAdopted(), ...signedAllBut('org:banlieues-sante')])
      .when(leave('org:inter-made', '2025-12'))
      .then([withdrawn, left('org:inter-made', '2025-12')]);
    given([...citeesCharterAdopted(), ...signedAllBut(), charterSigned('org:france-active-paca'), charterInForce(['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made', 'org:france-active-paca'])])
      .when(leave('org:inter-made', '2025-12'))
      .then([left('org:inter-made', '2025-12')]);
  });

  it('a departure dated before the signature it withdraws (history entered late) withdraws it on the signature’s date, never before', () =>
    given([...citeesCharterAdopted(), ...signedAllBut('org:banlieues-sante')])
      .when(leave('org:inter-made', '2025-10'))
      .then([
        event('CharterSignatureWithdrawn', { charterId: 'charter:citees', version: 1, organisationId: 'org:inter-made', reason, withdrawnOn: '2025-11' }),
        left('org:inter-made', '2025-10'),
      ]));

  it('once it has left, the version enters into force with the remaining signatures, not counting the departed one', () =>
    given([
      ...citeesCharterAdopted(),
      ...signedAllBut('org:banlieues-sante'),
      charterSigned('org:france-active-paca'),
      event('CharterSignatureWithdrawn', { charterId: 'charter:citees', version: 1, organisationId: 'org:inter-made', reason, withdrawnOn: '2025-12' }),
      left('org:inter-made', '2025-12'),
    ])
      .when(
        when('SignCharter', { charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', signatoryPersonId: personOf('org:banlieues-sante'), signatoryCapacity: 'Directeur', signedOn: '2025-12', witnesses: [], contentHash: hashOf(1) }),
      )
      .then([
        event('CharterSigned', { charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', signatoryPersonId: personOf('org:banlieues-sante'), signatoryCapacity: 'Directeur', signedOn: '2025-12', witnesses: [], contentHash: hashOf(1) }),
        event('CharterEnteredIntoForce', { charterId: 'charter:citees', version: 1, effectiveOn: '2025-12', signatories: ['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:france-active-paca'] }),
      ]));

  it('a log from before E26, where a member that signed left without a withdrawal, reads as it was decided: its signature counts', () =>
    given([...citeesCharterAdopted(), ...signedAllBut('org:banlieues-sante'), charterSigned('org:france-active-paca'), left('org:inter-made', '2025-12')])
      .when(
        when('SignCharter', { charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', signatoryPersonId: personOf('org:banlieues-sante'), signatoryCapacity: 'Directeur', signedOn: '2025-12', witnesses: [], contentHash: hashOf(1) }),
      )
      .then([
        event('CharterSigned', { charterId: 'charter:citees', version: 1, organisationId: 'org:banlieues-sante', signatoryPersonId: personOf('org:banlieues-sante'), signatoryCapacity: 'Directeur', signedOn: '2025-12', witnesses: [], contentHash: hashOf(1) }),
        event('CharterEnteredIntoForce', { charterId: 'charter:citees', version: 1, effectiveOn: '2025-12', signatories: ['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made', 'org:france-active-paca'] }),
      ]));

  it('a departure leaves the charter waiting while other signatures are missing (D5)', () =>
    given([...citeesCharterAdopted(), ...signedAllBut('org:inter-made')])
      .when(leave('org:france-active-paca', '2025-12'))
      .then([left('org:france-active-paca', '2025-12')]));
});
