import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { adoptCharter, type AdoptCharter } from './adopt-charter.command.js';
import {
  CHARTER,
  CITEES,
  charterDraftStarted,
  charterRevised,
  citeesCharterAdopted,
  citeesMembers,
  errorOf,
  event,
  given,
  hashOf,
  stateOf,
  steeringCommittee,
  when,
} from '../../testing/fixtures.js';
import { decisionRecorded } from '../../testing/governance.fixtures.js';

const adoption: AdoptCharter['data'] = {
  charterId: CHARTER,
  version: 1,
  instanceId: 'instance:copil',
  decisionId: 'decision:charte',
  adoptedOn: '2025-10',
  contentHash: hashOf(1),
  requiredSignatoryOrganisationIds: CITEES,
};
const adopt = (data: Partial<AdoptCharter['data']> = {}) => when('AdoptCharter', { ...adoption, ...data });
const approval = decisionRecorded('decision:charte', { subjectType: 'charterAdoption', subjectRef: CHARTER, decidedOn: '2025-10' });
const drafted = [...citeesMembers(), steeringCommittee(), charterDraftStarted(), charterRevised(1), approval];
const commission = event('GovernanceInstanceCreated', {
  instanceId: 'instance:commission',
  ownerScope: 'cooperation',
  kind: 'thematicCommission',
  label: 'Commission santé',
  mandate: ['propose'],
  frequency: { kind: 'monthly' },
  chairingModel: 'none',
  createdOn: '2025-10',
});

describe('AdoptCharter', () => {
  it('the steering committee adopts the latest draft and names who must sign', () =>
    given(drafted).when(adopt()).then([event('CharterAdopted', adoption)]));

  it('the charter must exist', () => given([...citeesMembers(), steeringCommittee(), approval]).when(adopt()).thenThrows(Code.CharterNotFound, { charterId: CHARTER }));

  it('it cites the approved decision that adopts it (E21)', () => {
    const { decisionId: _decisionId, ...withoutDecision } = adoption;
    return given(drafted).when(when('AdoptCharter', withoutDecision)).thenThrows(Code.AdoptionDecisionRequired, { instanceId: 'instance:copil' });
  });

  it('the decision cited is the adopting instance’s, on this charter', () => {
    const elsewhere = decisionRecorded('decision:autre', { subjectType: 'memberAdmission', decidedOn: '2025-10' });
    given([...drafted, elsewhere]).when(adopt({ decisionId: 'decision:autre' })).thenThrows(Code.AdoptionDecisionMismatch, { subjectType: 'memberAdmission' });
    const otherCharter = decisionRecorded('decision:autre-charte', { subjectType: 'charterAdoption', subjectRef: 'charter:autre', decidedOn: '2025-10' });
    given([...drafted, otherCharter]).when(adopt({ decisionId: 'decision:autre-charte' })).thenThrows(Code.AdoptionDecisionMismatch, { subjectRef: 'charter:autre' });
    const otherInstance = decisionRecorded('decision:commission', { instanceId: 'instance:commission', subjectType: 'charterAdoption', subjectRef: CHARTER, decidedOn: '2025-10' });
    given([...drafted, commission, otherInstance]).when(adopt({ decisionId: 'decision:commission' })).thenThrows(Code.AdoptionDecisionMismatch, { decisionInstanceId: 'instance:commission' });
  });

  it('it names at least one required signatory: with none it would never enter into force', () =>
    given(drafted).when(adopt({ requiredSignatoryOrganisationIds: [] })).thenThrows(Code.NoRequiredSignatories, { charterId: CHARTER, version: 1 }));

  it('a charter is adopted once', () => given([...citeesCharterAdopted(), approval]).when(adopt()).thenThrows(Code.CharterAlreadyAdopted, { charterId: CHARTER }));

  it('only the latest draft version is adopted', () => {
    given([...drafted, charterRevised(2)]).when(adopt()).thenThrows(Code.NotLatestDraftVersion, { version: 1, latestVersion: 2 });
    given([...citeesMembers(), steeringCommittee(), charterDraftStarted(), approval]).when(adopt()).thenThrows(Code.NotLatestDraftVersion);
  });

  it('the adopted text is the draft’s text', () => given(drafted).when(adopt({ contentHash: 'sha256:other' })).thenThrows(Code.ContentHashMismatch, { version: 1 }));

  it('the adopting instance must exist', () => given(drafted).when(adopt({ instanceId: 'instance:unknown' })).thenThrows(Code.InstanceNotFound, { instanceId: 'instance:unknown' }));

  it('the adopting instance needs the adoptCharter mandate', () =>
    given([...drafted, commission]).when(adopt({ instanceId: 'instance:commission' })).thenThrows(Code.InstanceLacksMandate, { instanceId: 'instance:commission', mandate: 'adoptCharter' }));

  it('an instance dissolved since (E30) records an adoption it made before its dissolution, none from that date on', () => {
    const dissolved = stateOf([...drafted, event('GovernanceInstanceDissolved', { instanceId: 'instance:copil', dissolvedOn: '2026-01', reason: 'remplacé' })]);
    expect(adoptCharter(adopt(), dissolved).map((e) => e.type)).toEqual(['CharterAdopted']);
    expect(errorOf(() => adoptCharter(adopt({ adoptedOn: '2026-01' }), dissolved))).toMatchObject({
      code: Code.InstanceDissolved,
      params: { instanceId: 'instance:copil', dissolvedOn: '2026-01' },
    });
  });

  it('not by an instance before its creation', () =>
    expect(errorOf(() => adoptCharter(adopt({ adoptedOn: '2025-06' }), stateOf(drafted)))).toMatchObject({
      code: Code.InstanceNotYetCreated,
      params: { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-06' },
    }));

  it('every required signatory must be an active participant', () =>
    given(drafted).when(adopt({ requiredSignatoryOrganisationIds: [...CITEES, 'org:onesight'] })).thenThrows(Code.RequiredSignatoryNotParticipant, { organisationId: 'org:onesight' }));
});
