import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { seatsOn, type CooperationState } from '../cooperation.state.js';
import { MANDATES_FOR_SUBJECT, seatsNeeded, type DecisionSubjectType } from '../cooperation.vocabulary.js';
import type { DecisionRecorded } from '../events/index.js';
import { instanceSittingOn } from './active-instance.js';

export type RecordDecision = Command<'RecordDecision', DecisionRecorded['data']>;

/** Subjects that name something already on record; the others (an orientation, an action to retain) may name what is to come. */
const subjectExists: Partial<Record<DecisionSubjectType, (ref: string, state: CooperationState, directory: Directory) => boolean>> = {
  charterAdoption: (ref, state) => Boolean(state.charters[ref]),
  charterAmendment: (ref, state) => Boolean(state.charters[ref]) || Object.values(state.charters).some((c) => c.amendments.some((a) => a.amendmentId === ref)),
  memberAdmission: (ref, _state, directory) => Boolean(directory.organisation(ref)),
  roleAssignment: (ref, state, directory) => Boolean(state.roles[ref] ?? directory.organisation(ref)),
  fundingAllocation: (ref, state) => Boolean(state.commitments[ref] ?? state.actions[ref]),
  evaluationApproval: (ref, state) => state.evaluationIds.includes(ref),
};

export const recordDecision = (command: RecordDecision, state: CooperationState, directory: Directory): DecisionRecorded[] => {
  const { data } = command;
  ensure(!state.decisions[data.decisionId], Code.DecisionAlreadyExists, { decisionId: data.decisionId });
  const instance = instanceSittingOn(state, data.instanceId, data.decidedOn);
  ensure(Boolean(data.meetingId) !== Boolean(data.writtenProcedure), Code.DecisionVenueRequired);
  const allowedBy = MANDATES_FOR_SUBJECT[data.subjectType];
  ensure(instance.mandate.some((m) => allowedBy.includes(m)), Code.DecisionOutsideMandate, {
    subjectType: data.subjectType,
    mandate: instance.mandate,
    requires: allowedBy,
  });
  if (data.meetingId) {
    const meeting = state.meetings[data.meetingId];
    ensure(meeting, Code.MeetingNotFound, { meetingId: data.meetingId });
    ensure(meeting.instanceId === data.instanceId, Code.MeetingOfAnotherInstance, { meetingId: data.meetingId, instanceId: meeting.instanceId });
    ensure(meeting.status === 'held', Code.MeetingNotHeld, { meetingId: data.meetingId, status: meeting.status });
    if (instance.quorum !== undefined) {
      const seats = seatsOn(state, instance.instanceId, meeting.heldOn!).length;
      const required = seatsNeeded(instance.quorum, seats);
      // Seats present, not attendance lines: a seat listed twice is one seat.
      const present = new Set(meeting.attendeeSeatIds).size;
      ensure(present >= required, Code.QuorumNotMet, { present, required, seats });
    }
  }
  if (data.subjectRef) {
    const exists = subjectExists[data.subjectType];
    ensure(!exists || exists(data.subjectRef, state, directory), Code.DecisionSubjectNotFound, { subjectType: data.subjectType, subjectRef: data.subjectRef });
    const final = Object.values(state.decisions).find(
      (d) => d.subjectType === data.subjectType && d.subjectRef === data.subjectRef && d.outcome === 'approved',
    );
    ensure(!final || data.revisits === final.decisionId, Code.SubjectAlreadyDecided, { decisionId: final?.decisionId });
  }
  if (data.revisits) ensure(state.decisions[data.revisits], Code.DecisionNotFound, { decisionId: data.revisits });
  return [{ type: 'DecisionRecorded', data }];
};
