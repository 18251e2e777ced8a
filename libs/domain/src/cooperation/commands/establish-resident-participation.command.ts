import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { ResidentParticipationEstablished } from '../events/index.js';

export type EstablishResidentParticipation = Command<'EstablishResidentParticipation', ResidentParticipationEstablished['data']>;

export const establishResidentParticipation = (
  command: EstablishResidentParticipation,
  state: CooperationState,
  directory: Directory,
): ResidentParticipationEstablished[] => {
  const { data } = command;
  const groupId = data.residentsGroupOrganisationId;
  ensure(directory.organisation(groupId)?.kind === 'residentsGroup', Code.NotAResidentsGroup, { organisationId: groupId });
  ensureActiveParticipant(state, groupId);
  if (data.facilitatedByOrganisationId) ensureActiveParticipant(state, data.facilitatedByOrganisationId);
  if (data.reservedSeats) {
    ensure(state.instances[data.reservedSeats.instanceId], Code.InstanceNotFound, { instanceId: data.reservedSeats.instanceId });
  }
  return [{ type: 'ResidentParticipationEstablished', data }];
};
