import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, seat, when } from '../../testing/fixtures.js';
import { meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const held = (seatIds: string[]) => when('RecordMeetingHeld', meetingHeld('meeting:1', seatIds).data);

describe('RecordMeetingHeld', () => {
  it('records attendance by seat, with guests', () =>
    given([...seatedCommittee(), meetingScheduled()])
      .when(when('RecordMeetingHeld', { meetingId: 'meeting:1', heldOn: '2025-12-10', attendees: [{ seatId: 'seat:1' }, { guest: { organisationId: 'org:onesight', capacity: 'invitée' } }], apologies: ['seat:2'] }))
      .then([event('MeetingHeld', { meetingId: 'meeting:1', heldOn: '2025-12-10', attendees: [{ seatId: 'seat:1' }, { guest: { organisationId: 'org:onesight', capacity: 'invitée' } }], apologies: ['seat:2'] })]));

  it('a closed cooperation records no meeting held, even one held before its closing (domain.md §8.1)', () =>
    given([...seatedCommittee(), meetingScheduled(), event('CooperationClosed', { closedOn: '2026-01', reason: 'completed', fromPhase: 'implementation' })])
      .when(held(['seat:1']))
      .thenThrows(Code.CooperationClosed, { closedOn: '2026-01' }));

  it('an instance dissolved since (E30) still takes a meeting it held before its dissolution, none from that date on', () => {
    const dissolved = event('GovernanceInstanceDissolved', { instanceId: 'instance:copil', dissolvedOn: '2026-01', reason: 'remplacé' });
    given([...seatedCommittee(), meetingScheduled(), dissolved]).when(held(['seat:1'])).then([meetingHeld('meeting:1', ['seat:1'])]);
    given([...seatedCommittee(), meetingScheduled(), dissolved])
      .when(when('RecordMeetingHeld', meetingHeld('meeting:1', ['seat:1'], '2026-01-20').data))
      .thenThrows(Code.InstanceDissolved, { instanceId: 'instance:copil', dissolvedOn: '2026-01' });
  });

  it('an instance meets from its creation on, at the precision of its date: a meeting held before it is refused', () => {
    given([...seatedCommittee(), meetingScheduled()])
      .when(when('RecordMeetingHeld', meetingHeld('meeting:1', ['seat:1'], '2025-09-30').data))
      .thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-09-30' });
    // Created in October (month precision): any day of October may be on or after it.
    given([...seatedCommittee(), meetingScheduled()]).when(when('RecordMeetingHeld', meetingHeld('meeting:1', ['seat:1'], '2025-10-01').data)).then([meetingHeld('meeting:1', ['seat:1'], '2025-10-01')]);
  });

  it('nobody attended: not a meeting', () => given([...seatedCommittee(), meetingScheduled()]).when(held([])).thenThrows(Code.NoAttendance));

  it('an attendee holds a seat of the instance on that date', () =>
    given([...seatedCommittee(), seat('seat:9', 'org:inter-made', { from: '2026-06', personId: 'person:autre' }), meetingScheduled()])
      .when(held(['seat:1', 'seat:9']))
      .thenThrows(Code.AttendeeNotSeated, { seatId: 'seat:9' }));

  it('a seat vacated later still counts on the meeting date', () =>
    given([...seatedCommittee(), meetingScheduled(), event('InstanceSeatVacated', { seatId: 'seat:1', instanceId: 'instance:copil', effectiveOn: '2026-03', reason: 'départ' })])
      .when(held(['seat:1']))
      .then([meetingHeld('meeting:1', ['seat:1'])]));

  it('a meeting is held once', () =>
    given([...seatedCommittee(), meetingScheduled(), meetingHeld()]).when(held(['seat:1'])).thenThrows(Code.MeetingNotScheduled, { status: 'held' }));

  it('a cancelled meeting is not held', () =>
    given([...seatedCommittee(), meetingScheduled(), event('MeetingCancelled', { meetingId: 'meeting:1', reason: 'grève' })])
      .when(held(['seat:1']))
      .thenThrows(Code.MeetingNotScheduled, { status: 'cancelled' }));

  it('an unknown meeting is refused', () => given(seatedCommittee()).when(held(['seat:1'])).thenThrows(Code.MeetingNotFound));
});
