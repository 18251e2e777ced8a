import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { normaliseName } from '../../shared/text.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CooperationProposed } from '../events/index.js';

export type ProposeCooperation = Command<
  'ProposeCooperation',
  Omit<CooperationProposed['data'], 'proposedOn'> & { proposedOn?: string }
>;

/** Two territories overlap when one is the other or lies inside it. */
const territoriesOverlap = (directory: Directory, a: readonly string[], b: readonly string[]): boolean =>
  a.some((x) => b.some((y) => directory.territoryWithAncestors(x).has(y) || directory.territoryWithAncestors(y).has(x)));

export const proposeCooperation = (
  command: ProposeCooperation,
  _state: CooperationState,
  directory: Directory,
): CooperationProposed[] => {
  const { data, metadata } = command;
  for (const territoryId of data.territoryIds) {
    ensure(directory.territory(territoryId), Code.TerritoryNotFound, { territoryId });
  }
  for (const organisationId of data.initiatorOrganisationIds) {
    ensure(directory.organisation(organisationId), Code.OrganisationNotRegistered, { organisationId });
  }
  if (data.programmeId) {
    ensure(directory.programme(data.programmeId), Code.ProgrammeNotFound, { programmeId: data.programmeId });
  }
  if (data.predecessorCooperationId) {
    ensure(directory.cooperation(data.predecessorCooperationId), Code.PredecessorNotFound, {
      cooperationId: data.predecessorCooperationId,
    });
  }
  const name = normaliseName(data.name);
  for (const other of directory.cooperations()) {
    const clash = !other.closed && normaliseName(other.name) === name && territoriesOverlap(directory, other.territoryIds, data.territoryIds);
    ensure(!clash, Code.CooperationNameAlreadyUsed, { name: data.name, existingCooperationId: other.cooperationId });
  }
  const proposedOn = data.proposedOn ?? metadata.occurredAt?.date ?? metadata.today;
  return [{ type: 'CooperationProposed', data: { ...data, proposedOn } }];
};
