import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { ScheduleMeeting } from './schedule-meeting.command.js';
import { event, given, NOW, when } from '../../testing/fixtures.js';
import { meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const schedule = (extra: Partial<ScheduleMeeting['data']> = {}) => when('ScheduleMeeting', { ...meetingScheduled('meeting:1', { scheduledFor: '2027-01-15' }).data, ...extra });
const historical = (command: ScheduleMeeting): ScheduleMeeting => ({ ...command, metadata: { ...command.metadata, historical: true } });

describe('ScheduleMeeting', () => {
  it('schedules a meeting ahead', () => given(seatedCommittee()).when(schedule()).then([meetingScheduled('meeting:1', { scheduledFor: '2027-01-15' })]));

  it('a past date without a source is a mistake', () =>
    given(seatedCommittee()).when(schedule({ scheduledFor: '2025-12-10' })).thenThrows(Code.MeetingScheduledInPast, { scheduledFor: '2025-12-10' }));

  it('a past date with a source records history', () =>
    given(seatedCommittee()).when(historical(schedule({ scheduledFor: '2025-12-10' }))).then([meetingScheduled('meeting:1', { scheduledFor: '2025-12-10' })]));

  it('today is not the past', () =>
    given(seatedCommittee()).when(schedule({ scheduledFor: NOW.slice(0, 10) })).then([meetingScheduled('meeting:1', { scheduledFor: NOW.slice(0, 10) })]));

  it('the past is judged on the command’s day where the cooperations are (metadata.today), not on the UTC day of its record time', () => {
    // 23:30 UTC on 23 November is 24 November in Paris: the 23rd is already the past there.
    const lateEvening = (command: ScheduleMeeting): ScheduleMeeting => ({ ...command, metadata: { ...command.metadata, now: '2026-11-23T23:30:00.000Z', today: '2026-11-24' } });
    given(seatedCommittee()).when(lateEvening(schedule({ scheduledFor: '2026-11-23' }))).thenThrows(Code.MeetingScheduledInPast, { scheduledFor: '2026-11-23' });
    given(seatedCommittee()).when(lateEvening(schedule({ scheduledFor: '2026-11-24' }))).then([meetingScheduled('meeting:1', { scheduledFor: '2026-11-24' })]);
  });

  it('not for a date before the instance was created, even with a source', () =>
    given(seatedCommittee())
      .when(historical(schedule({ scheduledFor: '2025-09-15' })))
      .thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-09-15' }));

  it('one meeting per slot and instance', () =>
    given([...seatedCommittee(), meetingScheduled('meeting:0', { scheduledFor: '2027-01-15' })]).when(schedule()).thenThrows(Code.MeetingSlotTaken, { meetingId: 'meeting:0' }));

  it('a dissolved instance does not meet', () =>
    given([...seatedCommittee(), event('GovernanceInstanceDissolved', { instanceId: 'instance:copil', dissolvedOn: '2026', reason: 'fin' })])
      .when(schedule())
      .thenThrows(Code.InstanceDissolved));

  it('it may only answer pending requests of this instance', () =>
    given(seatedCommittee()).when(schedule({ answersRequestIds: ['request:x'] })).thenThrows(Code.ConveningRequestNotPending, { requestId: 'request:x' }));

  it('a meeting id is used once', () =>
    given([...seatedCommittee(), meetingScheduled('meeting:1')]).when(schedule({ scheduledFor: '2027-02-01' })).thenThrows(Code.MeetingAlreadyExists));
});
