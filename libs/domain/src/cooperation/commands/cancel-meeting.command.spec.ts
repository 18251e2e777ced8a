import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

describe('CancelMeeting', () => {
  it('cancels a scheduled meeting', () =>
    given([...seatedCommittee(), meetingScheduled()]).when(when('CancelMeeting', { meetingId: 'meeting:1', reason: 'grève' })).then([event('MeetingCancelled', { meetingId: 'meeting:1', reason: 'grève' })]));

  it('a held meeting cannot be cancelled', () =>
    given([...seatedCommittee(), meetingScheduled(), meetingHeld()]).when(when('CancelMeeting', { meetingId: 'meeting:1', reason: 'r' })).thenThrows(Code.MeetingNotScheduled));
});
