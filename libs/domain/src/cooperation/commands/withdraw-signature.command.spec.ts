import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { WithdrawSignature } from './withdraw-signature.command.js';
import { CHARTER, CITEES, charterInForce, charterSigned, citeesCharterAdopted, citeesCharterInForce, event, given, hashOf, personOf, when } from '../../testing/fixtures.js';

const [macif, banlieuesSante, cite, interMade, franceActive] = CITEES as [string, string, string, string, string];
const withdraw = (organisationId: string, data: Partial<WithdrawSignature['data']> = {}) =>
  when('WithdrawSignature', { charterId: CHARTER, version: 1, organisationId, reason: 'Le conseil d’administration n’a pas ratifié la signature', withdrawnOn: '2025-12', ...data });
const withdrawn = (organisationId: string, withdrawnOn = '2025-12', reason = 'Le conseil d’administration n’a pas ratifié la signature') =>
  event('CharterSignatureWithdrawn', { charterId: CHARTER, version: 1, organisationId, reason, withdrawnOn });
const sign = (organisationId: string, signedOn = '2026-01') =>
  when('SignCharter', { charterId: CHARTER, version: 1, organisationId, signatoryPersonId: personOf(organisationId), signatoryCapacity: 'Directeur·rice', signedOn, witnesses: [], contentHash: hashOf(1) });

describe('WithdrawSignature (E26)', () => {
  it('an organisation takes back its signature of a version awaiting others', () =>
    given([...citeesCharterAdopted(), charterSigned(cite)]).when(withdraw(cite)).then([withdrawn(cite)]));

  it('a withdrawn signature no longer counts: the version enters into force only once it is given again', () => {
    const othersSigned = [macif, banlieuesSante, interMade, franceActive].map((id) => charterSigned(id));
    given([...citeesCharterAdopted(), charterSigned(cite), withdrawn(cite), ...othersSigned]).when(sign(cite)).then([charterSigned(cite, 1, '2026-01'), charterInForce(CITEES, 1, '2026-01')]);
  });

  it('refused without such a signature, and when already withdrawn', () => {
    given(citeesCharterAdopted()).when(withdraw(cite)).thenThrows(Code.SignatureNotFound, { charterId: CHARTER, version: 1, organisationId: cite });
    given([...citeesCharterAdopted(), charterSigned(cite), withdrawn(cite)])
      .when(withdraw(cite, { withdrawnOn: '2026-01' }))
      .thenThrows(Code.SignatureAlreadyWithdrawn, { organisationId: cite, withdrawnOn: '2025-12' });
  });

  it('a version in force stays so: its signatures are no longer withdrawn', () =>
    given(citeesCharterInForce()).when(withdraw(cite)).thenThrows(Code.SignedVersionInForce, { charterId: CHARTER, version: 1, status: 'inForce' }));

  it('not before the signature, nor in the future, nor on a charter or version that does not exist', () => {
    given([...citeesCharterAdopted(), charterSigned(cite)]).when(withdraw(cite, { withdrawnOn: '2025-10' })).thenThrows(Code.WithdrawnBeforeSigning, { withdrawnOn: '2025-10', signedOn: '2025-11' });
    given([...citeesCharterAdopted(), charterSigned(cite)]).when(withdraw(cite, { withdrawnOn: '2099' })).thenThrows('BusinessDateInFuture', { date: '2099' });
    given([...citeesCharterAdopted(), charterSigned(cite)]).when(withdraw(cite, { version: 2 })).thenThrows(Code.CharterVersionNotFound, { version: 2 });
    given([...citeesCharterAdopted(), charterSigned(cite)]).when(withdraw(cite, { charterId: 'charter:autre' })).thenThrows(Code.CharterNotFound, { charterId: 'charter:autre' });
  });
});
