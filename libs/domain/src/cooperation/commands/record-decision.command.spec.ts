import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { seatsNeeded } from '../cooperation.vocabulary.js';
import type { RecordDecision } from './record-decision.command.js';
import { charterDraftStarted, event, given, when } from '../../testing/fixtures.js';
import { committeeWithThreshold, decisionRecorded, meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const decide = (extra: Partial<RecordDecision['data']> = {}) => when('RecordDecision', { ...decisionRecorded('decision:1').data, ...extra });
const afterMeeting = () => [...seatedCommittee(), meetingScheduled(), meetingHeld()];
const operationalCommittee = event('GovernanceInstanceCreated', {
  instanceId: 'instance:cop', ownerScope: 'cooperation', kind: 'operationalCommittee', label: 'Comité opérationnel', mandate: ['propose', 'monitor'],
  frequency: { kind: 'monthly' }, chairingModel: 'none', createdOn: '2025-10',
});

describe('RecordDecision', () => {
  it('records a decision taken in a held meeting', () => given(afterMeeting()).when(decide()).then([decisionRecorded('decision:1')]));

  it('a closed cooperation records no decision, even one taken before its closing (domain.md §8.1)', () =>
    given([...afterMeeting(), event('CooperationClosed', { closedOn: '2026-01', reason: 'completed', fromPhase: 'implementation' })])
      .when(decide())
      .thenThrows(Code.CooperationClosed, { closedOn: '2026-01' }));

  it('an instance dissolved since (E30) still takes a decision it took before its dissolution, none from that date on', () => {
    const dissolved = event('GovernanceInstanceDissolved', { instanceId: 'instance:copil', dissolvedOn: '2026-01', reason: 'remplacé' });
    given([...afterMeeting(), dissolved]).when(decide()).then([decisionRecorded('decision:1')]);
    const { meetingId: _meetingId, ...written } = decisionRecorded('decision:1').data;
    given([...seatedCommittee(), dissolved])
      .when(when('RecordDecision', { ...written, writtenProcedure: true, decidedOn: '2026-01' }))
      .thenThrows(Code.InstanceDissolved, { instanceId: 'instance:copil', dissolvedOn: '2026-01' });
  });

  it('or by written procedure, without a meeting', () => {
    const { meetingId: _meetingId, ...written } = decisionRecorded('decision:1').data;
    return given(seatedCommittee()).when(when('RecordDecision', { ...written, writtenProcedure: true })).then([event('DecisionRecorded', { ...written, writtenProcedure: true })]);
  });

  it('not by an instance before its creation: a written procedure dated before it is refused', () => {
    const { meetingId: _meetingId, ...written } = decisionRecorded('decision:1').data;
    given(seatedCommittee())
      .when(when('RecordDecision', { ...written, writtenProcedure: true, decidedOn: '2025-09' }))
      .thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-09' });
  });

  it('in a meeting or by written procedure, not both', () => given(afterMeeting()).when(decide({ writtenProcedure: true })).thenThrows(Code.DecisionVenueRequired));

  it('outside the mandate: an operational committee does not allocate funding', () =>
    given([...afterMeeting(), operationalCommittee])
      .when(decide({ instanceId: 'instance:cop', meetingId: undefined, writtenProcedure: true, subjectType: 'fundingAllocation' }))
      .thenThrows(Code.DecisionOutsideMandate, { requires: ['allocateFunding'] }));

  it('the meeting must have been held', () =>
    given([...seatedCommittee(), meetingScheduled()]).when(decide()).thenThrows(Code.MeetingNotHeld, { status: 'scheduled' }));

  it('the meeting must be one of the same instance', () =>
    given([...afterMeeting(), operationalCommittee])
      .when(decide({ instanceId: 'instance:cop', subjectType: 'other' }))
      .thenThrows(Code.MeetingOfAnotherInstance));

  it('a monitoring-only body takes no binding decision, even on a subject any other mandate may decide (E35)', () => {
    const monitoring = event('GovernanceInstanceCreated', { ...operationalCommittee.data, instanceId: 'instance:suivi', label: 'Comité de suivi', mandate: ['monitor'] });
    given([...seatedCommittee(), monitoring])
      .when(decide({ instanceId: 'instance:suivi', meetingId: undefined, writtenProcedure: true, subjectType: 'other' }))
      .thenThrows(Code.DecisionOutsideMandate, { subjectType: 'other', mandate: ['monitor'] });
  });

  it('a quorum of half the five seats needs three present', () =>
    given([...committeeWithThreshold(), meetingScheduled(), meetingHeld('meeting:1', ['seat:1', 'seat:2'])])
      .when(decide())
      .thenThrows(Code.QuorumNotMet, { present: 2, required: 3, seats: 5 }));

  it('a seat listed three times in the attendance is one seat present', () =>
    given([...committeeWithThreshold(), meetingScheduled(), meetingHeld('meeting:1', ['seat:1', 'seat:1', 'seat:1'])])
      .when(decide())
      .thenThrows(Code.QuorumNotMet, { present: 1, required: 3, seats: 5 }));

  it('a quorum written in decimal counts the seats it says: 70 % of ten seats is seven, a third of six is two', () => {
    expect([seatsNeeded(0.7, 10), seatsNeeded(1 / 3, 6), seatsNeeded(1 / 3, 5), seatsNeeded(0.5, 5)]).toEqual([7, 2, 2, 3]);
  });

  it('with three present the quorum is met', () =>
    given([...committeeWithThreshold(), meetingScheduled(), meetingHeld('meeting:1', ['seat:1', 'seat:2', 'seat:3'])]).when(decide()).then([decisionRecorded('decision:1')]));

  it('the subject must exist: an unknown charter', () =>
    given(afterMeeting()).when(decide({ subjectType: 'charterAdoption', subjectRef: 'charter:x' })).thenThrows(Code.DecisionSubjectNotFound));

  it('a subject already approved is revisited explicitly', () =>
    given([...afterMeeting(), charterDraftStarted(), decisionRecorded('decision:0', { subjectType: 'charterAdoption', subjectRef: 'charter:citees' })])
      .when(decide({ subjectType: 'charterAdoption', subjectRef: 'charter:citees' }))
      .thenThrows(Code.SubjectAlreadyDecided, { decisionId: 'decision:0' }));

  it('naming the decision it revisits, it is accepted', () =>
    given([...afterMeeting(), charterDraftStarted(), decisionRecorded('decision:0', { subjectType: 'charterAdoption', subjectRef: 'charter:citees' })])
      .when(decide({ subjectType: 'charterAdoption', subjectRef: 'charter:citees', revisits: 'decision:0' }))
      .then([decisionRecorded('decision:1', { subjectType: 'charterAdoption', subjectRef: 'charter:citees', revisits: 'decision:0' })]));

  it('a decision id is used once', () => given([...afterMeeting(), decisionRecorded('decision:1')]).when(decide()).thenThrows(Code.DecisionAlreadyExists));
});
