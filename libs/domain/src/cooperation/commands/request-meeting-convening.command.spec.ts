import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { event, given, when } from '../../testing/fixtures.js';
import { committeeWithThreshold, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const request = (requestId: string, requestedBySeatId: string) =>
  ({ requestId, instanceId: 'instance:copil', requestedBySeatId, topic: 'budget 2026', requestedOn: '2026-02' }) as const;

describe('RequestMeetingConvening', () => {
  it('a seat asks for a meeting', () =>
    given(committeeWithThreshold()).when(when('RequestMeetingConvening', request('request:1', 'seat:1'))).then([event('MeetingConveningRequested', request('request:1', 'seat:1'))]));

  it('not dated before the instance was created (at the precision of both dates)', () => {
    given(committeeWithThreshold())
      .when(when('RequestMeetingConvening', { ...request('request:1', 'seat:1'), requestedOn: '2025' }))
      .then([event('MeetingConveningRequested', { ...request('request:1', 'seat:1'), requestedOn: '2025' })]);
    given(committeeWithThreshold())
      .when(when('RequestMeetingConvening', { ...request('request:1', 'seat:1'), requestedOn: '2025-09' }))
      .thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-09' });
  });

  it('D1 a seat with a pending request cannot ask again', () =>
    given([...committeeWithThreshold(), event('MeetingConveningRequested', request('request:1', 'seat:1'))])
      .when(when('RequestMeetingConvening', request('request:2', 'seat:1')))
      .thenThrows(Code.DuplicateConveningRequest, { pendingRequestId: 'request:1' }));

  it('once a meeting answers the request, the seat may ask again', () =>
    given([...committeeWithThreshold(), event('MeetingConveningRequested', request('request:1', 'seat:1')), meetingScheduled('meeting:1', { answersRequestIds: ['request:1'] })])
      .when(when('RequestMeetingConvening', request('request:2', 'seat:1')))
      .then([event('MeetingConveningRequested', request('request:2', 'seat:1'))]));

  it('only an active seat of the instance may ask', () =>
    given(seatedCommittee()).when(when('RequestMeetingConvening', request('request:1', 'seat:9'))).thenThrows(Code.RequesterNotSeated));

  it('a vacated seat may not ask', () =>
    given([...seatedCommittee(), event('InstanceSeatVacated', { seatId: 'seat:1', instanceId: 'instance:copil', effectiveOn: '2026-01', reason: 'départ' })])
      .when(when('RequestMeetingConvening', request('request:1', 'seat:1')))
      .thenThrows(Code.RequesterNotSeated));

  it('a request id is used once', () =>
    given([...seatedCommittee(), event('MeetingConveningRequested', request('request:1', 'seat:1'))])
      .when(when('RequestMeetingConvening', request('request:1', 'seat:2')))
      .thenThrows(Code.ConveningRequestAlreadyExists));

  it('an unknown instance is refused', () =>
    given(seatedCommittee()).when(when('RequestMeetingConvening', { ...request('request:1', 'seat:1'), instanceId: 'instance:x' })).thenThrows(Code.InstanceNotFound));
});
