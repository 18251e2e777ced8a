import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

describe('CancelMeeting', () => {
  it('cancels a scheduled meeting', () =>
    given([...seatedCommittee(), meetingScheduled()]).when(when('CancelMeeting', { meetingId: 'meeting:1', reason: 'grève' })).then([event('MeetingCancelled', { meetingId: 'meeting:1', reason: 'grève' })]));

  it('a closed cooperation takes no cancellation (domain.md §8.1): its meetings are settled before closing', () =>
    given([...seatedCommittee(), meetingScheduled(), event('CooperationClosed', { closedOn: '2026-01', reason: 'completed', fromPhase: 'implementation' })])
      .when(when('CancelMeeting', { meetingId: 'meeting:1', reason: 'coopération close' }))
      .thenThrows(Code.CooperationClosed, { closedOn: '2026-01' }));

  it('a held meeting cannot be cancelled', () =>
    given([...seatedCommittee(), meetingScheduled(), meetingHeld()]).when(when('CancelMeeting', { meetingId: 'meeting:1', reason: 'r' })).thenThrows(Code.MeetingNotScheduled));
});
