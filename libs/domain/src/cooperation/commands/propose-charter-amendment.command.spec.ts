import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { ProposeCharterAmendment } from './propose-charter-amendment.command.js';
import { CHARTER, CITEES, charterInForce, charterSigned, citeesCharterAdopted, citeesCharterInForce, citeesMembers, event, given, hashOf, stateOf, when } from '../../testing/fixtures.js';

const amendment = (amendmentId = 'am-1', baseVersion = 1): ProposeCharterAmendment['data'] => ({
  amendmentId,
  charterId: CHARTER,
  baseVersion,
  proposedByOrganisationId: 'org:inter-made',
  summary: 'Rotation du pilotage',
  rationale: 'fin de la première année',
  contentRef: 'charte-v2.md',
  contentHash: hashOf(2),
});
const propose = (data: Partial<ProposeCharterAmendment['data']> = {}) => when('ProposeCharterAmendment', { ...amendment(), ...data });
const proposedEvent = (amendmentId: string, baseVersion: number, proposedVersion: number) =>
  event('CharterAmendmentProposed', { ...amendment(amendmentId, baseVersion), proposedVersion });
const amended = (amendmentId: string, newVersion: number) =>
  event('CharterAmended', { amendmentId, charterId: CHARTER, newVersion, instanceId: 'instance:copil', adoptedOn: '2026-03', contentHash: hashOf(newVersion), resignatureRequired: true, requiredSignatoryOrganisationIds: CITEES });

describe('the charter register (domain.md §10.1: the drafts and what changed)', () => {
  it('each version keeps who wrote it and what it changed; an amendment’s, its proposer, summary and rationale', () => {
    const versions = stateOf([...citeesCharterInForce(), proposedEvent('am-1', 1, 2)]).charters[CHARTER]!.versions;
    expect(versions[0]!.authorship).toEqual({ contributedByOrganisationId: 'org:cite-des-transitions', summary: 'Version 1', sectionsChanged: ['objet'] });
    expect(versions[1]!.authorship).toEqual({
      contributedByOrganisationId: 'org:inter-made', summary: 'Rotation du pilotage', sectionsChanged: [], amendmentId: 'am-1', rationale: 'fin de la première année', contentRef: 'charte-v2.md',
    });
  });
});

describe('ProposeCharterAmendment', () => {
  it('an amendment to the version in force takes the next version number', () =>
    given(citeesCharterInForce()).when(propose()).then([proposedEvent('am-1', 1, 2)]));

  it('the charter must exist', () => given(citeesMembers()).when(propose()).thenThrows(Code.CharterNotFound, { charterId: CHARTER }));

  it('only a charter in force is amended', () => given(citeesCharterAdopted()).when(propose()).thenThrows(Code.CharterNotInForce, { charterId: CHARTER }));

  it('an amendment id is used once', () =>
    given([...citeesCharterInForce(), proposedEvent('am-1', 1, 2), amended('am-1', 2)]).when(propose()).thenThrows(Code.AmendmentAlreadyExists, { amendmentId: 'am-1' }));

  it('an amendment starts from the version in force', () =>
    given(citeesCharterInForce()).when(propose({ baseVersion: 2 })).thenThrows(Code.AmendmentBaseNotCurrent, { baseVersion: 2, versionInForce: 1 }));

  it('the proposer must be an active participant', () =>
    given(citeesCharterInForce()).when(propose({ proposedByOrganisationId: 'org:onesight' })).thenThrows(Code.NotAnActiveParticipant, { organisationId: 'org:onesight' }));

  it('one pending amendment per base version keeps versions linear', () =>
    given([...citeesCharterInForce(), proposedEvent('am-1', 1, 2)]).when(propose({ amendmentId: 'am-2' })).thenThrows(Code.AmendmentAlreadyPending, { amendmentId: 'am-1' }));

  it('once an amendment of the base is adopted, its version awaiting signatures, another on that base is refused (E25: it won)', () =>
    given([...citeesCharterInForce(), proposedEvent('am-1', 1, 2), amended('am-1', 2)])
      .when(propose({ amendmentId: 'am-2' }))
      .thenThrows(Code.AmendmentBaseNotCurrent, { baseVersion: 1, versionInForce: 1, adoptedAmendmentId: 'am-1' }));

  it('an amendment left behind by a concurrent one does not block amending the new version', () =>
    given([
      ...citeesCharterInForce(),
      proposedEvent('am-1', 1, 2),
      amended('am-1', 2),
      proposedEvent('am-2', 1, 3),
      ...CITEES.map((id) => charterSigned(id, 2, '2026-04')),
      charterInForce(CITEES, 2, '2026-04', 1),
    ])
      .when(propose({ amendmentId: 'am-3', baseVersion: 2 }))
      .then([proposedEvent('am-3', 2, 4)]));
});
