import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { ReviseCharterDraft } from './revise-charter-draft.command.js';
import { CHARTER, charterDraftStarted, charterRevised, citeesCharterAdopted, citeesCharterInForce, citeesMembers, event, given, hashOf, when } from '../../testing/fixtures.js';

const revision = (version: number): ReviseCharterDraft['data'] => charterRevised(version).data;
const revise = (version: number, data: Partial<ReviseCharterDraft['data']> = {}) => when('ReviseCharterDraft', { ...revision(version), ...data });
const amendmentProposed = event('CharterAmendmentProposed', {
  amendmentId: 'am-1',
  charterId: CHARTER,
  baseVersion: 1,
  proposedVersion: 2,
  proposedByOrganisationId: 'org:inter-made',
  summary: 'Rotation du pilotage',
  rationale: 'fin de la première année',
  contentHash: hashOf(2),
});

describe('ReviseCharterDraft', () => {
  it('the first version of a draft is recorded', () =>
    given([...citeesMembers(), charterDraftStarted()]).when(revise(1)).then([event('CharterDraftRevised', revision(1))]));

  it('co-writing adds the next version', () =>
    given([...citeesMembers(), charterDraftStarted(), charterRevised(1)])
      .when(revise(2, { contributedByOrganisationId: 'org:banlieues-sante', personId: 'person:yassine-ennomany' }))
      .then([event('CharterDraftRevised', { ...revision(2), contributedByOrganisationId: 'org:banlieues-sante', personId: 'person:yassine-ennomany' })]));

  it('the charter must exist', () => given(citeesMembers()).when(revise(1)).thenThrows(Code.CharterNotFound, { charterId: CHARTER }));

  it('an adopted charter is not revised without an open amendment', () =>
    given(citeesCharterAdopted()).when(revise(2)).thenThrows(Code.CharterNotInDraft, { charterId: CHARTER }));

  it('a pending amendment is revised like a draft', () =>
    given([...citeesCharterInForce(), amendmentProposed]).when(revise(3)).then([event('CharterDraftRevised', revision(3))]));

  it('versions follow one another without gap or repeat', () => {
    given([...citeesMembers(), charterDraftStarted(), charterRevised(1)]).when(revise(3)).thenThrows(Code.UnexpectedDraftVersion, { expectedVersion: 2, version: 3 });
    given([...citeesMembers(), charterDraftStarted(), charterRevised(1)]).when(revise(1)).thenThrows(Code.UnexpectedDraftVersion, { expectedVersion: 2, version: 1 });
  });

  it('the contributor must be an active participant', () =>
    given([...citeesMembers(), charterDraftStarted()]).when(revise(1, { contributedByOrganisationId: 'org:onesight' })).thenThrows(Code.ContributorNotParticipant, { organisationId: 'org:onesight' }));
});
