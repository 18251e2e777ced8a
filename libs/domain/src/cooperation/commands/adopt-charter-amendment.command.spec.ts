import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CharterAmended } from '../events/index.js';
import type { AdoptCharterAmendment } from './adopt-charter-amendment.command.js';
import { CHARTER, CITEES, charterInForce, charterRevised, charterSigned, citeesCharterInForce, citeesMembers, event, given, hashOf, when } from '../../testing/fixtures.js';
import { decisionRecorded } from '../../testing/governance.fixtures.js';

const proposal = (amendmentId: string, baseVersion: number, proposedVersion: number) =>
  event('CharterAmendmentProposed', { amendmentId, charterId: CHARTER, baseVersion, proposedVersion, proposedByOrganisationId: 'org:inter-made', summary: 'Rotation du pilotage', rationale: 'an 2', contentHash: hashOf(proposedVersion) });
const adoption: AdoptCharterAmendment['data'] = {
  amendmentId: 'am-1',
  charterId: CHARTER,
  instanceId: 'instance:copil',
  decisionId: 'decision:amendement',
  adoptedOn: '2026-03',
  contentHash: hashOf(2),
  requiredSignatoryOrganisationIds: CITEES,
};
const adopt = (data: Partial<AdoptCharterAmendment['data']> = {}) => when('AdoptCharterAmendment', { ...adoption, ...data });
const amended = (extra: Partial<CharterAmended['data']> = {}) =>
  event('CharterAmended', { ...adoption, newVersion: 2, resignatureRequired: true, ...extra });
const approval = decisionRecorded('decision:amendement', { subjectType: 'charterAdoption', subjectRef: CHARTER, decidedOn: '2026-03' });
const pending = [...citeesCharterInForce(), proposal('am-1', 1, 2), approval];

describe('AdoptCharterAmendment', () => {
  it('adopts the amendment as the next version, to be signed again by default', () => given(pending).when(adopt()).then([amended()]));

  it('it cites the approved decision that adopts it (E25)', () => {
    const { decisionId: _decisionId, ...withoutDecision } = adoption;
    return given(pending).when(when('AdoptCharterAmendment', withoutDecision)).thenThrows(Code.AdoptionDecisionRequired, { instanceId: 'instance:copil' });
  });

  it('without re-signature the new version enters into force at once, over the old one', () =>
    given(pending)
      .when(adopt({ resignatureRequired: false }))
      .then([amended({ resignatureRequired: false }), charterInForce([], 2, '2026-03', 1)]));

  it('to be signed again, it names whose signatures it awaits; without re-signature it needs none', () => {
    given(pending).when(adopt({ requiredSignatoryOrganisationIds: [] })).thenThrows(Code.NoRequiredSignatories, { charterId: CHARTER, version: 2 });
    given(pending)
      .when(adopt({ requiredSignatoryOrganisationIds: [], resignatureRequired: false }))
      .then([amended({ requiredSignatoryOrganisationIds: [], resignatureRequired: false }), charterInForce([], 2, '2026-03', 1)]);
  });

  it('the latest revision of the amendment is the one adopted', () =>
    given([...pending, charterRevised(3, { contributedByOrganisationId: 'org:banlieues-sante' })])
      .when(adopt({ contentHash: hashOf(3) }))
      .then([amended({ contentHash: hashOf(3), newVersion: 3 })]));

  it('the charter must exist', () => given([...citeesMembers(), approval]).when(adopt()).thenThrows(Code.CharterNotFound, { charterId: CHARTER }));

  it('only a pending amendment is adopted', () => {
    given([...citeesCharterInForce(), approval]).when(adopt()).thenThrows(Code.AmendmentNotPending, { amendmentId: 'am-1' });
    given([...pending, amended()]).when(adopt()).thenThrows(Code.AmendmentNotPending, { amendmentId: 'am-1' });
  });

  it('an amendment whose base was replaced by a concurrent one is not adopted', () =>
    given([...pending, amended(), proposal('am-2', 1, 3), ...CITEES.map((id) => charterSigned(id, 2, '2026-04')), charterInForce(CITEES, 2, '2026-04', 1)])
      .when(adopt({ amendmentId: 'am-2', contentHash: hashOf(3) }))
      .thenThrows(Code.AmendmentBaseNotCurrent, { baseVersion: 1, versionInForce: 2 }));

  it('the adopting instance needs the adoptCharter mandate', () => {
    given(pending).when(adopt({ instanceId: 'instance:unknown' })).thenThrows(Code.InstanceNotFound, { instanceId: 'instance:unknown' });
    given([...pending, event('GovernanceInstanceCreated', { instanceId: 'instance:cell', ownerScope: 'cooperation', kind: 'operationalCell', label: 'Cellule opérationnelle', mandate: ['prepare', 'coordinate'], frequency: { kind: 'monthly' }, chairingModel: 'none', createdOn: '2025-10' })])
      .when(adopt({ instanceId: 'instance:cell' }))
      .thenThrows(Code.InstanceLacksMandate, { instanceId: 'instance:cell', mandate: 'adoptCharter' });
  });

  it('the adopted text is the amendment’s latest text', () => given(pending).when(adopt({ contentHash: hashOf(1) })).thenThrows(Code.ContentHashMismatch, { version: 2 }));

  it('every required signatory must be an active participant', () =>
    given(pending).when(adopt({ requiredSignatoryOrganisationIds: [...CITEES, 'org:onesight'] })).thenThrows(Code.RequiredSignatoryNotParticipant, { organisationId: 'org:onesight' }));
});
