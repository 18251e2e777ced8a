import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { grant } from '../../testing/commitments.fixtures.js';
import { citeesMembers, event, given, givenIn, proposed, started, when } from '../../testing/fixtures.js';
import { meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const successor = { streamId: 'cooperation-coop:tec-roya', ...proposed({ cooperationId: 'coop:tec-roya', name: 'TEC – Vallée de la Roya' }) };
const close = (extra: { successorId?: string; carriedOverCommitmentIds?: string[] } = {}) => when('CloseCooperation', { closedOn: '2025-11', reason: 'completed', closingNoteRef: 'note.pdf', ...extra });

describe('CloseCooperation', () => {
  it('records the closing and the phase it closed from', () =>
    given([...citeesMembers(), started('2025-06')]).when(close()).then([event('CooperationClosed', { closedOn: '2025-11', reason: 'completed', closingNoteRef: 'note.pdf', fromPhase: 'implementation' })]));

  it('a cooperation may close in any phase (abandonment)', () =>
    given([proposed()]).when(when('CloseCooperation', { closedOn: '2025-11', reason: 'abandoned' })).then([event('CooperationClosed', { closedOn: '2025-11', reason: 'abandoned', fromPhase: 'identification' })]));

  it('a known successor is recorded', () =>
    givenIn(successor)([proposed()])
      .when(close({ successorId: 'coop:tec-roya' }))
      .then([event('CooperationClosed', { closedOn: '2025-11', reason: 'completed', closingNoteRef: 'note.pdf', successorId: 'coop:tec-roya', fromPhase: 'identification' })]));

  it('a successor must be a known cooperation', () =>
    given([proposed()]).when(close({ successorId: 'coop:unknown' })).thenThrows(Code.SuccessorNotFound, { successorId: 'coop:unknown' }));

  it('a cooperation is not its own successor', () =>
    givenIn({ streamId: 'cooperation-coop:test', ...proposed() })([proposed()]).when(close({ successorId: 'coop:test' })).thenThrows(Code.SuccessorNotFound));
});

describe('CloseCooperation with meetings', () => {
  it('a meeting still scheduled from the closing date on keeps the cooperation open', () =>
    given([...seatedCommittee(), meetingScheduled('meeting:1', { scheduledFor: '2025-12-10' })])
      .when(when('CloseCooperation', { closedOn: '2025-11', reason: 'abandoned' }))
      .thenThrows(Code.UpcomingMeetingsScheduled, { meetingIds: ['meeting:1'] }));

  it('one scheduled before the closing date and never recorded held or cancelled does not (E11: future meetings)', () =>
    given([...seatedCommittee(), meetingScheduled('meeting:1', { scheduledFor: '2025-12-10' })])
      .when(when('CloseCooperation', { closedOn: '2026-01', reason: 'abandoned' }))
      .then([event('CooperationClosed', { closedOn: '2026-01', reason: 'abandoned', fromPhase: 'identification' })]));
});

describe('CloseCooperation with commitments', () => {
  it('open financial commitments carried over to the successor do not (E11), and the closing names them', () =>
    givenIn(successor)([...citeesMembers(), grant()])
      .when(close({ successorId: 'coop:tec-roya', carriedOverCommitmentIds: ['commitment:engineering'] }))
      .then([
        event('CooperationClosed', {
          closedOn: '2025-11', reason: 'completed', closingNoteRef: 'note.pdf', successorId: 'coop:tec-roya', carriedOverCommitmentIds: ['commitment:engineering'], fromPhase: 'identification',
        }),
      ]));

  it('a closed successor may be named, but takes over no commitment', () =>
    givenIn(successor, { streamId: successor.streamId, ...event('CooperationClosed', { closedOn: '2025-10', reason: 'completed', fromPhase: 'identification' }) })([...citeesMembers(), grant()])
      .when(close({ successorId: 'coop:tec-roya', carriedOverCommitmentIds: ['commitment:engineering'] }))
      .thenThrows(Code.CarryOverToClosedSuccessor, { successorId: 'coop:tec-roya' }));

  it('a commitment is carried over once', () =>
    givenIn(successor)([...citeesMembers(), grant()])
      .when(close({ successorId: 'coop:tec-roya', carriedOverCommitmentIds: ['commitment:engineering', 'commitment:engineering'] }))
      .thenThrows(Code.CarryOverListedTwice, { commitmentIds: ['commitment:engineering'] }));

  it('commitments are carried over to a successor only', () =>
    given([...citeesMembers(), grant()]).when(close({ carriedOverCommitmentIds: ['commitment:engineering'] })).thenThrows(Code.CarryOverWithoutSuccessor));

  it('only an active commitment is carried over', () =>
    givenIn(successor)([...citeesMembers(), grant(), event('CommitmentWithdrawn', { commitmentId: 'commitment:engineering', reason: 'abandon', withdrawnOn: '2025-10', disbursedSoFar: { cents: 0, currency: 'EUR' } })])
      .when(close({ successorId: 'coop:tec-roya', carriedOverCommitmentIds: ['commitment:engineering'] }))
      .thenThrows(Code.CommitmentNotActive, { commitmentId: 'commitment:engineering', status: 'withdrawn' }));

  it('open financial commitments keep a cooperation open', () =>
    given([...citeesMembers(), grant()])
      .when(when('CloseCooperation', { closedOn: '2026', reason: 'abandoned' }))
      .thenThrows(Code.OpenFinancialCommitments, { commitmentIds: ['commitment:engineering'] }));
});
