import type { CooperationEvent } from '../cooperation/events/index.js';
import { CITEES, citeesMembers, event, seat, steeringCommittee } from './fixtures.js';

type DataOf<T extends CooperationEvent['type']> = Extract<CooperationEvent, { type: T }>['data'];

/** Seats `seat:1`…`seat:5` of the CITÉES members on the steering committee, from 2025-10. */
export const seatedCommittee = (): CooperationEvent[] => [...citeesMembers(), steeringCommittee(), ...CITEES.map((id, i) => seat(`seat:${i + 1}`, id))];

/** The Resto Passerelle groupe de pilotage: convened by a third of its seats, quorum of half (scenario D). */
export const committeeWithThreshold = (): CooperationEvent[] => [
  ...citeesMembers(),
  event('GovernanceInstanceCreated', {
    ...(steeringCommittee().data as DataOf<'GovernanceInstanceCreated'>),
    frequency: { kind: 'annual', atLeast: true },
    conveningThreshold: 1 / 3,
    quorum: 0.5,
  }),
  ...CITEES.map((id, i) => seat(`seat:${i + 1}`, id)),
];

export const meetingScheduled = (meetingId = 'meeting:1', extra: Partial<DataOf<'MeetingScheduled'>> = {}) =>
  event('MeetingScheduled', {
    meetingId,
    instanceId: 'instance:copil',
    scheduledFor: '2025-12-10',
    location: 'Marseille',
    agenda: ['adoption de la charte'],
    parts: [],
    answersRequestIds: [],
    ...extra,
  });

export const meetingHeld = (meetingId = 'meeting:1', seatIds = ['seat:1', 'seat:2', 'seat:3'], heldOn = '2025-12-10') =>
  event('MeetingHeld', { meetingId, heldOn, attendees: seatIds.map((seatId) => ({ seatId })), apologies: [] });

export const decisionRecorded = (decisionId = 'decision:1', extra: Partial<DataOf<'DecisionRecorded'>> = {}) =>
  event('DecisionRecorded', {
    decisionId,
    instanceId: 'instance:copil',
    meetingId: 'meeting:1',
    subjectType: 'orientation',
    outcome: 'approved',
    text: 'Priorité à l’accès aux soins',
    consensus: true,
    decidedOn: '2025-12-10',
    ...extra,
  });
