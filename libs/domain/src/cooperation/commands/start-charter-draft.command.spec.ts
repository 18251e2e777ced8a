import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { StartCharterDraft } from './start-charter-draft.command.js';
import { CHARTER, CITEES, charterAdopted, charterDraftStarted, charterRevised, citeesMembers, event, given, steeringCommittee, when } from '../../testing/fixtures.js';

const draft: StartCharterDraft['data'] = {
  charterId: CHARTER,
  kind: 'cooperationCharter',
  title: 'Charte de coopération CITÉES',
  templateRef: 'Rédiger une charte',
  draftingOrganisationIds: CITEES,
  plannedSignatoryOrganisationIds: CITEES,
};
const start = (data: Partial<StartCharterDraft['data']> = {}) => when('StartCharterDraft', { ...draft, ...data });

describe('StartCharterDraft', () => {
  it('opens a charter co-written by participants', () => given(citeesMembers()).when(start()).then([event('CharterDraftStarted', draft)]));

  it('an agreement that names no signatories is signed by the parties drafting it (E21); a charter keeps its list empty', () => {
    const parties = CITEES.slice(0, 2);
    given(citeesMembers())
      .when(start({ kind: 'partnershipAgreement', draftingOrganisationIds: parties, plannedSignatoryOrganisationIds: [] }))
      .then([event('CharterDraftStarted', { ...draft, kind: 'partnershipAgreement', draftingOrganisationIds: parties, plannedSignatoryOrganisationIds: parties })]);
    given(citeesMembers()).when(start({ plannedSignatoryOrganisationIds: [] })).then([event('CharterDraftStarted', { ...draft, plannedSignatoryOrganisationIds: [] })]);
  });

  it('a charter id is used once', () =>
    given([...citeesMembers(), charterDraftStarted()]).when(start({ kind: 'manifesto' })).thenThrows(Code.CharterAlreadyExists, { charterId: CHARTER }));

  it('every drafting organisation must be an active participant', () =>
    given(citeesMembers()).when(start({ draftingOrganisationIds: ['org:inter-made', 'org:onesight'] })).thenThrows(Code.DraftingOrganisationNotParticipant, { organisationId: 'org:onesight' }));

  it('one draft of a kind at a time', () =>
    given([...citeesMembers(), charterDraftStarted()]).when(start({ charterId: 'charter:bis' })).thenThrows(Code.CharterDraftAlreadyOpen, { kind: 'cooperationCharter', charterId: CHARTER }));

  it('a draft of another kind may run alongside', () =>
    given([...citeesMembers(), charterDraftStarted()])
      .when(start({ charterId: 'charter:manifeste', kind: 'manifesto', title: 'Manifeste' }))
      .then([event('CharterDraftStarted', { ...draft, charterId: 'charter:manifeste', kind: 'manifesto', title: 'Manifeste' })]));

  it('a new charter of the same kind may start once the first is adopted', () =>
    given([...citeesMembers(), steeringCommittee(), charterDraftStarted(), charterRevised(1), charterAdopted(CITEES)])
      .when(start({ charterId: 'charter:bis' }))
      .then([event('CharterDraftStarted', { ...draft, charterId: 'charter:bis' })]));
});
