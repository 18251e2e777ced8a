import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeParticipant, type CooperationState } from '../cooperation.state.js';
import type { MemberJoined } from '../events/index.js';

export type AdmitMember = Command<'AdmitMember', MemberJoined['data']>;

export const admitMember = (command: AdmitMember, state: CooperationState, directory: Directory): MemberJoined[] => {
  const { organisationId, joinedOn } = command.data;
  ensure(directory.organisation(organisationId), Code.OrganisationNotRegistered, { organisationId });
  ensure(!activeParticipant(state, organisationId), Code.AlreadyParticipant, { organisationId });
  ensure(!(state.proposedOn && isDefinitelyBefore(joinedOn, state.proposedOn)), Code.JoinedBeforeProposal, {
    joinedOn,
    proposedOn: state.proposedOn,
  });
  return [{ type: 'MemberJoined', data: command.data }];
};
