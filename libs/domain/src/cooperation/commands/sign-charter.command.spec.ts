import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { SignCharter } from './sign-charter.command.js';
import {
  CHARTER,
  CITEES,
  charterAdopted,
  charterDraftStarted,
  charterInForce,
  charterRevised,
  charterSigned,
  citeesCharterAdopted,
  citeesCharterInForce,
  citeesMembers,
  event,
  given,
  hashOf,
  joined,
  personOf,
  proposed,
  representative,
  steeringCommittee,
  when,
} from '../../testing/fixtures.js';

const sign = (organisationId: string, data: Partial<SignCharter['data']> = {}) =>
  when('SignCharter', {
    charterId: CHARTER,
    version: 1,
    organisationId,
    signatoryPersonId: personOf(organisationId),
    signatoryCapacity: 'Directeur·rice',
    signedOn: '2025-11',
    witnesses: [],
    contentHash: hashOf(1),
    ...data,
  });
const [macif, banlieuesSante, cite, interMade, franceActive] = CITEES as [string, string, string, string, string];
const signedBy = (...organisationIds: string[]) => organisationIds.map((id) => charterSigned(id));
const left = (organisationId: string, leftOn = '2025-10') => event('MemberLeft', { organisationId, leftOn, reason: 'fin' });
const amendedToV2 = [
  event('CharterAmendmentProposed', { amendmentId: 'am-1', charterId: CHARTER, baseVersion: 1, proposedVersion: 2, proposedByOrganisationId: interMade, summary: 'Rotation du pilotage', rationale: 'an 2', contentHash: hashOf(2) }),
  event('CharterAmended', { amendmentId: 'am-1', charterId: CHARTER, newVersion: 2, instanceId: 'instance:copil', adoptedOn: '2026-03', contentHash: hashOf(2), resignatureRequired: true, requiredSignatoryOrganisationIds: CITEES }),
];

/** Scenario E: the agreement between La France s'engage and the Ville de Marseille, v1 drafted, never adopted. */
const lfse = 'org:la-france-s-engage';
const ville = 'org:ville-de-marseille';
const agreement = [
  proposed({ name: 'Convention LFSE × Ville de Marseille', form: 'partnershipAgreement', origin: 'institutional' }),
  joined(lfse),
  joined(ville),
  representative(lfse, 'person:damien-baldin', ['sign'], '2024'),
  representative(ville, 'person:laurent-lhardit', ['sign'], '2024'),
  charterDraftStarted({ kind: 'partnershipAgreement', title: 'Convention de partenariat', draftingOrganisationIds: [lfse, ville], plannedSignatoryOrganisationIds: [lfse, ville] }),
  charterRevised(1, { contributedByOrganisationId: lfse, sectionsChanged: ['Premier volet', 'Deuxième volet'] }),
];
const parrains = [
  { personId: 'person:benoit-payan', capacity: 'parrain' },
  { personId: 'person:francois-hollande', capacity: 'parrain' },
];
const agreementSignature = (organisationId: string, signatoryPersonId: string, signatoryCapacity: string): SignCharter['data'] => ({
  charterId: CHARTER,
  version: 1,
  organisationId,
  signatoryPersonId,
  signatoryCapacity,
  signedOn: '2024-09-19',
  place: 'Marseille',
  witnesses: parrains,
  contentHash: hashOf(1),
});
const baldin = agreementSignature(lfse, 'person:damien-baldin', 'directeur général');
const lhardit = agreementSignature(ville, 'person:laurent-lhardit', 'adjoint au Maire');

describe('SignCharter', () => {
  it('a required signatory signs the adopted version through its representative', () =>
    given(citeesCharterAdopted()).when(sign(banlieuesSante)).then([charterSigned(banlieuesSante)]));

  it('the charter enters into force only with the last required signature (D3)', () => {
    given([...citeesCharterAdopted(), ...signedBy(macif, banlieuesSante, cite)]).when(sign(interMade)).then([charterSigned(interMade)]);
    given([...citeesCharterAdopted(), ...signedBy(macif, banlieuesSante, cite, interMade)]).when(sign(franceActive)).then([charterSigned(franceActive), charterInForce(CITEES)]);
  });

  it('a charter with a single required signatory enters into force with that signature', () =>
    given([...citeesMembers(), steeringCommittee(), representative(cite, personOf(cite)), charterDraftStarted(), charterRevised(1), charterAdopted([cite])])
      .when(sign(cite))
      .then([charterSigned(cite), charterInForce([cite])]));

  it('a non-member cannot sign (A3)', () =>
    given(citeesCharterAdopted()).when(sign('org:onesight')).thenThrows(Code.SignatoryNotParticipant, { organisationId: 'org:onesight' }));

  it('no double signature (A4)', () =>
    given([...citeesCharterAdopted(), charterSigned(banlieuesSante)]).when(sign(banlieuesSante, { signedOn: '2025-12' })).thenThrows(Code.AlreadySigned, { organisationId: banlieuesSante, version: 1 }));

  it('a member who left before signing cannot sign (D5)', () =>
    given([...citeesCharterAdopted(), left(franceActive)]).when(sign(franceActive)).thenThrows(Code.SignatoryNotParticipant, { organisationId: franceActive }));

  it('after a departure the version enters into force once the remaining members have signed (D5)', () =>
    given([...citeesCharterAdopted(), left(franceActive), ...signedBy(macif, banlieuesSante, cite)])
      .when(sign(interMade))
      .then([charterSigned(interMade), charterInForce([macif, banlieuesSante, cite, interMade])]));

  it('only a designated representative with the sign capacity signs: a parrain does not (E1)', () =>
    given(agreement)
      .when(when('SignCharter', { ...lhardit, signatoryPersonId: 'person:francois-hollande', signatoryCapacity: 'parrain' }))
      .thenThrows(Code.SignatoryNotAuthorised, { organisationId: ville, personId: 'person:francois-hollande' }));

  it('once the agreement is in force, a parrain is still refused as no representative (E1), and its parties as having signed', () => {
    const inForce = [...agreement, event('CharterSigned', baldin), event('CharterSigned', lhardit), event('CharterEnteredIntoForce', { charterId: CHARTER, version: 1, effectiveOn: '2024-09-19', signatories: [lfse, ville] })];
    given(inForce)
      .when(when('SignCharter', { ...lhardit, signatoryPersonId: 'person:francois-hollande', signatoryCapacity: 'parrain' }))
      .thenThrows(Code.SignatoryNotAuthorised, { organisationId: ville, personId: 'person:francois-hollande' });
    given(inForce).when(when('SignCharter', lhardit)).thenThrows(Code.AlreadySigned, { organisationId: ville, version: 1 });
  });

  it('a representative without the sign capacity, or of another party, or outside its period, does not sign', () => {
    given([...citeesMembers(), steeringCommittee(), representative(cite, 'person:marianne-morini', ['sit', 'speak']), charterDraftStarted(), charterRevised(1), charterAdopted(CITEES)])
      .when(sign(cite, { signatoryPersonId: 'person:marianne-morini' }))
      .thenThrows(Code.SignatoryNotAuthorised);
    given(citeesCharterAdopted()).when(sign(cite, { signatoryPersonId: personOf(interMade) })).thenThrows(Code.SignatoryNotAuthorised);
    given([...citeesMembers(), steeringCommittee(), representative(cite, personOf(cite), ['sign'], '2026'), charterDraftStarted(), charterRevised(1), charterAdopted(CITEES)])
      .when(sign(cite))
      .thenThrows(Code.SignatoryNotAuthorised);
  });

  it('an agreement is signed without adoption; witnesses are recorded but do not sign (E2)', () =>
    given(agreement).when(when('SignCharter', baldin)).then([event('CharterSigned', baldin)]));

  it('a witness named without a person id gets one from the name, so the name can be keyed and erased (GDPR); an organisation witness keeps none', () => {
    const witnesses = [{ name: 'Benoît Payan', capacity: 'parrain' }, { name: 'Banlieues Santé', capacity: 'lauréat présent', organisationId: 'org:banlieues-sante' }];
    given(agreement)
      .when(when('SignCharter', { ...baldin, witnesses }))
      .then([event('CharterSigned', { ...baldin, witnesses: [{ name: 'Benoît Payan', capacity: 'parrain', personId: 'person:benoit-payan' }, witnesses[1]!] })]);
  });

  it('an agreement is in force only after the second party signs (E2)', () =>
    given([...agreement, event('CharterSigned', baldin)])
      .when(when('SignCharter', lhardit))
      .then([event('CharterSigned', lhardit), event('CharterEnteredIntoForce', { charterId: CHARTER, version: 1, effectiveOn: '2024-09-19', signatories: [lfse, ville] })]));

  it('an agreement is signed on its latest draft only', () =>
    given([...agreement, charterRevised(2, { contributedByOrganisationId: ville })]).when(when('SignCharter', baldin)).thenThrows(Code.CharterVersionNotAdopted, { version: 1 }));

  it('a charter that is not an agreement is signed only once adopted', () =>
    given([...citeesMembers(), ...CITEES.map((id) => representative(id, personOf(id))), charterDraftStarted(), charterRevised(1)])
      .when(sign(cite))
      .thenThrows(Code.CharterVersionNotAdopted, { charterId: CHARTER, version: 1 }));

  it('the charter must exist', () => given(citeesMembers()).when(sign(cite)).thenThrows(Code.CharterNotFound, { charterId: CHARTER }));

  it('the version must exist', () => given(citeesCharterAdopted()).when(sign(cite, { version: 2 })).thenThrows(Code.CharterVersionNotFound, { version: 2 }));

  it('a version replaced by a newer adopted one is no longer signed', () => {
    given([...citeesCharterInForce(), ...amendedToV2]).when(sign(cite)).thenThrows(Code.CharterVersionSuperseded, { version: 1 });
    given([...citeesCharterInForce(), ...amendedToV2, ...CITEES.map((id) => charterSigned(id, 2, '2026-04')), charterInForce(CITEES, 2, '2026-04', 1)])
      .when(sign(cite))
      .thenThrows(Code.CharterVersionSuperseded);
  });

  it('an amended version enters into force over the one before with its last signature', () =>
    given([...citeesCharterInForce(), ...amendedToV2, ...[macif, banlieuesSante, cite, interMade].map((id) => charterSigned(id, 2, '2026-04'))])
      .when(sign(franceActive, { version: 2, contentHash: hashOf(2), signedOn: '2026-04' }))
      .then([charterSigned(franceActive, 2, '2026-04'), charterInForce(CITEES, 2, '2026-04', 1)]));

  it('only the required signatories sign', () =>
    given([...citeesMembers(), steeringCommittee(), ...CITEES.map((id) => representative(id, personOf(id))), charterDraftStarted(), charterRevised(1), charterAdopted([macif, cite])])
      .when(sign(interMade))
      .thenThrows(Code.SignatoryNotRequired, { organisationId: interMade, requiredSignatoryOrganisationIds: [macif, cite] }));

  it('the signed text is the adopted text', () => given(citeesCharterAdopted()).when(sign(cite, { contentHash: 'sha256:other' })).thenThrows(Code.ContentHashMismatch, { version: 1 }));

  it('nobody signs before the adoption', () =>
    given(citeesCharterAdopted()).when(sign(cite, { signedOn: '2025-09' })).thenThrows(Code.SignedBeforeAdoption, { signedOn: '2025-09', adoptedOn: '2025-10' }));

  it('an organisation that took its signature back (E26) signs again, but not on a day before it took it back', () => {
    const withdrawnInDecember = [...citeesCharterAdopted(), charterSigned(cite), event('CharterSignatureWithdrawn', { charterId: CHARTER, version: 1, organisationId: cite, reason: 'non ratifiée', withdrawnOn: '2025-12-10' })];
    given(withdrawnInDecember).when(sign(cite, { signedOn: '2025-12-01' })).thenThrows(Code.SignedBeforeWithdrawal, { signedOn: '2025-12-01', withdrawnOn: '2025-12-10' });
    // A month that may be the withdrawal's day or after is not definitely before it.
    given(withdrawnInDecember).when(sign(cite, { signedOn: '2025-12' })).then([charterSigned(cite, 1, '2025-12')]);
  });
});
